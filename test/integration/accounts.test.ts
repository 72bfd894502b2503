import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../src/extension';
import type { LinkOutcome } from '../../src/ui/links/uriHandler';
import type { SendOutcome } from '../../src/ui/customEvents/sendCustomEvent';
import type { ConnectionNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { EVENT_PANEL_COMMANDS, EventPanelManager } from '../../src/ui/inspector/eventPanel';
import { connectionNode, is } from './treeUtil';
import { EXTENSION_ID, activateExtension, idle, nextRender, until } from './util';

const TENANT = 'demo-pismo-tenant';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('timelineViewer');

function tenantRow(api: TimelineViewerApi, id = TENANT): TreeNode {
  const node = api.tree.getChildren().find((n) => is(n, 'tenant') && (n as unknown as { session: { connection: { id: string } } }).session.connection.id === id);
  assert.ok(node, `no tenant ${id} at the top of the tree`);
  return node;
}

function accountRows(api: TimelineViewerApi, id = TENANT): ConnectionNode[] {
  return api.tree.getChildren(tenantRow(api, id)).filter((n): n is ConnectionNode => is(n, 'connection.account'));
}

/** The account's events, once its first page is in. */
async function loaded(api: TimelineViewerApi, accountConnectionId: string): Promise<ConnectionNode> {
  const row = accountRows(api).find((n) => n.session.connection.id === accountConnectionId);
  assert.ok(row, `no account row ${accountConnectionId}`);
  api.tree.getChildren(row);
  await idle(row.session);
  assert.equal(row.session.timeline.error, undefined, row.session.timeline.error?.message);
  return row;
}

const accountsIn = (row: ConnectionNode): string[] => [...new Set(row.session.timeline.categories.flatMap((c) => c.events.map((e) => e.accountId ?? '')))];

describe('Pismo tenants and custom events in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // the tests after these find the tenant as Try the Demo leaves it: its first account open
  after(async () => {
    for (const row of accountRows(api)) {
      if (row.session.connection.accountId !== '4242002') await vscode.commands.executeCommand('timelineViewer.closeAccount', row.session.connection.id);
    }
  });

  it('opens three accounts under the demo tenant, each with its own events, and closes one', async () => {
    const tenant = tenantRow(api);
    assert.equal(tenant.toTreeItem().contextValue, 'tenant.demo');
    const children = api.tree.getChildren(tenant);
    assert.ok(is(children[children.length - 1], 'openAccount'), 'the tenant should end in Open Account…');
    const ids = [];
    for (const account of ['4242003', '4242004', 4242005]) ids.push(await vscode.commands.executeCommand<string>('timelineViewer.openAccount', TENANT, account));
    assert.deepEqual(ids, [`${TENANT}/4242003`, `${TENANT}/4242004`, `${TENANT}/4242005`]);
    for (const [i, id] of ids.entries()) assert.deepEqual(accountsIn(await loaded(api, id)), [String(4242003 + i)], `${id} shows another account's events`);
    assert.match(String(tenant.toTreeItem().description), /tenant · \d+ accounts/);
    assert.equal(await vscode.commands.executeCommand('timelineViewer.closeAccount', ids[2]), true);
    assert.equal(api.sessions.get(ids[2]), undefined);
    assert.deepEqual(accountRows(api).map((n) => n.session.connection.id).includes(ids[2]), false);
    // opening it again is the same id, from scratch
    assert.equal(await vscode.commands.executeCommand('timelineViewer.openAccount', TENANT, '4242005'), ids[2]);
  });

  it('pivots to the account a number selected in an editor names', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'account=4242006 failed' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 8, 0, 15);
    const id = await vscode.commands.executeCommand<string>('timelineViewer.openAccountFromSelection');
    assert.equal(id, `${TENANT}/4242006`);
    assert.deepEqual(accountsIn(await loaded(api, id)), ['4242006']);
  });

  it('pivots from the account id of an event in the inspector to that account under the tenant', async () => {
    const demo = api.sessions.get('demo-pismo');
    assert.ok(demo, 'no demo Pismo connection');
    api.tree.getChildren(connectionNode(api, 'demo-pismo'));
    await idle(demo);
    const event = demo.timeline.categories[0].events[0];
    assert.ok(event.accountId, 'the demo event names no account');
    await nextRender(api.eventPanels.show(event, demo.connection.name));
    await vscode.commands.executeCommand(EVENT_PANEL_COMMANDS.openAccount, { webview: EventPanelManager.viewType });
    const id = `${TENANT}/${event.accountId}`;
    assert.ok(accountRows(api).some((n) => n.session.connection.id === id), `the inspector did not open ${id}`);
    assert.deepEqual(accountsIn(await loaded(api, id)), [event.accountId]);
  });

  it('follows a link to an account opened before, and to an event in it', async () => {
    const id = `${TENANT}/4242003`;
    const row = await loaded(api, id);
    const event = row.session.timeline.categories[0].events[0];
    const link = await vscode.commands.executeCommand<string>('timelineViewer.copyLinkToEvent', { connectionId: id, eventId: event.id });
    assert.match(link, new RegExp(`connection=${TENANT}&account=4242003&event=`));
    const outcome = await api.uriHandler.follow(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/event?connection=${TENANT}&account=4242003&event=${encodeURIComponent(event.id)}`));
    assert.equal(outcome satisfies LinkOutcome, 'opened');
  });

  it('adds a custom event that arrives under a live tail, with its data kept digit for digit', async () => {
    const id = `${TENANT}/4242004`;
    const row = await loaded(api, id);
    await vscode.commands.executeCommand('timelineViewer.startLiveTail', id);
    try {
      const uri = vscode.Uri.parse(await vscode.commands.executeCommand<string>('timelineViewer.addCustomEvent', id));
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(document, 'no custom event document');
      const template = JSON.parse(document.getText()) as { correlation_id: string };
      assert.match(template.correlation_id, /^[0-9a-f-]{36}$/);
      const edit = new vscode.WorkspaceEdit();
      const text = `{\n  "type": "INTEGRATION_PING",\n  "category": "TEST",\n  "correlation_id": "${template.correlation_id}",\n  "data": { "amount": 12345678901234567890 }\n}\n`;
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const outcome = await vscode.commands.executeCommand<SendOutcome>('timelineViewer.sendCustomEvent', uri, { confirm: false });
      assert.equal(outcome.status, 201, outcome.error);
      assert.equal(outcome.appeared, true);
      const event = row.session.timeline.event(outcome.eventId!);
      assert.ok(event, 'the new event is not in the account');
      assert.equal(event.type, 'INTEGRATION_PING');
      assert.equal(event.correlationId, template.correlation_id);
      // the panel opens before the send resolves; its tab reaches the tab model on the next message from the window
      await until(vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('INTEGRATION_PING')), 'the new event in the inspector');
    } finally {
      await vscode.commands.executeCommand('timelineViewer.stopLiveTail', id);
    }
  });

  it('sends nothing for a tenant whose user settings do not allow writes, nor when only a workspace says so', async () => {
    const server = await api.demo.start();
    const id = 'it-tenant';
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id, name: 'IT tenant', kind: 'pismo', auth: 'serverKey', baseUrl: server.url, secrets: { serverKey: server.serverKey, serverSecret: server.serverSecret } });
    try {
      const account = await vscode.commands.executeCommand<string>('timelineViewer.openAccount', id, '4242007');
      await until(api.sessions.onDidChange, () => api.sessions.get(account), 'the account');
      const uri = await vscode.commands.executeCommand<string>('timelineViewer.addCustomEvent', account);
      const before = server.customEventCount('4242007');
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.sendCustomEvent', vscode.Uri.parse(uri), { confirm: false })), /Sending custom events is off for "IT tenant"/);
      const user = config().inspect<unknown[]>('connections')?.globalValue ?? [];
      await config().update('connections', [...user.filter((c) => (c as { id: string }).id !== id), { id, name: 'IT tenant (workspace)', kind: 'pismo', auth: 'serverKey', baseUrl: server.url, allowWrites: true }], vscode.ConfigurationTarget.Workspace);
      const shadowed = await vscode.commands.executeCommand<string>('timelineViewer.openAccount', id, '4242007');
      const again = await vscode.commands.executeCommand<string>('timelineViewer.addCustomEvent', shadowed);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.sendCustomEvent', vscode.Uri.parse(again), { confirm: false })), /A workspace's settings cannot turn it on/);
      assert.equal(server.customEventCount('4242007'), before);
    } finally {
      await config().update('connections', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
    }
  });
});
