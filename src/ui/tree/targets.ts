import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { isTenant } from '../model/accounts';
import { ConnectionNode, EventNode } from './nodes';
import { TenantNode } from './tenantNode';
import { TreeNode } from './treeNode';

/**
 * What a command is pointed at: a row of the tree it was invoked on (any row under a connection), a connection
 * id from a script or keybinding, or nothing (ask).
 */
export type ConnectionTarget = TreeNode | string | undefined;

export interface PickOptions {
  readonly placeHolder: string;
  /** Only these connections are offered. */
  readonly eligible?: (session: Session) => boolean;
  /** With one connection or none eligible, take it without asking. */
  readonly takeOnly?: boolean;
  /** What the pick shows beside a connection's name (its kind, by default). */
  readonly describe?: (session: Session) => string;
  /** Tenants are offered too (they have settings and a secret, but no timeline of their own). */
  readonly tenants?: boolean;
}

/** The connection of a row or an id, without asking; an unknown id is said in the one message for it. */
export function knownSession(sessions: SessionRegistry, target: TreeNode | string): Session | undefined {
  if (typeof target !== 'string') return rowSession(target);
  const session = sessions.get(target);
  if (!session) void vscode.window.showErrorMessage(vscode.l10n.t('No connection has the id "{0}".', displayText(target, 80)));
  return session;
}

/** The connection of a row or an id; with no target, the one the user picks. */
export async function targetSession(sessions: SessionRegistry, target: ConnectionTarget, options: PickOptions): Promise<Session | undefined> {
  if (target !== undefined) return knownSession(sessions, target);
  const candidates = sessions.list().filter((s) => (options.tenants || !isTenant(s.connection)) && (options.eligible ?? (() => true))(s));
  if (options.takeOnly && candidates.length <= 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: displayText(s.connection.name, 120), description: options.describe?.(s) ?? describeKind(s), session: s })),
    { placeHolder: options.placeHolder },
  );
  return picked?.session;
}

/** An account says which tenant it is under; anything else its kind. */
function describeKind({ connection }: Session): string {
  return connection.tenant ? vscode.l10n.t('account of {0}', displayText(connection.tenant.name, 60)) : connection.kind;
}

/** The connection a row sits under (a tenant's own row: the tenant). */
function rowSession(node: TreeNode): Session | undefined {
  for (let n: TreeNode | undefined = node; n; n = n.parent) if (n instanceof ConnectionNode || n instanceof TenantNode) return n.session;
  return undefined;
}

export interface EventTarget {
  readonly session: Session;
  readonly event: TimelineEvent;
}

/** A command's event: a tree node, or `{ connectionId, eventId }` of a loaded event when scripted. */
export function eventTarget(sessions: SessionRegistry, target: unknown): EventTarget | undefined {
  if (target instanceof EventNode) return { session: target.session, event: target.event };
  if (typeof target !== 'object' || target === null) return undefined;
  const { connectionId, eventId } = target as Record<string, unknown>;
  if (typeof connectionId !== 'string' || typeof eventId !== 'string') return undefined;
  const session = knownSession(sessions, connectionId);
  const event = session?.timeline.event(eventId);
  return session && event ? { session, event } : undefined;
}

/**
 * The connection an inspector's event belongs to: the one holding it, else (a panel restored after a reload) the
 * one holding an event with its id, else the one of the panel's connection name.
 */
export function sessionOf(sessions: SessionRegistry, event: TimelineEvent, connectionName: string): Session | undefined {
  const all = sessions.list();
  return (
    all.find((s) => s.timeline.event(event.id) === event) ??
    all.find((s) => s.timeline.event(event.id) !== undefined) ??
    all.find((s) => s.connection.name === connectionName)
  );
}
