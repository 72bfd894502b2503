import type * as vscode from 'vscode';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { EventNode } from '../tree/nodes';
import type { TimelineView } from '../tree/timelineView';
import { FindCommands } from './findCommands';

/** Find in Timeline, Search Further, Clear Search Results and Show Related Events; links call the same FindCommands. */
export function registerFind(context: vscode.ExtensionContext, { sessions }: Model, { tree, treeView }: TimelineView): FindCommands {
  const find = new FindCommands(sessions, tree, treeView);
  context.subscriptions.push(
    registerCommand('find', (target?: Parameters<FindCommands['find']>[0]) => find.find(target)),
    registerCommand('searchFurther', (connectionId: string, maxPages?: number) => find.searchFurther(connectionId, maxPages)),
    registerCommand('clearFind', (target: Parameters<FindCommands['clear']>[0]) => find.clear(target)),
    registerCommand('showRelated', (node: EventNode) => find.related(node)),
  );
  return find;
}
