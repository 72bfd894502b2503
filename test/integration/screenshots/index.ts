import * as vscode from 'vscode';
import type { CategoryNode, ConnectionNode, EventNode, TreeNode } from '../../../src/ui/tree/nodes';
import { snap } from '../scenes';
import { activateExtension, idle } from '../util';

/**
 * Sets the real workbench up as a user would see it and asks the browser driver for a picture of each
 * scene: the demo tree expanded to events, an event's JSON, and the same in a light theme.
 */
export async function run(): Promise<void> {
  const api = await activateExtension();
  await vscode.commands.executeCommand('timelineViewer.tryDemo');
  const demo = api.tree.getChildren().find((n) => n.toTreeItem().contextValue === 'connection') as ConnectionNode;
  api.tree.getChildren(demo);
  await idle(demo.session);
  await vscode.commands.executeCommand('timelineViewer.loadMore', demo);
  const categories = api.tree.getChildren(demo).filter((n) => n.toTreeItem().contextValue === 'category') as CategoryNode[];
  const category = categories.find((c) => c.category.name === 'TRANSACTION') ?? categories[0];
  const events = category.children().filter((n: TreeNode) => n.toTreeItem().contextValue?.startsWith('event')) as EventNode[];
  await api.treeView.reveal(events[2] ?? events[0], { select: true, focus: true, expand: true });
  await snap('tree');

  await vscode.commands.executeCommand('timelineViewer.openEvent', events[2] ?? events[0]);
  await snap('event-json');

  await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
  await snap('event-json-light');
}
