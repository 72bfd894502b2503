import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DemoServer } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import type { ConnectionNode, ErrorNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { activateExtension, idle } from './util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/** Every file the extension's log channel has written, as one text. */
async function logText(api: TimelineViewerApi): Promise<string> {
  const texts: string[] = [];
  const walk = async (uri: vscode.Uri): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
      const child = vscode.Uri.joinPath(uri, name);
      if (type === vscode.FileType.Directory) await walk(child);
      else texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(child)));
    }
  };
  await walk(vscode.Uri.joinPath(api.logUri, '..'));
  return texts.join('\n');
}

function connectionNode(api: TimelineViewerApi, id: string): ConnectionNode | undefined {
  return api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === id) as ConnectionNode | undefined;
}

async function loadFirstPage(api: TimelineViewerApi, id: string): Promise<ConnectionNode> {
  const node = connectionNode(api, id);
  assert.ok(node, `no connection ${id} in the tree`);
  api.tree.getChildren(node);
  await idle(node.session);
  return node;
}

describe('connections and their secrets in a real VS Code', () => {
  let api: TimelineViewerApi;
  let server: DemoServer;

  before(async () => {
    api = await activateExtension();
    server = await api.demo.start();
  });

  /** A Pismo connection to the demo with a pasted account token. */
  function addPismo(): Thenable<unknown> {
    return vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'it-pismo',
      name: 'IT Pismo',
      kind: 'pismo',
      baseUrl: server.url,
      secrets: { token: server.token },
    });
  }

  afterEach(async () => {
    for (const id of ['it-talentlms', 'it-pismo', 'it-mint', 'it-leak', 'it-bad-kind', 'it-no-url']) {
      await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
    }
  });

  it('adds a TalentLMS connection from arguments and shows its timeline by the seed\'s categories', async () => {
    const id = await vscode.commands.executeCommand<string>('timelineViewer.addConnection', {
      id: 'it-talentlms',
      name: 'IT TalentLMS',
      kind: 'talentlms',
      baseUrl: server.url,
      secrets: { apiKey: server.token },
    });
    assert.equal(id, 'it-talentlms');
    const node = await loadFirstPage(api, id);
    assert.equal(node.session.timeline.error, undefined, node.session.timeline.error?.message);
    const names = node.session.timeline.categories.map((c) => c.name);
    const known = ['User', 'Course', 'Branch', 'Group', 'Certification', 'Unit progress', 'Notification', 'Automation', 'Custom report', 'Other'];
    assert.ok(names.length > 0 && names.every((n) => known.includes(n)), `unexpected categories ${names}`);
    assert.deepEqual(names, [...names].sort((a, b) => known.indexOf(a) - known.indexOf(b)), 'not in the documented order');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('timelineViewer').get('connections'));
    assert.ok(settings.includes('it-talentlms'));
    assert.equal(settings.includes(server.token), false, 'the API key was written to settings');
    assert.deepEqual(await api.secrets.get('it-talentlms'), { apiKey: server.token });
  });

  it('adds a Pismo connection that mints account tokens from a server key and secret', async () => {
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'it-mint',
      name: 'IT Pismo minted',
      kind: 'pismo',
      baseUrl: server.url,
      auth: 'serverKey',
      accountId: server.accountId,
      secrets: { serverKey: server.serverKey, serverSecret: server.serverSecret },
    });
    // a key that mints is a tenant: its account id is the first account opened under it
    const tenant = api.tree.getChildren().find((n) => kind(n) === 'tenant' && (n as unknown as ConnectionNode).session.connection.id === 'it-mint');
    assert.ok(tenant, 'no tenant it-mint at the top of the tree');
    const account = api.tree.getChildren(tenant).find((n): n is ConnectionNode => kind(n).startsWith('connection.account'));
    assert.ok(account, 'no account under the tenant');
    assert.equal(account.session.connection.id, `it-mint/${server.accountId}`);
    api.tree.getChildren(account);
    await idle(account.session);
    assert.equal(account.session.timeline.error, undefined, account.session.timeline.error?.message);
    assert.ok(account.session.timeline.eventCount > 0);
  });

  it('edits a connection from arguments: the tree shows the change and the secret stays', async () => {
    await addPismo();
    await vscode.commands.executeCommand('timelineViewer.editConnection', 'it-pismo', { name: 'IT Pismo renamed', groupBy: 'type' });
    const node = await loadFirstPage(api, 'it-pismo');
    assert.equal(node.toTreeItem().label, 'IT Pismo renamed');
    assert.equal(node.session.timeline.error, undefined, node.session.timeline.error?.message);
    const types = new Set(['ACTIVATION', 'AUTHORIZE', 'REFUSAL', 'CREATION', 'BLOCK', 'UNBLOCK', 'DELIVERY', 'PRODUCTION']);
    assert.ok(node.session.timeline.categories.some((c) => types.has(c.name)), 'not grouped by type');
    assert.deepEqual(await api.secrets.get('it-pismo'), { token: server.token });
  });

  it('edits and removes a connection defined in the workspace\'s settings, where it is defined', async () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('timelineViewer');
    await config().update('connections', [{ id: 'it-pismo', name: 'IT workspace', kind: 'pismo', baseUrl: server.url }], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id: 'it-talentlms', name: 'IT user', kind: 'talentlms', baseUrl: server.url, secrets: { apiKey: server.token } });
    assert.ok(connectionNode(api, 'it-pismo'), 'a workspace connection is not in the tree');
    assert.ok(connectionNode(api, 'it-talentlms'), 'the workspace list hid the user\'s connections');
    const before = config().inspect<unknown[]>('connections')?.globalValue;
    await vscode.commands.executeCommand('timelineViewer.editConnection', 'it-pismo', { name: 'IT workspace renamed' });
    assert.deepEqual(config().inspect<{ name: string }[]>('connections')?.workspaceValue?.map((c) => c.name), ['IT workspace renamed']);
    assert.deepEqual(config().inspect<unknown[]>('connections')?.globalValue, before, 'the edit leaked into user settings');
    await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-pismo', { confirm: false });
    assert.equal(config().inspect<unknown[]>('connections')?.workspaceValue, undefined, 'an empty list would shadow the user\'s');
  });

  it('removing a connection deletes its secrets', async () => {
    await addPismo();
    assert.ok(await api.secrets.get('it-pismo'));
    await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-pismo', { confirm: false });
    assert.equal(await api.secrets.get('it-pismo'), undefined);
    assert.equal(connectionNode(api, 'it-pismo'), undefined);
  });

  it('a rejected key shows an error node offering Set Secret, and the key leaks nowhere', async () => {
    const secret = `leak-check-${Date.now()}-Zq9`;
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'it-leak',
      name: 'IT leak check',
      kind: 'talentlms',
      baseUrl: server.url,
      secrets: { apiKey: secret },
    });
    const node = await loadFirstPage(api, 'it-leak');
    const error = api.tree.getChildren(node).find((n) => kind(n).startsWith('error')) as ErrorNode | undefined;
    assert.ok(error, 'no error node');
    assert.equal(kind(error), 'error.auth');
    assert.match(error.error.message, /^The server rejected the API key \(401\): set it again with Set Secret/);
    const item = error.toTreeItem();
    const shown = [item.label, item.tooltip, item.description, error.error.message, api.statusBar.text].map(String).join('\n');
    assert.equal(shown.includes(secret), false, 'the key reached the tree or status bar');
    assert.equal(JSON.stringify(vscode.workspace.getConfiguration('timelineViewer').inspect('connections')).includes(secret), false);
    assert.equal((await logText(api)).includes(secret), false, 'the key reached the log');
  });

  it('offers to move a secret typed into settings, and moves it', async () => {
    const config = vscode.workspace.getConfiguration('timelineViewer');
    const { offerToMoveSecrets } = await import('../../src/ui/connections/settingsSecrets');
    await config.update('connections', [{ id: 'it-pismo', name: 'IT Pismo', kind: 'pismo', baseUrl: server.url, token: 'typed-by-mistake-123' }], vscode.ConfigurationTarget.Global);
    const moved = await offerToMoveSecrets(api.secrets, { ask: false });
    assert.equal(moved, 1);
    const after = JSON.stringify(vscode.workspace.getConfiguration('timelineViewer').inspect('connections')?.globalValue);
    assert.equal(after.includes('typed-by-mistake-123'), false);
    assert.deepEqual(await api.secrets.get('it-pismo'), { token: 'typed-by-mistake-123' });
  });

  it('refuses a bad configuration with a sentence saying what to fix, before any request, offering Edit', async () => {
    const cases = [
      { id: 'it-bad-kind', name: 'IT bad kind', kind: 'sftp', baseUrl: server.url, expected: /has kind "sftp": use "pismo", "talentlms" or "generic"/ },
      { id: 'it-no-url', name: 'IT no URL', kind: 'pismo', baseUrl: ' ', expected: /has no base URL: set "baseUrl"/ },
    ];
    for (const { expected, ...connection } of cases) {
      await vscode.commands.executeCommand('timelineViewer.addConnection', { ...connection, secrets: { token: server.token } });
      const node = await loadFirstPage(api, connection.id);
      const error = api.tree.getChildren(node).find((n) => kind(n).startsWith('error')) as ErrorNode | undefined;
      assert.ok(error, `no error node for ${connection.id}`);
      assert.equal(kind(error), 'error.config');
      assert.match(error.error.message, expected);
      assert.equal(node.session.timeline.pageCount, 0, 'a request was made');
    }
  });
});
