import * as vscode from 'vscode';
import { reindentJson } from '../../../src/core/jsonFormat';
import { rawText } from '../../../src/core/rawPage';
import type { CategoryNode, ConnectionNode, EventNode, TreeNode } from '../../../src/ui/tree/nodes';
import { snap } from '../scenes';
import { activateExtension, idle, nextRender } from '../util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/**
 * Sets the real workbench up as a user would see it and asks the browser driver for a picture of each
 * scene: the demo tree expanded to an event, that event's panel and JSON document, in dark and light themes.
 */
export async function run(): Promise<void> {
  const workbench = vscode.workspace.getConfiguration('workbench');
  // The workbench would otherwise follow the (light) system scheme of the headless browser.
  await vscode.workspace.getConfiguration('window').update('autoDetectColorScheme', false, vscode.ConfigurationTarget.Global);
  await workbench.update('colorTheme', 'Dark 2026', vscode.ConfigurationTarget.Global);
  const api = await activateExtension();
  await vscode.commands.executeCommand('timelineViewer.tryDemo');
  const demo = api.tree.getChildren().find((n) => kind(n).startsWith('connection')) as ConnectionNode;
  api.tree.getChildren(demo);
  await idle(demo.session);
  await vscode.commands.executeCommand('timelineViewer.loadMore', demo);

  // The event carrying the values JavaScript cannot hold (12345678901234567890, 1.10): the panel must keep them.
  const categories = api.tree.getChildren(demo).filter((n) => kind(n) === 'category') as CategoryNode[];
  const events = categories.flatMap((c) => c.children().filter((n) => kind(n).startsWith('event')) as EventNode[]);
  const shown = events.find((n) => rawText(n.event.raw).includes('12345678901234567890')) ?? events[0];
  await api.treeView.reveal(shown, { select: true, focus: true, expand: true });
  await snap('tree');

  const exact = reindentJson(rawText(shown.event.raw));
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name), exact);
  await snap('event-panel');

  await vscode.commands.executeCommand('timelineViewer.openEventDocument', shown);
  await snap('event-document');

  await workbench.update('colorTheme', 'Light 2026', vscode.ConfigurationTarget.Global);
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name));
  await snap('event-panel-light');

  await workbench.update('colorTheme', 'Default High Contrast', vscode.ConfigurationTarget.Global);
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name));
  await snap('event-panel-high-contrast');
}
