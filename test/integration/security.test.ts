import * as assert from 'node:assert/strict';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { DemoServer } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import { readSettings } from '../../src/ui/model/settings';
import { offerToMoveSecrets, workspaceSecrets } from '../../src/ui/connections/settingsSecrets';
import type { ConnectionNode, ErrorNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { EXTENSION_ID, activateExtension, idle } from './util';

const ID = 'it-sec-prod';
const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('timelineViewer');

/** Another host for a workspace to point a connection at: a Pismo-shaped server that records what it is sent. */
async function collector(): Promise<{ url: string; authorizations: (string | undefined)[]; server: Server }> {
  const authorizations: (string | undefined)[] = [];
  const item = { type: 'BLOCK', account_id: 1, category: 'CARD', tenant_account_timestamp: 'T::1::2025-01-01T00:00:00.000000001Z', data: {}, timestamp: '2025-01-01T00:00:00.000000001Z' };
  const server = createServer((req, res) => {
    authorizations.push((req.headers as IncomingHttpHeaders).authorization);
    const body = JSON.stringify({ has_next: false, next_cursor: null, count: 1, items: [item] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations, server };
}

function connectionNode(api: TimelineViewerApi, id: string): ConnectionNode | undefined {
  return api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === id) as ConnectionNode | undefined;
}

/** Expands the connection and waits for its first load to settle; its error node, if any. */
async function expand(api: TimelineViewerApi, id: string): Promise<{ node: ConnectionNode; error?: ErrorNode }> {
  const node = connectionNode(api, id);
  assert.ok(node, `no connection ${id} in the tree`);
  api.tree.getChildren(node);
  await idle(node.session);
  return { node, error: api.tree.getChildren(node).find((n) => kind(n).startsWith('error')) as ErrorNode | undefined };
}

describe('security: nothing a workspace writes can misuse a stored secret (real VS Code)', () => {
  let api: TimelineViewerApi;
  let demo: DemoServer;
  let other: Awaited<ReturnType<typeof collector>>;

  before(async () => {
    api = await activateExtension();
    demo = await api.demo.start();
    other = await collector();
  });

  after(async () => {
    await new Promise((resolve) => other.server.close(resolve));
    other.server.closeAllConnections();
  });

  beforeEach(async () => {
    other.authorizations.length = 0;
    // The user's own connection, its token in secret storage, tied to the demo server's address.
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id: ID, name: 'IT prod', kind: 'pismo', baseUrl: demo.url, secrets: { token: demo.token } });
  });

  afterEach(async () => {
    await config().update('connections', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('maxResponseMegabytes', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('timelineViewer.removeConnection', ID, { confirm: false });
  });

  it('scenario 1: a workspace entry with the same id and another baseUrl gets an error node and nothing is sent there; Set Secret then binds a new secret', async () => {
    await config().update('connections', [{ id: ID, name: 'IT workspace prod', kind: 'pismo', baseUrl: other.url }], vscode.ConfigurationTarget.Workspace);
    const { node, error } = await expand(api, ID);
    assert.ok(error, 'no error node');
    assert.equal(kind(error), 'error.auth', 'Set Secret is not offered');
    assert.equal(
      error.error.message,
      `The stored account token was given for ${demo.url}; this connection now points to ${other.url}. Set Secret to use a secret with the new address.`,
    );
    assert.deepEqual(other.authorizations, [], 'a request reached the workspace\'s host');
    assert.equal(node.session.timeline.eventCount, 0);

    await vscode.commands.executeCommand('timelineViewer.setSecret', ID, 'token-given-for-the-other-host');
    const after = await expand(api, ID);
    assert.equal(after.error, undefined, after.error?.error.message);
    assert.equal(after.node.session.timeline.eventCount, 1);
    assert.deepEqual(other.authorizations, ['Bearer token-given-for-the-other-host']);
  });

  it('a secret stored before addresses is bound on first use to the user-level definition, not the workspace\'s', async () => {
    await api.secrets.set(ID, { token: demo.token }, undefined);
    await config().update('connections', [{ id: ID, name: 'IT workspace prod', kind: 'pismo', baseUrl: other.url }], vscode.ConfigurationTarget.Workspace);
    const { error } = await expand(api, ID);
    assert.match(error?.error.message ?? '', /^The stored account token was given for http:\/\/127\.0\.0\.1:\d+; this connection now points to/);
    assert.equal((await api.secrets.getBound(ID))?.scope?.toString(), demo.url);
    assert.deepEqual(other.authorizations, []);
  });

  it('scenario 2: a secret in workspace settings is never imported, and removing the workspace entry keeps the user\'s entry and secret', async () => {
    await config().update('connections', [{ id: ID, name: 'IT workspace prod', kind: 'pismo', baseUrl: other.url, token: 'workspace-token-1234' }], vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(workspaceSecrets().map((c) => c.id), [ID]);
    assert.equal(await offerToMoveSecrets(api.secrets, { ask: false }), 0);
    assert.deepEqual(await api.secrets.get(ID), { token: demo.token }, 'the user\'s secret was replaced');
    await vscode.commands.executeCommand('timelineViewer.removeConnection', ID, { confirm: false });
    assert.equal(config().inspect<unknown[]>('connections')?.workspaceValue, undefined);
    assert.ok(JSON.stringify(config().inspect('connections')?.globalValue).includes(ID), 'the user\'s entry went too');
    assert.deepEqual(await api.secrets.get(ID), { token: demo.token }, 'the user\'s secret went too');
    assert.equal(connectionNode(api, ID)?.session.connection.definedIn, 'user');
  });

  it('marks a workspace connection in the tree, and says when it shadows a user connection', async () => {
    await config().update('connections', [{ id: ID, name: 'IT workspace prod', kind: 'pismo', baseUrl: other.url }, { id: 'it-sec-ws', name: 'IT ws only', kind: 'pismo', baseUrl: other.url }], vscode.ConfigurationTarget.Workspace);
    const shadowing = connectionNode(api, ID)?.toTreeItem();
    const own = connectionNode(api, 'it-sec-ws')?.toTreeItem();
    assert.match(String(shadowing?.description), /^workspace/);
    assert.match(String(shadowing?.tooltip), /Defined by this workspace's settings, in place of your user connection with the same id\./);
    assert.match(String(own?.tooltip), /Defined by this workspace's settings\.$/);
    assert.equal(String(connectionNode(api, 'it-sec-ws')?.toTreeItem().description ?? ''), 'workspace');
  });

  it('Edit Connection moves the secret to a new address only when told to', async () => {
    await vscode.commands.executeCommand('timelineViewer.editConnection', ID, { baseUrl: other.url }, { moveSecret: false });
    assert.equal((await api.secrets.getBound(ID))?.scope?.toString(), demo.url);
    assert.ok((await expand(api, ID)).error, 'the secret went to the new address');
    assert.deepEqual(other.authorizations, []);
    await vscode.commands.executeCommand('timelineViewer.editConnection', ID, { baseUrl: `${other.url}/` }, { moveSecret: true });
    assert.equal((await api.secrets.getBound(ID))?.scope?.toString(), other.url);
  });

  it('declares limited support for untrusted workspaces, and clamps the limits a workspace sets', async () => {
    const capabilities = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.capabilities as { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[]; description: string } };
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(capabilities.untrustedWorkspaces.description.length > 20);
    for (const setting of ['connections', 'requestTimeoutSeconds', 'maxResponseMegabytes']) {
      assert.ok(capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`timelineViewer.${setting}`), setting);
    }
    await config().update('requestTimeoutSeconds', 0, vscode.ConfigurationTarget.Workspace);
    await config().update('maxResponseMegabytes', 1e9, vscode.ConfigurationTarget.Workspace);
    const { timeoutMs, maxBytes } = readSettings();
    assert.equal(timeoutMs, 1000);
    assert.equal(maxBytes, 64 * 1024 * 1024);
  });
});
