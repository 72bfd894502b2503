import * as vscode from 'vscode';
import type { TimeFormat } from '../../core/time';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import { onDidChangeSavedSearches } from '../model/savedSearches';
import type { Session } from '../model/session';
import type { StandIns } from '../standIns';
import { exportCommand } from './exportCommand';
import { loadUntilCommand } from './loadUntilCommand';
import type { ConnectionTarget } from './targets';
import { type CategoryNode, ConnectionNode, type ErrorNode, type LoadMoreNode, type ShowMoreNode } from './nodes';
import { TimelineTreeProvider } from './provider';
import { revealRow } from './revealRow';
import { type SearchResultsNode } from './searchNodes';
import { TimelineStatusBar } from './statusBar';
import type { TimelineView } from './timelineView';
import { onDidChangeTimeFormat, switchTimeFormat } from './timeFormat';
import { CATEGORY_CHUNK } from './treeNode';

/** The tree view, its status bar, and the commands on its rows: Refresh, Load More, Load Until, Retry, Show More, Switch Time Format, Export. */
export function registerTree(context: vscode.ExtensionContext, { sessions }: Model, standIns: StandIns): TimelineView {
  const tree = new TimelineTreeProvider(sessions);
  const { treeView } = standIns;
  const statusBar = new TimelineStatusBar(sessions);
  const reveal = async (session: Session, options: { focus?: boolean; select?: boolean } = {}): Promise<void> => {
    await revealRow(treeView, tree.connectionNode(session), { expand: true, focus: options.focus ?? false, select: options.select ?? false });
  };
  context.subscriptions.push(
    tree,
    standIns.useTree(tree),
    statusBar,
    onDidChangeTimeFormat(() => tree.refreshAll()),
    onDidChangeSavedSearches(() => tree.refreshAll()),
    registerCommand('refresh', (node?: ConnectionNode) => {
      const targets = node instanceof ConnectionNode ? [node.session] : sessions.list();
      for (const s of targets) s.reset();
    }),
    registerCommand('loadMore', (node?: LoadMoreNode | ConnectionNode) => {
      const session = node instanceof ConnectionNode ? node.session : node?.connectionNode.session;
      return session?.loadMore();
    }),
    registerCommand('loadUntil', (target?: ConnectionTarget, instant?: unknown) => loadUntilCommand(sessions, target, instant)),
    registerCommand('retry', (node: ErrorNode) => node.connectionNode.session.loadMore()),
    registerCommand('showMore', (node: ShowMoreNode) => {
      node.categoryNode.shown += CATEGORY_CHUNK;
      tree.refresh(node.categoryNode);
    }),
    registerCommand('switchTimeFormat', (format?: TimeFormat) => switchTimeFormat(format)),
    registerCommand('export', (target?: ConnectionNode | CategoryNode | SearchResultsNode | Parameters<typeof exportCommand>[1]) => exportCommand(sessions, target)),
  );
  return { tree, treeView, statusBar, reveal };
}
