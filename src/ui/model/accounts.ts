import * as vscode from 'vscode';
import type { AccountRef } from '../../sources/pismoAuth';
import type { Connection } from './connection';

/** The accounts a tenant keeps open at most; the oldest opened is closed past it. */
const MAX_OPEN = 20;
/** Account ids offered again by Open Account, newest first. */
const MAX_RECENT = 20;
const KEY = 'timelineViewer.tenantAccounts';

/** A Pismo connection that mints tokens reads no timeline of its own: its accounts do, each under it. */
export function isTenant(connection: Connection): boolean {
  return connection.kind === 'pismo' && (connection.auth === 'serverKey' || connection.auth === 'oauth') && connection.tenant === undefined;
}

/** The account's connection id: stable across reloads, so scripts, filters and links keep finding it. */
export function accountConnectionId(tenantId: string, ref: AccountRef): string {
  return `${tenantId}/${ref.external ? 'external:' : ''}${ref.accountId}`;
}

/** How the tree names an account: its number, or its external id marked as one. */
export function accountName(ref: AccountRef): string {
  return ref.external ? vscode.l10n.t('external {0}', ref.accountId) : ref.accountId;
}

/**
 * An account under a tenant as a connection of its own, so it has its own session (timeline, filter, Find, live
 * tail) and its own token cache. It reads with the tenant's secret, which stays stored under the tenant's id.
 */
export function accountConnection(tenant: Connection, ref: AccountRef): Connection {
  return { ...tenant, id: accountConnectionId(tenant.id, ref), name: accountName(ref), accountId: ref.accountId, externalAccount: ref.external || undefined, tenant };
}

/** An account id as typed or passed: digits for Pismo's id, `external:` (or any other text) for the tenant's own. */
export function parseAccountRef(text: string): AccountRef | undefined {
  const trimmed = text.trim();
  const external = /^external:\s*/i.exec(trimmed);
  const id = external ? trimmed.slice(external[0].length) : trimmed;
  // eslint-disable-next-line no-control-regex -- an id is one line of visible text, sent in a JSON body
  if (id === '' || id.length > 200 || /[\u0000-\u001f\u007f]/.test(id)) return undefined;
  return { accountId: id, external: external !== null || !/^\d+$/.test(id) || undefined };
}

interface Remembered {
  open: AccountRef[];
  recent: AccountRef[];
}

const same = (a: AccountRef, b: AccountRef): boolean => a.accountId === b.accountId && !a.external === !b.external;

/**
 * Which accounts each tenant has open and recently had, by id only: tokens are never stored. Kept in global
 * state, so a tenant's accounts come back in every window. A tenant whose settings name an `accountId` starts
 * with that account open.
 */
export class TenantAccounts {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  open(tenant: Connection): readonly AccountRef[] {
    return this.read(tenant).open;
  }

  recent(tenant: Connection): readonly AccountRef[] {
    return this.read(tenant).recent;
  }

  /** Whether the user has opened this account under the tenant before (a link may open it without asking). */
  known(tenant: Connection, ref: AccountRef): boolean {
    const { open, recent } = this.read(tenant);
    return [...open, ...recent].some((r) => same(r, ref));
  }

  async add(tenant: Connection, ref: AccountRef): Promise<void> {
    const { open, recent } = this.read(tenant);
    const clean = { accountId: ref.accountId, ...(ref.external ? { external: true } : {}) };
    if (open.some((r) => same(r, ref))) return this.remember(tenant, { open, recent: [clean, ...recent.filter((r) => !same(r, ref))] });
    await this.remember(tenant, { open: [...open, clean].slice(-MAX_OPEN), recent: [clean, ...recent.filter((r) => !same(r, ref))] });
  }

  async remove(tenant: Connection, ref: AccountRef): Promise<void> {
    const { open, recent } = this.read(tenant);
    await this.remember(tenant, { open: open.filter((r) => !same(r, ref)), recent });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(tenant: Connection): Remembered {
    const all = this.state.get<Record<string, unknown>>(KEY) ?? {};
    const entry = Object.hasOwn(all, tenant.id) ? (all[tenant.id] as Partial<Remembered> | undefined) : undefined;
    if (!entry) return { open: tenant.accountId ? [{ accountId: tenant.accountId }] : [], recent: [] };
    return { open: refs(entry.open), recent: refs(entry.recent) };
  }

  private async remember(tenant: Connection, value: Remembered): Promise<void> {
    const all = { ...(this.state.get<Record<string, unknown>>(KEY) ?? {}) };
    all[tenant.id] = { open: value.open, recent: value.recent.slice(0, MAX_RECENT) };
    await this.state.update(KEY, all);
    this.changed.fire();
  }
}

/** Remembered refs as stored, anything malformed left out (global state is ours, but a bad entry must not throw). */
function refs(list: unknown): AccountRef[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((r) => (r && typeof r === 'object' && typeof (r as AccountRef).accountId === 'string' ? [{ accountId: (r as AccountRef).accountId, ...((r as AccountRef).external ? { external: true } : {}) }] : []));
}

/**
 * Custom events may be sent through this connection: the demo, or a Pismo connection (an account's tenant) that
 * the user's own settings define with `"allowWrites": true`. A workspace's settings can never turn writes on,
 * not even by reusing the id of a user connection that allows them.
 */
export function writesAllowed(connection: Connection): boolean {
  const owner = connection.tenant ?? connection;
  if (owner.kind !== 'pismo') return false;
  return owner.demo === true || (owner.definedIn === 'user' && owner.allowWrites === true);
}
