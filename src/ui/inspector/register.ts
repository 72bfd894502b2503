import * as vscode from 'vscode';
import type { ConnectionCommands } from '../connections/connectionCommands';
import { DEMO_CONNECTIONS, type ConnectionStore } from '../model/connection';
import type { EventDocuments } from './eventDocument';
import type { EventPanelManager } from './eventPanel';
import { displayText } from '../../core/displayText';
import { formatJson } from '../../core/jsonFormat';
import { FindCommands } from '../find/findCommands';
import { rawText } from '../../core/rawPage';
import { asSentNote } from './asSentNote';
import type { SessionRegistry } from '../model/sessionRegistry';
import { ConnectionNode, type ErrorNode, EventNode, type LoadMoreNode, type ShowMoreNode } from '../tree/nodes';
import { CATEGORY_CHUNK } from '../tree/treeNode';
import type { TimelineTreeProvider } from '../tree/provider';

export interface CommandDeps {
  readonly store: ConnectionStore;
  readonly sessions: SessionRegistry;
  readonly tree: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly connections: ConnectionCommands;
  readonly documents: EventDocuments;
  readonly eventPanels: EventPanelManager;
}

/** Registers every command. Handlers are thin: the work lives in Session, Timeline and ConnectionCommands. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, sessions, tree, treeView, connections, documents, eventPanels } = deps;
  const find = new FindCommands(sessions, tree, treeView);
  const register = (id: string, handler: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(`timelineViewer.${id}`, handler as (...args: unknown[]) => unknown);

  return [
    register('tryDemo', async () => {
      await store.addDemo();
      const first = sessions.get(DEMO_CONNECTIONS[0].id);
      if (first) await treeView.reveal(tree.connectionNode(first), { expand: true, focus: true, select: true });
      return DEMO_CONNECTIONS.map((c) => c.id);
    }),
    register('addConnection', (args?: Parameters<ConnectionCommands['add']>[0]) => connections.add(args)),
    register('editConnection', (target?: ConnectionNode | string, changes?: Parameters<ConnectionCommands['edit']>[1], options?: { moveSecret?: boolean }) =>
      connections.edit(target, changes, options),
    ),
    register('removeConnection', (target?: ConnectionNode | string, options?: { confirm?: boolean }) => connections.remove(target, options)),
    register('setSecret', (target?: ConnectionNode | ErrorNode | string, secret?: Parameters<ConnectionCommands['setSecret']>[1]) => connections.setSecret(target, secret)),
    register('refresh', (node?: ConnectionNode) => {
      const targets = node instanceof ConnectionNode ? [node.session] : sessions.list();
      for (const s of targets) s.reset();
    }),
    register('loadMore', (node?: LoadMoreNode | ConnectionNode) => {
      const session = node instanceof ConnectionNode ? node.session : node?.connectionNode.session;
      return session?.loadMore();
    }),
    register('retry', (node: ErrorNode) => node.connectionNode.session.loadMore()),
    register('showMore', (node: ShowMoreNode) => {
      node.categoryNode.shown += CATEGORY_CHUNK;
      tree.refresh(node.categoryNode);
    }),
    register('openEvent', (node: EventNode) => eventPanels.show(node.event, node.session.connection.name)),
    register('openEventDocument', (node: EventNode) => documents.open(node.event, node.session.connection.id)),
    register('compareEvent', (node: EventNode) => documents.compare(node.event, node.session.connection.id)),
    register('showRelated', (node: EventNode) => find.related(node)),
    register('copyEventId', (node: EventNode) => copy(node, node.event.id)),
    register('copyCorrelationId', (node: EventNode) => copy(node, node.event.correlationId)),
    register('copyJson', (node: EventNode) => copyJson(node)),
    register('find', (target?: Parameters<FindCommands['find']>[0]) => find.find(target)),
    register('searchFurther', (connectionId: string, maxPages?: number) => find.searchFurther(connectionId, maxPages)),
    register('clearFind', (target: Parameters<FindCommands['clear']>[0]) => find.clear(target)),
  ];
}

async function copy(node: unknown, value: string | undefined, done = vscode.l10n.t('Copied {0}', displayText(value ?? '', { max: 80, icons: true }))): Promise<void> {
  if (!(node instanceof EventNode) || !value) return;
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(done, 2000);
}

/** Copies the event's JSON re-indented, or as sent with the reason when re-indenting would be too large. */
async function copyJson(node: unknown): Promise<void> {
  if (!(node instanceof EventNode)) return;
  const formatted = formatJson(rawText(node.event.raw));
  const note = asSentNote(formatted);
  if (!note) return copy(node, formatted.text, vscode.l10n.t('Copied the event JSON'));
  await vscode.env.clipboard.writeText(formatted.text);
  void vscode.window.showInformationMessage(`${vscode.l10n.t('Copied the event JSON')}. ${note}`);
}
