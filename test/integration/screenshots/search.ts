import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../../src/extension';
import type { ConnectionNode } from '../../../src/ui/tree/nodes';
import { snap } from '../scenes';
import { is } from '../treeUtil';
import { idle } from '../util';

/**
 * Find remembered and precise: the pick offering recent queries and saved searches, then the tree with a
 * field query's results, the Saved row and a connection loaded back to a date.
 */
export async function runSearchScenes(api: TimelineViewerApi, demo: ConnectionNode): Promise<void> {
  const id = demo.session.connection.id;
  const config = vscode.workspace.getConfiguration('timelineViewer');
  await config.update('savedSearches', [
    { name: 'Disputes this month', query: 'category:DISPUTE since:30d', connections: [id] },
    { name: 'Denied cash-ins', query: 'data.status:DENIED', filter: { categories: ['CASH_IN'] } },
  ], vscode.ConfigurationTarget.Workspace);
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  await vscode.commands.executeCommand('timelineViewer.refresh', demo);
  api.tree.getChildren(demo);
  await idle(demo.session);
  // three days back from the first page's oldest event
  const oldest = Math.min(...[...demo.session.timeline.events()].map((e) => Date.parse(e.timestamp)));
  await vscode.commands.executeCommand('timelineViewer.loadUntil', id, new Date(oldest - 3 * 86_400_000).toISOString());
  for (const query of ['MERCHANT_REVERSAL', 'timeout']) {
    await vscode.commands.executeCommand('timelineViewer.find', { connectionId: id, query, maxPages: 1 });
    await vscode.commands.executeCommand('timelineViewer.clearFind', id);
  }
  void vscode.commands.executeCommand('timelineViewer.find', { connectionId: id });
  await snap('find-pick');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

  await vscode.commands.executeCommand('timelineViewer.find', { connectionId: id, query: 'category:DISPUTE data.reason_code:12.6', maxPages: 5 });
  await api.treeView.reveal(demo, { expand: true });
  const children = api.tree.getChildren(demo);
  for (const kind of ['searchResults', 'savedSearches']) {
    const node = children.find((n) => is(n, kind));
    if (node) await api.treeView.reveal(node, { expand: true });
  }
  await snap('tree-search');
  await vscode.commands.executeCommand('timelineViewer.clearFind', id);
  await config.update('savedSearches', undefined, vscode.ConfigurationTarget.Workspace);
}
