import * as assert from 'node:assert/strict';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { DemoServer } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import { activateExtension, idle, until } from './util';

const ID = 'it-link-no-secret';
const PISMO_PATH = '/timeline/v1/timeline';
const EVENT = 'TN%3A%3A1%3A%3A2021-01-01T00%3A00%3A00Z';
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('timelineViewer');
const link = (connection: string): vscode.Uri => vscode.Uri.parse(`${vscode.env.uriScheme}://timeline-viewer.timeline-viewer/event?connection=${connection}&event=${EVENT}`);

describe('links from a web page ask for nothing and disturb nothing (real VS Code)', function () {
  this.timeout(60_000);
  let api: TimelineViewerApi;
  let demo: DemoServer;
  let server: Server;
  let requests = 0;
  let userConnections: unknown;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
    demo = await api.demo.start();
    // where the connection without a secret points: it counts what reaches it
    server = createServer((_req, res) => {
      requests++;
      res.writeHead(401).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    userConnections = config().inspect('connections')?.globalValue;
    const connection = { id: ID, name: 'IT prod without a secret', kind: 'pismo', baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    await config().update('connections', [...(Array.isArray(userConnections) ? userConnections : []), connection], vscode.ConfigurationTarget.Global);
    await api.secrets.delete(ID);
  });

  after(async () => {
    demo.clearFaults();
    await config().update('connections', userConnections, vscode.ConfigurationTarget.Global);
    await new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
  });

  it('a link to a connection whose secret is not stored says to open it first: no secret box, no request, nothing stored', async () => {
    const session = api.sessions.get(ID);
    assert.ok(session, 'the connection is not set up');
    // a password box would keep this waiting until the test times out
    assert.equal(await api.uriHandler.follow(link(ID)), 'needsSecret');
    assert.equal(requests, 0, 'a request was sent');
    assert.equal(await api.secrets.get(ID), undefined);
    assert.equal(session.timeline.error?.kind, 'auth', 'the connection offers Set Secret');
    // every link after it answers the same, asking nothing
    assert.equal(await api.uriHandler.follow(link(ID)), 'needsSecret');
    assert.equal(requests, 0);
  });

  it("a link to a connection with the user's Find running answers busy and leaves that search alone", async () => {
    const session = api.sessions.get('demo-pismo');
    assert.ok(session);
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.refresh', api.tree.connectionNode(session));
    // the user's search holds its first page long enough for a link to arrive meanwhile
    demo.injectFault('latency;ms=2000', { times: 1, path: PISMO_PATH });
    const users = vscode.commands.executeCommand<{ pagesRead: number; complete: boolean }>('timelineViewer.find', { connectionId: 'demo-pismo', query: 'no event holds this text', maxPages: 3 });
    // a load in flight (so the tree starts none) and the results node of a running search
    const running = (): boolean => api.tree.getChildren(api.tree.connectionNode(session)).some((n) => n.toTreeItem().contextValue === 'searchResults.running');
    await until(session.onDidChange, () => session.timeline.isLoading && running(), 'the search to read its first page');
    assert.equal(await api.uriHandler.follow(link('demo-pismo')), 'busy');
    const outcome = await users;
    assert.equal(outcome.pagesRead, 3, 'the link stopped or replaced the search');
    await idle(session);
  });
});
