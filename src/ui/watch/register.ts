import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { NewerResult } from '../../core/timeline';
import type { TimeFormat } from '../../core/time';
import { exportCommand } from '../tree/exportCommand';
import { copyRequestAsCurl, type LastRequests } from '../connections/requestCurl';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { type LiveTails, newerMaxPages } from './liveTails';
import { switchTimeFormat } from '../tree/timeFormat';
import { ConnectionNode, ErrorNode, type GapNode } from '../tree/nodes';

export interface WatchCommandDeps {
  readonly sessions: SessionRegistry;
  readonly tails: LiveTails;
  readonly lastRequests: LastRequests;
}

type ConnectionTarget = ConnectionNode | ErrorNode | string | undefined;

/**
 * Check for Newer, Live tail, time format, Export and Copy Request as cURL. Each takes its inputs as arguments
 * (a node from the tree, or a connection id from scripts) and resolves to its result; it asks only for what
 * was not given.
 */
export function registerWatchCommands({ sessions, tails, lastRequests }: WatchCommandDeps): vscode.Disposable[] {
  const register = (id: string, handler: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(`timelineViewer.${id}`, handler as (...args: unknown[]) => unknown);
  const session = (target: ConnectionTarget, placeHolder: string): Promise<Session | undefined> => resolveSession(sessions, target, placeHolder);

  return [
    register('checkNewer', async (target?: ConnectionTarget): Promise<NewerResult | undefined> => {
      const s = await session(target, vscode.l10n.t('Check which connection for newer events?'));
      return s && checkNewer(s, tails);
    }),
    register('loadGap', async (node: GapNode): Promise<NewerResult | undefined> => checkNewer(node.categoryNode.session, tails, node.gap)),
    register('startLiveTail', async (target?: ConnectionTarget): Promise<string[]> => {
      const s = await session(target, vscode.l10n.t('Tail which connection?'));
      if (s) tails.start(s);
      return tails.tailingIds;
    }),
    register('stopLiveTail', async (target?: ConnectionTarget): Promise<string[]> => {
      const s = await session(target, vscode.l10n.t('Stop tailing which connection?'));
      if (s) tails.stop(s);
      return tails.tailingIds;
    }),
    register('switchTimeFormat', (format?: TimeFormat) => switchTimeFormat(format)),
    register('export', (target?: Parameters<typeof exportCommand>[1]) => exportCommand(sessions, target)),
    register('copyRequestAsCurl', async (target?: ConnectionTarget): Promise<string | undefined> => {
      const s = await session(target, vscode.l10n.t('Copy the last request of which connection?'));
      return s && copyRequestAsCurl(s.connection, lastRequests);
    }),
  ];
}

/** A check the user asked for: new events are marked; a failure is said in a message, nothing loaded is lost. */
async function checkNewer(session: Session, tails: LiveTails, gap?: GapNode['gap']): Promise<NewerResult | undefined> {
  try {
    const result = await session.checkNewer(newerMaxPages(), { gap, onResult: (r) => tails.mark(session, r) });
    if (!gap) {
      const text =
        result.added === 0
          ? vscode.l10n.t('{0}: no newer events.', session.connection.name)
          : result.gap
            ? vscode.l10n.t('{0}: {1} newer events, and more not loaded yet.', session.connection.name, result.added)
            : vscode.l10n.t('{0}: {1} newer events.', session.connection.name, result.added);
      vscode.window.setStatusBarMessage(text, 4000);
    }
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Checking "{0}" for newer events failed: {1} Events already loaded are kept.', displayText(session.connection.name, 80), displayText(e instanceof Error ? e.message : String(e), 500)));
    return undefined;
  }
}

async function resolveSession(sessions: SessionRegistry, target: ConnectionTarget, placeHolder: string): Promise<Session | undefined> {
  if (target instanceof ConnectionNode) return target.session;
  if (target instanceof ErrorNode) return target.connectionNode.session;
  if (typeof target === 'string') {
    const found = sessions.get(target);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('No connection with id "{0}".', target));
    return found;
  }
  const items = sessions.list().map((s) => ({ label: s.connection.name, description: s.connection.id, session: s }));
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.session;
}
