import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { CategoryNode, ConnectionNode, EventNode } from '../../../src/ui/tree/nodes';
import type { TreeNode } from '../../../src/ui/tree/treeNode';
import { HOSTILE_PAYLOADS, zeroWidthType } from '../fixtures/hostilePayloads';
import { snap } from '../scenes';
import { activateExtension, idle, nextRender } from '../util';
import { useTheme } from './index';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/** One Pismo page of hostile events sharing a correlation id: the corpus, a 300,000-character zero-width type, prototype names. */
function hostilePage(): string {
  const item = (type: string, category: string, id: string, data = '{}'): string =>
    `{"type":${JSON.stringify(type)},"category":${JSON.stringify(category)},"tenant_account_timestamp":${JSON.stringify(id)},` +
    `"timestamp":"2022-02-15T20:27:02.151790540Z","correlation_id":"$(zap) \\u202Ecorr","data":${data}}`;
  const items = [
    ...HOSTILE_PAYLOADS.map((p, i) => item(p.label, 'HOSTILE', `payload-${i}`, p.item)),
    item(zeroWidthType(300_000), 'HOSTILE', 'zero-width'),
    item('valueOf', '__proto__', 'proto-1'),
    item('toString', 'constructor', 'proto-2'),
  ];
  return `{"has_next":false,"next_cursor":null,"items":[${items.join(',')}]}`;
}

/**
 * Hostile data as a user would meet it: the tree's rows, the inspector on the invisible-character payload, and
 * Show Related's results (a Find on the hostile correlation id) with codicon syntax kept as typed.
 */
export async function run(): Promise<void> {
  await vscode.workspace.getConfiguration('window').update('autoDetectColorScheme', false, vscode.ConfigurationTarget.Global);
  await useTheme('Dark 2026', vscode.ColorThemeKind.Dark);
  const api = await activateExtension();
  const body = hostilePage();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'scene-hostile',
      name: 'Hostile server $(zap)',
      kind: 'pismo',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      secrets: { token: 'scene-token' },
    });
    await vscode.commands.executeCommand('timelineViewer.timeline.focus');
    await vscode.commands.executeCommand('workbench.actions.treeView.timelineViewer.timeline.collapseAll');
    const connection = api.tree.getChildren().find((n) => (n as ConnectionNode).session?.connection.id === 'scene-hostile') as ConnectionNode;
    api.tree.getChildren(connection);
    await idle(connection.session);
    const categories = api.tree.getChildren(connection).filter((n) => kind(n) === 'category') as CategoryNode[];
    for (const c of categories) await api.treeView.reveal(c, { expand: true });
    const hostile = categories.find((c) => c.category.name === 'HOSTILE');
    const events = (hostile?.children() ?? []) as EventNode[];
    const invisible = events.find((e) => e.event.id === 'payload-8') ?? events[0];
    await api.treeView.reveal(invisible, { select: true, focus: true });
    await snap('hostile-tree');

    await nextRender(api.eventPanels.show(invisible.event, connection.session.connection.name));
    await snap('hostile-panel');

    await vscode.commands.executeCommand('timelineViewer.showRelated', invisible);
    await snap('hostile-related');
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'scene-hostile');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('timelineViewer.removeConnection', 'scene-hostile', { confirm: false });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
