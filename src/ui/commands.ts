import * as vscode from 'vscode';
import type { ConnectionCommands } from './connectionCommands';
import { DEMO_CONNECTIONS, type ConnectionStore } from './connection';
import { openEventDocument } from './eventDocument';
import type { SessionRegistry } from './sessions';
import { CATEGORY_CHUNK, ConnectionNode, type ErrorNode, EventNode, type LoadMoreNode, type ShowMoreNode } from './tree/nodes';
import type { TimelineTreeProvider } from './tree/provider';

export interface CommandDeps {
  readonly store: ConnectionStore;
  readonly sessions: SessionRegistry;
  readonly tree: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly connections: ConnectionCommands;
}

/** Registers every command. Handlers are thin: the work lives in Session, Timeline and ConnectionCommands. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, sessions, tree, treeView, connections } = deps;
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
    register('editConnection', (target?: ConnectionNode | string, changes?: Parameters<ConnectionCommands['edit']>[1]) => connections.edit(target, changes)),
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
    register('openEvent', (node: EventNode) => openEventDocument(node.session.connection.id, node.event)),
    register('copyEventId', (node: EventNode) => copy(node, node.event.id)),
    register('copyCorrelationId', (node: EventNode) => copy(node, node.event.correlationId)),
  ];
}

async function copy(node: unknown, value: string | undefined): Promise<void> {
  if (!(node instanceof EventNode) || !value) return;
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', value), 2000);
}
