import * as vscode from 'vscode';
import { API_DEMO_PREFIXES, apiDemoSecrets } from '../../../src/demo/generic/apiRoutes';
import type { TimelineViewerApi } from '../../../src/extension';
import type { CategoryNode } from '../../../src/ui/tree/nodes';
import { snap } from '../scenes';
import { connectionNode, is } from '../treeUtil';
import { idle } from '../util';

/** Stripe's events read by its preset from the demo server: categories from the type's prefix. */
export async function runGenericScene(api: TimelineViewerApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  const server = await api.demo.start();
  const preset = 'stripe-events';
  await vscode.commands.executeCommand('timelineViewer.addConnection', {
    id: 'stripe-demo',
    name: 'Stripe (demo)',
    kind: 'generic',
    preset,
    baseUrl: server.url + API_DEMO_PREFIXES[preset],
    secrets: { generic: apiDemoSecrets(server.token)[preset] },
  });
  const node = connectionNode(api, 'stripe-demo');
  api.tree.getChildren(node);
  await idle(node.session);
  await api.treeView.reveal(node, { expand: true, select: true });
  const first = api.tree.getChildren(node).find((n) => is(n, 'category')) as CategoryNode | undefined;
  if (first) await api.treeView.reveal(first, { expand: true });
  await snap('tree-generic');
}
