import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { refuse, registerCommand } from '../command';
import type { Model } from '../model/model';
import type { Session } from '../model/session';
import { EventNode } from '../tree/nodes';
import { knownSession, targetSession } from '../tree/targets';
import type { TimelineView } from '../tree/timelineView';
import { type ChainHost, type ChainOutcome, ChainPanels } from './chainPanels';

/** A correlation id's chain of one connection, as a script passes it. */
interface ChainArgs {
  readonly connectionId?: unknown;
  readonly correlationId?: unknown;
}

/** Show Chain: a correlation chain as a waterfall, from an event row, the inspector or a script. */
export function registerChain(context: vscode.ExtensionContext, { sessions }: Model, { treeView }: TimelineView, host: ChainHost): ChainPanels {
  const panels = new ChainPanels(context.extensionUri, host);
  context.subscriptions.push(
    panels,
    registerCommand('showChain', async (target?: EventNode | ChainArgs): Promise<ChainOutcome | undefined> => {
      const chain = await chainTarget(sessions, target ?? selectedEvent(treeView));
      return chain && panels.show(chain.session, chain.correlationId);
    }),
  );
  return panels;
}

function selectedEvent(treeView: vscode.TreeView<unknown>): EventNode | undefined {
  const [node] = treeView.selection;
  return node instanceof EventNode && node.event.correlationId ? node : undefined;
}

/** The chain a command names: an event row's, a script's, or the one the user types. */
async function chainTarget(sessions: Model['sessions'], target: EventNode | ChainArgs | undefined): Promise<{ session: Session; correlationId: string } | undefined> {
  if (target instanceof EventNode) {
    const { correlationId } = target.event;
    return correlationId ? { session: target.session, correlationId } : undefined;
  }
  const { connectionId, correlationId } = target ?? {};
  if (connectionId !== undefined && typeof connectionId !== 'string') return refuse(vscode.l10n.t('Pass the connection id as text.'));
  if (correlationId !== undefined && (typeof correlationId !== 'string' || correlationId.trim() === '' || correlationId.length > 1000)) {
    return refuse(vscode.l10n.t('Pass the correlation ID as text of at most 1,000 characters.'));
  }
  const session = connectionId === undefined ? await targetSession(sessions, undefined, { placeHolder: vscode.l10n.t('Show a chain of which connection?'), takeOnly: true }) : knownSession(sessions, connectionId);
  if (!session) return undefined;
  const id =
    correlationId ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Show Chain'),
      prompt: vscode.l10n.t('The correlation ID whose events {0} shows as a waterfall', displayText(session.connection.name, 60)),
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Type a correlation ID.') : undefined),
    }));
  return id === undefined ? undefined : { session, correlationId: id.trim() };
}
