import * as vscode from 'vscode';
import { reindentJson } from '../../../src/core/jsonFormat';
import { rawText } from '../../../src/core/rawPage';
import { SPANNING_CORRELATION_ID } from '../../../src/demo/pismoScenarios';
import type { CategoryNode, ConnectionNode, EventNode } from '../../../src/ui/tree/nodes';
import type { TreeNode } from '../../../src/ui/tree/treeNode';
import type { TimelineViewerApi } from '../../../src/extension';
import { snap } from '../scenes';
import { run as runHostile } from './hostile';
import { runActivityScene } from './activity';
import { runChainScene } from './chain';
import { runProfileScene } from './profile';
import { runGenericScene } from './generic';
import { runAccountsScene } from './accounts';
import { runPivotScenes } from './pivot';
import { runSearchScenes } from './search';
import { EXTENSION_ID, activateExtension, idle, nextRender, until } from '../util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/**
 * Sets the real workbench up as a user would see it and asks the browser driver for a picture of each
 * scene: the demo tree expanded to an event, that event's panel and JSON document, in dark and light themes.
 */
export async function run(): Promise<void> {
  // The workbench would otherwise follow the (light) system scheme of the headless browser.
  await vscode.workspace.getConfiguration('window').update('autoDetectColorScheme', false, vscode.ConfigurationTarget.Global);
  await useTheme('Dark 2026', vscode.ColorThemeKind.Dark);
  const api = await activateExtension();
  await vscode.commands.executeCommand('timelineViewer.timeline.focus');
  await snap('welcome');
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

  // Find: the results node at the top of the connection, with its matches and Search further (stopped at maxPages).
  await vscode.commands.executeCommand('timelineViewer.find', { connectionId: demo.session.connection.id, query: SPANNING_CORRELATION_ID, maxPages: 2 });
  const results = api.tree.getChildren(demo)[0];
  await api.treeView.reveal(results, { select: true, focus: true, expand: true });
  await snap('find-results');
  await vscode.commands.executeCommand('timelineViewer.clearFind', demo.session.connection.id);
  await runSearchScenes(api, demo);
  await vscode.commands.executeCommand('timelineViewer.clearFilter', demo.session.connection.id);

  // Both demo connections collapsed but TalentLMS, whose categories come from the platform's own table.
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  const talent = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && n !== demo) as ConnectionNode;
  api.tree.getChildren(talent);
  await idle(talent.session);
  await api.treeView.reveal(talent, { expand: true });
  const course = (api.tree.getChildren(talent).filter((n) => kind(n) === 'category') as CategoryNode[]).find((c) => c.category.name === 'Course');
  if (course) await api.treeView.reveal(course, { expand: true });
  await snap('tree-talentlms');

  // A filtered connection: the filter on the node and as its first row, only the matching categories.
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  await vscode.commands.executeCommand('timelineViewer.filter', demo.session.connection.id, { categories: ['CARD', 'DISPUTE'], since: '2025-06-20', until: '2025-06-30' });
  await idle(demo.session);
  await api.treeView.reveal(demo, { expand: true });
  const dispute = (api.tree.getChildren(demo).filter((n) => kind(n) === 'category') as CategoryNode[]).find((c) => c.category.name === 'DISPUTE');
  if (dispute) await api.treeView.reveal(dispute, { expand: true });
  await snap('tree-filtered');
  await vscode.commands.executeCommand('timelineViewer.clearFilter', demo.session.connection.id);

  // A live tail on the Pismo demo: events the server appends show marked new, the view's badge counts them,
  // the status bar names the connection tailing, rows show local clock times.
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  await vscode.workspace.getConfiguration('timelineViewer').update('liveTail.intervalSeconds', 2, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('timelineViewer.startLiveTail', demo.session.connection.id);
  const before = demo.session.timeline.eventCount;
  (await api.demo.start()).appendEvents(4);
  await until(demo.session.onDidChange, () => demo.session.timeline.eventCount >= before + 4, 'the appended events');
  const newest = demo.session.timeline.categories.map((c) => c.events[0]).sort((a, b) => (a.sortKey < b.sortKey ? 1 : -1))[0];
  const newestNode = (api.tree.getChildren(demo).filter((n) => kind(n) === 'category') as CategoryNode[])
    .flatMap((c) => c.children())
    .find((n) => kind(n).startsWith('event') && (n as EventNode).event.id === newest.id) as EventNode;
  await api.treeView.reveal(newestNode, { select: false, focus: false, expand: true });
  await snap('live-tail');
  await vscode.commands.executeCommand('timelineViewer.stopLiveTail', demo.session.connection.id);
  await vscode.workspace.getConfiguration('timelineViewer').update('liveTail.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);

  await api.treeView.reveal(shown, { select: true, focus: true, expand: true });
  const exact = reindentJson(rawText(shown.event.raw));
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name), exact);
  await snap('event-panel');

  await vscode.commands.executeCommand('timelineViewer.openEventDocument', shown);
  await snap('event-document');

  await runPivotScenes(api);

  // The Get Started walkthrough, its images read from the extension's media/walkthrough; without the side
  // bar, so the editor is wide enough to show a step's image beside the steps.
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
  await snap('walkthrough');
  await vscode.commands.executeCommand('timelineViewer.timeline.focus');

  await runChainScene(api, 'chain', true);
  await runActivityScene(api, 'activity');
  await runProfileScene(api, 'type-profile', true);
  await useTheme('Light 2026', vscode.ColorThemeKind.Light);
  await runChainScene(api, 'chain-light');
  await runActivityScene(api, 'activity-light');
  await runProfileScene(api, 'type-profile-light');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name));
  await snap('event-panel-light');

  await useTheme('Default High Contrast', vscode.ColorThemeKind.HighContrast);
  await runChainScene(api, 'chain-high-contrast');
  await runActivityScene(api, 'activity-high-contrast');
  await runProfileScene(api, 'type-profile-high-contrast');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await nextRender(api.eventPanels.show(shown.event, demo.session.connection.name));
  await snap('event-panel-high-contrast');

  await runHostile();
  await useTheme('Dark 2026', vscode.ColorThemeKind.Dark);
  await workspaceConnectionScene(api);
  await runGenericScene(api);
  await runAccountsScene(api);
}

/**
 * A user connection whose id a workspace's settings reuse with another address: the tree marks it as the
 * workspace's and shows the error node instead of sending the stored token there.
 */
async function workspaceConnectionScene(api: TimelineViewerApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  const server = await api.demo.start();
  await vscode.commands.executeCommand('timelineViewer.addConnection', { id: 'prod', name: 'Pismo prod', kind: 'pismo', baseUrl: server.url, secrets: { token: server.token } });
  const connections = [{ id: 'prod', name: 'Pismo prod', kind: 'pismo', baseUrl: 'https://collector.example.net/pismo' }];
  await vscode.workspace.getConfiguration('timelineViewer').update('connections', connections, vscode.ConfigurationTarget.Workspace);
  const prod = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === 'prod') as ConnectionNode;
  api.tree.getChildren(prod);
  await idle(prod.session);
  await api.treeView.reveal(prod, { expand: true, select: true, focus: true });
  await snap('workspace-connection');
}

/**
 * Switches the colour theme and waits until the workbench has applied it. A theme seeded in the settings
 * file is not always applied at start-up in the web workbench, so the setting is changed for real.
 */
export async function useTheme(id: string, kind: vscode.ColorThemeKind): Promise<void> {
  if (vscode.window.activeColorTheme.kind === kind) return;
  const applied = until(vscode.window.onDidChangeActiveColorTheme, () => vscode.window.activeColorTheme.kind === kind, `the ${id} theme`);
  const workbench = vscode.workspace.getConfiguration('workbench');
  if (workbench.get('colorTheme') === id) await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  await workbench.update('colorTheme', id, vscode.ConfigurationTarget.Global);
  await applied;
}
