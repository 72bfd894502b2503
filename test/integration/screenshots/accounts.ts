import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../../src/extension';
import type { ConnectionNode } from '../../../src/ui/tree/nodes';
import { snap } from '../scenes';
import { idle } from '../util';

const TENANT = 'demo-pismo-tenant';

/** The demo tenant with three accounts open (one expanded), then a custom event document with its Send lens. */
export async function runAccountsScene(api: TimelineViewerApi): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
  let last: string | undefined;
  for (const account of ['4242003', '4242004']) last = await vscode.commands.executeCommand<string>('timelineViewer.openAccount', TENANT, account);
  const session = last ? api.sessions.get(last) : undefined;
  if (!session) throw new Error('the account did not open');
  const row = api.tree.connectionNode(session) as ConnectionNode;
  api.tree.getChildren(row);
  await idle(session);
  await api.treeView.reveal(row, { expand: true, select: true, focus: true });
  await snap('tenant-accounts');
  await vscode.commands.executeCommand('timelineViewer.addCustomEvent', session.connection.id);
  await snap('custom-event');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
