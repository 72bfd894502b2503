import * as vscode from 'vscode';
import { parseFilter, type TimelineFilter } from '../../core/filter';
import { pickFilter } from './filterPick';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import type { TimelineTreeProvider } from '../tree/provider';
import { ConnectionNode, ErrorNode } from '../tree/nodes';
import { FilterNode } from '../tree/filterNode';

/** What a filter command is pointed at: a node it was invoked on, a connection id from a script, or nothing (ask). */
type Target = ConnectionNode | FilterNode | ErrorNode | string | undefined;

export interface FilterCommandDeps {
  readonly sessions: SessionRegistry;
  readonly tree: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
}

/**
 * `filter`, `clearFilter` and `filterLocally`. Scripts pass the connection id and the filter, and get the
 * filter applied (or a rejection with the sentence that says what is wrong); people are asked.
 */
export function registerFilterCommands(deps: FilterCommandDeps): vscode.Disposable[] {
  const register = (id: string, handler: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(`timelineViewer.${id}`, handler as (...args: unknown[]) => unknown);
  return [
    register('filter', async (target?: Target, input?: unknown): Promise<TimelineFilter | undefined> => {
      const session = await sessionFor(deps.sessions, target);
      if (!session) return undefined;
      const filter = input === undefined ? await pickFilter(session) : refuseInvalid(parseFilter(input));
      if (!filter) return undefined;
      await session.setFilter(filter);
      await show(deps, session);
      return filter;
    }),
    register('clearFilter', async (target?: Target): Promise<boolean> => {
      const session = await sessionFor(deps.sessions, target, (s) => s.filter !== undefined);
      if (!session?.filter) return false;
      await session.clearFilter();
      return true;
    }),
    register('filterLocally', async (target?: Target): Promise<TimelineFilter | undefined> => {
      const session = await sessionFor(deps.sessions, target, (s) => s.filter !== undefined);
      if (!session?.filter) return undefined;
      const filter = { ...session.filter, local: true };
      await session.setFilter(filter);
      await show(deps, session);
      return filter;
    }),
  ];
}

/** A script's invalid filter rejects the command with the sentence, which the user also sees. */
function refuseInvalid(parsed: TimelineFilter | { error: string }): TimelineFilter {
  if (!('error' in parsed)) return parsed;
  void vscode.window.showErrorMessage(parsed.error);
  throw new Error(parsed.error);
}

/** Reads the first page of the filtered timeline and opens the connection on it. */
async function show(deps: FilterCommandDeps, session: Session): Promise<void> {
  if (session.timeline.isFresh) void session.loadMore();
  if (deps.treeView.visible) await deps.treeView.reveal(deps.tree.connectionNode(session), { expand: true });
}

async function sessionFor(sessions: SessionRegistry, target: Target, eligible: (s: Session) => boolean = () => true): Promise<Session | undefined> {
  if (target instanceof ConnectionNode || target instanceof FilterNode) return target.session;
  if (target instanceof ErrorNode) return target.connectionNode.session;
  if (typeof target === 'string') {
    const session = sessions.get(target);
    if (!session) throw new Error(vscode.l10n.t('No connection has the id "{0}".', target));
    return session;
  }
  const candidates = sessions.list().filter(eligible);
  if (candidates.length <= 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: s.connection.name, description: s.connection.kind, session: s })),
    { placeHolder: vscode.l10n.t('Which connection?') },
  );
  return picked?.session;
}
