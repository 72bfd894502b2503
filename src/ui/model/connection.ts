import * as vscode from 'vscode';
import { PAGE_SIZE } from '../../core/limits';
import { accountConnection, isTenant, type TenantAccounts } from './accounts';

export type ConnectionKind = 'pismo' | 'talentlms' | 'generic';
export const CONNECTION_KINDS: readonly ConnectionKind[] = ['pismo', 'talentlms', 'generic'];
/** A timeline file opened for this window: never in settings. */
export const FILE_KIND = 'file';

/**
 * A timeline the user can open: where it lives and how to read it. Secrets are never part of it: they
 * live in SecretStorage under the connection's id.
 */
export interface Connection {
  readonly id: string;
  readonly name: string;
  /** Anything other than a known kind is kept, so the tree can say what to fix. */
  readonly kind: ConnectionKind | string;
  readonly baseUrl: string;
  /** Served by the in-process demo server; its base URL is known only once the server runs. */
  readonly demo?: boolean;
  /** TalentLMS `X-API-Version`. */
  readonly apiVersion?: string;
  /** Events per page; overrides `timelineViewer.pageSize`. */
  readonly pageSize?: number;
  /** Pismo: the query parameter carrying the cursor. */
  readonly cursorParam?: string;
  /** Pismo: `token` (paste an account token), `serverKey` or `oauth` (a tenant: mint a token per account). */
  readonly auth?: 'token' | 'serverKey' | 'oauth';
  /** Pismo tenant: the account open under it at first; an account's own id. */
  readonly accountId?: string;
  /** An account opened by the tenant's own (external) id for it. */
  readonly externalAccount?: boolean;
  /** An account's tenant: where its secret is stored, and the settings it reads with. */
  readonly tenant?: Connection;
  /** Pismo OAuth: the scope asked for (space-separated groups). */
  readonly scope?: string;
  /** Pismo: what the mint body calls the secret, `server_secret` (default) or `secret_key`. */
  readonly mintSecretField?: string;
  /** Pismo: custom events may be sent. Read from user settings only: a workspace can never turn it on. */
  readonly allowWrites?: boolean;
  /** Pismo: group the tree by `category` (default) or `type`. */
  readonly groupBy?: 'category' | 'type';
  /** Pismo: renames (`"type": "eventType"`) or turns off (`false`) each filter parameter. */
  readonly filterParams?: Readonly<Record<string, string | false | null>>;
  /** Generic: the id of the preset the mapping starts from (see GENERIC_PRESETS). */
  readonly preset?: string;
  /** Generic: the mapping as settings hold it, its keys over the preset's; checked before anything is sent. */
  readonly mapping?: unknown;
  /** A timeline file's path (kind "file"). */
  readonly file?: string;
  /** The settings level that defines it; absent for the demo and files. */
  readonly definedIn?: SettingsLevel;
  /** Defined by the workspace with the id of a user connection, which it hides. */
  readonly shadowsUser?: boolean;
}

/** User settings are the user's own; workspace settings come with whatever folder was opened. */
export type SettingsLevel = 'user' | 'workspace';

/** Keys that hold secrets: found in settings, they are offered to be moved to the secret store. */
export const SECRET_FIELDS = ['apiKey', 'api_key', 'token', 'accessToken', 'serverKey', 'server_key', 'serverSecret', 'server_secret', 'secret', 'password'] as const;

const OPTION_FIELDS = ['apiVersion', 'pageSize', 'cursorParam', 'auth', 'accountId', 'scope', 'mintSecretField', 'allowWrites', 'groupBy', 'filterParams', 'preset', 'mapping'] as const;
export const SETTING = 'connections';
const DEMO_KEY = 'timelineViewer.demoAdded';

/** The `X-API-Version` a TalentLMS connection sends unless its settings say another. */
export const DEFAULT_TALENTLMS_API_VERSION = '2025-01-01';

export const DEMO_CONNECTIONS: readonly Connection[] = [
  { id: 'demo-pismo', name: 'Demo · Pismo', kind: 'pismo', baseUrl: '', demo: true },
  { id: 'demo-talentlms', name: 'Demo · TalentLMS', kind: 'talentlms', baseUrl: '', demo: true, apiVersion: DEFAULT_TALENTLMS_API_VERSION },
  // The demo server's tenant: its server key mints a token for any of its accounts.
  { id: 'demo-pismo-tenant', name: 'Demo · Pismo tenant', kind: 'pismo', baseUrl: '', demo: true, auth: 'serverKey', accountId: '4242002' },
];

/** Reads one settings entry into a Connection, leaving out anything that is not a connection field. */
export function toConnection(entry: unknown, index: number): Connection | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  const id = typeof e.id === 'string' && e.id.trim() ? e.id.trim() : `connection-${index + 1}`;
  const connection: Record<string, unknown> = {
    id,
    name: typeof e.name === 'string' && e.name.trim() ? e.name.trim() : id,
    kind: typeof e.kind === 'string' ? e.kind : '',
    baseUrl: typeof e.baseUrl === 'string' ? e.baseUrl : '',
  };
  for (const key of OPTION_FIELDS) if (e[key] !== undefined) connection[key] = e[key];
  // Events per request, from any settings file: kept to the range the global setting allows.
  if (!(Number.isInteger(e.pageSize) && (e.pageSize as number) >= PAGE_SIZE.min && (e.pageSize as number) <= PAGE_SIZE.max)) delete connection.pageSize;
  return connection as unknown as Connection;
}

/** How the tree says where a connection comes from, for the tooltip; undefined for the user's own. */
export function definedByText(connection: Connection): string | undefined {
  if (connection.definedIn !== 'workspace') return undefined;
  return connection.shadowsUser
    ? vscode.l10n.t("Defined by this workspace's settings, in place of your user connection with the same id.")
    : vscode.l10n.t("Defined by this workspace's settings.");
}

/** The connections shown at the top of the tree: the demo (when tried) and those in settings. */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: Connection[] | undefined;
  /** The demo and configured connections, rebuilt only when settings change (not when an account opens). */
  private base: Connection[] | undefined;
  /** Accounts' connections by id, kept while their tenant is the same object, so their sessions survive. */
  private readonly accounts = new Map<string, Connection>();
  /** Timeline files opened in this window, after the configured connections. */
  private readonly files: Connection[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    readonly tenantAccounts: TenantAccounts,
  ) {
    this.subscription = vscode.Disposable.from(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`timelineViewer.${SETTING}`)) this.invalidate(true);
      }),
      // Trusting the workspace lets its connections in.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate(true)),
      tenantAccounts.onDidChange(() => this.invalidate()),
    );
  }

  /**
   * Stable objects between changes, so sessions (and what they loaded) survive unrelated refreshes. A tenant's
   * open accounts follow it.
   */
  list(): Connection[] {
    this.base ??= [...(this.state.get<boolean>(DEMO_KEY) ? DEMO_CONNECTIONS : []), ...this.configured()];
    this.cached ??= [...this.base.flatMap((c) => [c, ...(isTenant(c) ? this.tenantAccounts.open(c).map((ref) => this.account(c, ref)) : [])]), ...this.files];
    return this.cached;
  }

  /** The accounts open under a tenant, in the order they were opened. */
  accountsOf(tenant: Connection): Connection[] {
    return this.list().filter((c) => c.tenant === tenant);
  }

  private account(tenant: Connection, ref: { accountId: string; external?: boolean }): Connection {
    const made = accountConnection(tenant, ref);
    const kept = this.accounts.get(made.id);
    if (kept?.tenant === tenant) return kept;
    this.accounts.set(made.id, made);
    return made;
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** The connection as the user's own settings define it, even when a workspace entry hides it. */
  userConnection(id: string): Connection | undefined {
    const user = settingsLists().find((l) => l.level === 'user');
    return user?.list.map((entry, index) => toConnection(entry, index)).find((c) => c?.id === id);
  }

  async addDemo(): Promise<void> {
    if (this.state.get<boolean>(DEMO_KEY)) return;
    await this.state.update(DEMO_KEY, true);
    this.invalidate(true);
  }

  /** A timeline file, read-only and kept for this window only: nothing of it is written to settings. */
  addFile(connection: Connection): void {
    this.files.push(connection);
    this.invalidate();
  }

  /** New connections go to the user's settings. */
  async add(connection: Connection): Promise<void> {
    const config = vscode.workspace.getConfiguration('timelineViewer');
    const entries = objects(config.inspect<unknown[]>(SETTING)?.globalValue).filter((e) => e.id !== connection.id);
    await config.update(SETTING, [...entries, { ...connection }], vscode.ConfigurationTarget.Global);
    this.invalidate(true);
  }

  /** Changes a connection where it is defined (user or workspace settings), and nowhere else. */
  async update(connection: Connection, changes: Partial<Connection>): Promise<void> {
    const { id } = connection;
    // Where a connection is defined is read from settings, never written into them.
    const written = Object.fromEntries(Object.entries(changes).filter(([key]) => key !== 'definedIn' && key !== 'shadowsUser'));
    await this.rewrite(connection, (entries) => entries.map((e) => (e.id === id ? { ...e, ...written, id } : e)));
  }

  /** Removes a connection from the settings that define it (never another level's entry), or the demo. */
  async remove(connection: Connection): Promise<void> {
    if (connection.demo) {
      await this.state.update(DEMO_KEY, undefined);
      this.invalidate(true);
      return;
    }
    if (connection.kind === FILE_KIND) {
      const at = this.files.findIndex((c) => c.id === connection.id);
      if (at >= 0) this.files.splice(at, 1);
      this.invalidate();
      return;
    }
    await this.rewrite(connection, (entries) => entries.filter((e) => e.id !== connection.id));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** `settings`: the demo or configured connections may have changed, not only accounts or files. */
  private invalidate(settings = false): void {
    if (settings) this.base = undefined;
    this.cached = undefined;
    this.changed.fire();
  }

  /**
   * The user's connections and the workspace's together (VS Code would let a workspace list hide the user's
   * entirely); a workspace entry wins over a user entry with the same id, and says so.
   */
  private configured(): Connection[] {
    const byId = new Map<string, Connection>();
    for (const { list, level } of settingsLists()) {
      list.forEach((entry, index) => {
        const connection = toConnection(entry, index);
        if (!connection) return;
        const shadowsUser = level === 'workspace' && byId.get(connection.id)?.definedIn === 'user';
        byId.set(connection.id, { ...connection, definedIn: level, ...(shadowsUser ? { shadowsUser } : {}) });
      });
    }
    return [...byId.values()];
  }

  /** Applies `edit` to the settings list of the level that defines the connection, and only that one. */
  private async rewrite(connection: Connection, edit: (entries: Record<string, unknown>[]) => Record<string, unknown>[]): Promise<void> {
    const found = settingsLists().find((l) => l.level === connection.definedIn);
    const entries = objects(found?.list);
    if (found && entries.some((e) => e.id === connection.id)) {
      const edited = edit(entries);
      // An emptied list is removed, not left as [] that would shadow the other level's list.
      await vscode.workspace.getConfiguration('timelineViewer').update(SETTING, edited.length ? edited : undefined, found.target);
    }
    this.invalidate(true);
  }
}

/** The object entries of a settings list as written. */
function objects(list: unknown[] | undefined): Record<string, unknown>[] {
  return (list ?? []).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

/**
 * The connection lists as written in user and workspace settings (those that exist), with where each lives.
 * An untrusted workspace's list is left out (VS Code also hides it, as the setting is restricted).
 */
export function settingsLists(): { list: unknown[]; level: SettingsLevel; target: vscode.ConfigurationTarget }[] {
  const inspected = vscode.workspace.getConfiguration('timelineViewer').inspect<unknown[]>(SETTING);
  const lists = [
    { list: inspected?.globalValue, level: 'user' as const, target: vscode.ConfigurationTarget.Global },
    { list: vscode.workspace.isTrusted ? inspected?.workspaceValue : undefined, level: 'workspace' as const, target: vscode.ConfigurationTarget.Workspace },
  ];
  return lists.filter((e): e is { list: unknown[]; level: SettingsLevel; target: vscode.ConfigurationTarget } => Array.isArray(e.list));
}
