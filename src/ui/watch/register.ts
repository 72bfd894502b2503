import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { NewerResult } from '../../core/timeline';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { Session } from '../model/session';
import type { GapNode } from '../tree/nodes';
import type { TimelineView } from '../tree/timelineView';
import { type ConnectionTarget, targetSession } from '../tree/targets';
import { LiveTails, newerMaxPages } from './liveTails';

/**
 * Check for Newer, Load Gap and the live tail. Each takes its inputs as arguments (a row of the tree, or a
 * connection id from scripts) and resolves to its result; it asks only for what was not given.
 */
export function registerWatch(context: vscode.ExtensionContext, { sessions }: Model, { tree, treeView }: TimelineView): LiveTails {
  const tails = new LiveTails(sessions, treeView, (session) => tree.refresh(tree.connectionNode(session)));
  const session = (target: ConnectionTarget, placeHolder: string): Promise<Session | undefined> => targetSession(sessions, target, { placeHolder });
  context.subscriptions.push(
    tails,
    registerCommand('checkNewer', async (target?: ConnectionTarget): Promise<NewerResult | undefined> => {
      const s = await session(target, vscode.l10n.t('Check which connection for newer events?'));
      return s && checkNewer(s, tails);
    }),
    registerCommand('loadGap', async (node: GapNode): Promise<NewerResult | undefined> => checkNewer(node.categoryNode.session, tails, node.gap)),
    registerCommand('startLiveTail', async (target?: ConnectionTarget): Promise<string[]> => {
      const s = await session(target, vscode.l10n.t('Tail which connection?'));
      if (s) tails.start(s);
      return tails.tailingIds;
    }),
    registerCommand('stopLiveTail', async (target?: ConnectionTarget): Promise<string[]> => {
      const s = await session(target, vscode.l10n.t('Stop tailing which connection?'));
      if (s) tails.stop(s);
      return tails.tailingIds;
    }),
  );
  return tails;
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
