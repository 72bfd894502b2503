import type * as vscode from 'vscode';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { EventNode } from '../tree/nodes';
import type { TimelineView } from '../tree/timelineView';
import { FindCommands } from './findCommands';
import { QueryHistory } from './queryHistory';
import { SavedSearchCommands } from './savedSearchCommands';
import type { ConnectionTarget } from '../tree/targets';

/** Find in Timeline, Search Further, Clear Search Results, Show Related Events, Save Search and Run Saved Search; links call the same FindCommands. */
export function registerFind(context: vscode.ExtensionContext, { sessions, secrets }: Model, { tree, treeView }: TimelineView): FindCommands {
  const history = new QueryHistory(context.workspaceState, secrets, () => sessions.list().map((s) => s.connection.id));
  const find = new FindCommands(sessions, tree, treeView, history);
  const saved = new SavedSearchCommands(sessions, find, secrets);
  context.subscriptions.push(
    registerCommand('find', (target?: Parameters<FindCommands['find']>[0]) => find.find(target)),
    registerCommand('searchFurther', (connectionId: string, maxPages?: number) => find.searchFurther(connectionId, maxPages)),
    registerCommand('clearFind', (target: Parameters<FindCommands['clear']>[0]) => find.clear(target)),
    registerCommand('showRelated', (node: EventNode) => find.related(node)),
    registerCommand('saveSearch', (target?: ConnectionTarget, name?: string) => saved.save(target, name)),
    registerCommand('runSavedSearch', (name?: string, connectionId?: string) => saved.run(name, connectionId)),
  );
  return find;
}
