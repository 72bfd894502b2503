import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DemoServer } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import type { ConnectionNode, ErrorNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { activateExtension, idle } from './util';

const PISMO_PATH = '/timeline/v1/timeline';
/** More than the client's 3 retries, so a retried fault would still fail Load more. */
const MORE_THAN_RETRIES = 4;

/** Tree classes live in the extension's bundle, so nodes are told apart by context value, as menus do. */
const kind = (node: TreeNode | undefined): string => node?.toTreeItem().contextValue ?? '';

describe('a misbehaving server in a real VS Code: an error node, nothing lost, Retry', () => {
  let api: TimelineViewerApi;
  let server: DemoServer;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
    server = await api.demo.start();
  });

  afterEach(async () => {
    server.clearFaults();
    // Later suites expect the Demo connection fresh.
    await vscode.commands.executeCommand('timelineViewer.refresh', demoNode());
  });

  function demoNode(): ConnectionNode {
    const node = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === 'demo-pismo');
    assert.ok(node, 'no Demo connection in the tree');
    return node as ConnectionNode;
  }

  /** Refresh, load the first page, and return the connection with the ids it loaded. */
  async function firstPage(): Promise<{ demo: ConnectionNode; ids: string[] }> {
    const demo = demoNode();
    await vscode.commands.executeCommand('timelineViewer.refresh', demo);
    api.tree.getChildren(demo);
    await idle(demo.session);
    const { timeline } = demo.session;
    assert.equal(timeline.error, undefined, timeline.error?.message);
    return { demo, ids: timeline.categories.flatMap((c) => c.events.map((e) => e.id)) };
  }

  /** Load more meets the fault; the error node must carry one sentence and the first page must stay. */
  async function failLoadMore(demo: ConnectionNode, ids: readonly string[], expected: RegExp): Promise<ErrorNode> {
    const loadMore = api.tree.getChildren(demo).find((n) => kind(n) === 'loadMore');
    assert.ok(loadMore, 'no Load more node');
    const started = Date.now();
    await vscode.commands.executeCommand('timelineViewer.loadMore', loadMore);
    assert.ok(Date.now() - started < 5000, 'the failure took retries with backoff');
    const children = api.tree.getChildren(demo);
    const error = children.find((n) => kind(n).startsWith('error')) as ErrorNode | undefined;
    assert.ok(error, `no error node among ${children.map(kind)}`);
    const item = error.toTreeItem();
    assert.match(String(item.label), expected);
    assert.match(String(item.label), /^[A-Z][^\n]*\.$/, 'not one sentence');
    assert.equal(item.command?.command, 'timelineViewer.retry');
    assert.ok(children.some((n) => kind(n) === 'category'), 'the loaded categories left the tree');
    const { timeline } = demo.session;
    assert.equal(timeline.eventCount, ids.length);
    for (const id of ids) assert.ok(timeline.event(id), `event ${id} was lost`);
    return error;
  }

  async function retrySucceeds(demo: ConnectionNode, error: ErrorNode, before: number): Promise<void> {
    await vscode.commands.executeCommand('timelineViewer.retry', error);
    const { timeline } = demo.session;
    assert.equal(timeline.error, undefined, timeline.error?.message);
    assert.equal(timeline.pageCount, 2);
    assert.ok(timeline.eventCount > before, 'Retry added no events');
    assert.ok(api.tree.getChildren(demo).some((n) => kind(n) === 'loadMore'), 'no Load more after Retry');
  }

  it('a 403 on Load more becomes an error node; once the fault is cleared, Retry loads the page', async () => {
    const { demo, ids } = await firstPage();
    server.injectFault('403', { times: MORE_THAN_RETRIES, path: PISMO_PATH });
    const error = await failLoadMore(demo, ids, /^Access denied \(403\)/);
    assert.equal(kind(error), 'error');
    server.clearFaults();
    await retrySucceeds(demo, error, ids.length);
  });

  it('a page of the wrong shape becomes an error node; when the fault has run out, Retry loads the page', async () => {
    const { demo, ids } = await firstPage();
    server.injectFault('wrong-shape', { times: 1, path: PISMO_PATH });
    const error = await failLoadMore(demo, ids, /not a Pismo timeline page/);
    await retrySucceeds(demo, error, ids.length);
  });

  it('a cursor that repeats stops paging with a final error node: no Retry to loop on, nothing lost', async () => {
    const { demo, ids } = await firstPage();
    server.injectFault('repeat-cursor', { times: 1, path: PISMO_PATH });
    const loadMore = api.tree.getChildren(demo).find((n) => kind(n) === 'loadMore');
    await vscode.commands.executeCommand('timelineViewer.loadMore', loadMore);
    const children = api.tree.getChildren(demo);
    const error = children.find((n) => kind(n).startsWith('error'));
    assert.ok(error, `no error node among ${children.map(kind)}`);
    const item = error.toTreeItem();
    assert.equal(kind(error), 'error.final');
    assert.match(String(item.label), /cursor it had already sent/);
    assert.equal(item.command, undefined, 'a final error must not offer Retry');
    assert.equal(children.some((n) => kind(n) === 'loadMore'), false);
    for (const id of ids) assert.ok(demo.session.timeline.event(id), `event ${id} was lost`);
  });
});
