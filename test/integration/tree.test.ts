import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { reindentJson } from '../../src/core/jsonFormat';
import { rawText } from '../../src/core/rawPage';
import type { TimelineViewerApi } from '../../src/extension';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { is } from './treeUtil';
import { activateExtension, EXTENSION_ID, idle } from './util';

describe('the Timeline tree in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
  });

  it('activates only on its view or commands', () => {
    const events: string[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.activationEvents ?? [];
    assert.equal(events.some((e) => e === '*' || e === 'onStartupFinished'), false);
  });

  it('Try the Demo adds the Demo connection and loads its first page into categories', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('timelineViewer.tryDemo');
    assert.deepEqual(ids, ['demo-pismo', 'demo-talentlms', 'demo-pismo-tenant']);
    const roots = api.tree.getChildren();
    const demo = roots.find((n): n is ConnectionNode => is(n, 'connection') && (n as ConnectionNode).session.connection.id === 'demo-pismo');
    assert.ok(demo, 'no Demo connection at the top of the tree');
    api.tree.getChildren(demo);
    await idle(demo.session);
    assert.equal(demo.session.timeline.error, undefined, demo.session.timeline.error?.message);
    const children = api.tree.getChildren(demo);
    const categories = children.filter((n): n is CategoryNode => is(n, 'category'));
    assert.ok(categories.length >= 3, `expected several categories, got ${categories.map((c) => c.category.name)}`);
    assert.ok(is(children[children.length - 1], 'loadMore'), 'the connection should end in Load more');
    const item = demo.toTreeItem();
    assert.match(String(item.description), /^[\d,.]+ events · 1 page$/);
  });

  it('Load more appends the next cursor page and keeps what was loaded', async () => {
    const demo = connection(api);
    const before = demo.session.timeline.eventCount;
    const firstIds = demo.session.timeline.categories.flatMap((c) => c.events.map((e) => e.id));
    const loadMore = api.tree.getChildren(demo).find((n) => is(n, 'loadMore'));
    assert.ok(loadMore);
    await vscode.commands.executeCommand('timelineViewer.loadMore', loadMore);
    const timeline = demo.session.timeline;
    assert.equal(timeline.pageCount, 2);
    assert.ok(timeline.eventCount > before, 'no events were added');
    for (const id of firstIds) assert.ok(timeline.event(id), `event ${id} from page 1 was lost`);
    for (const category of timeline.categories) {
      const keys = category.events.map((e) => e.sortKey);
      assert.deepEqual(keys, [...keys].sort().reverse(), `${category.name} is not newest first`);
    }
  });

  it('shows events with a label, a clock time and a plain-text tooltip', () => {
    const node = firstEvent(api);
    const item = node.toTreeItem();
    assert.ok(node.event.label.endsWith(String(item.label)), `${item.label} is not the end of ${node.event.label}`);
    assert.equal(String(item.label).includes(node.categoryNode.category.name), false, 'the row repeats its category');
    // The default time format, local: the date and time for an event before today (the demo's are in 2025).
    assert.match(String(item.description), /^(?:\d{2}:\d{2}:\d{2}\.\d{3}|[A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2})(?: · |$)/);
    assert.equal(typeof item.tooltip, 'string');
    assert.ok(String(item.tooltip).includes(node.event.id));
    assert.equal(item.command?.command, 'timelineViewer.openEvent');
  });

  it('opens an event as a read-only JSON document holding the server\'s exact item text', async () => {
    const node = firstEvent(api);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('timelineViewer.openEventDocument', node);
    const doc = vscode.window.activeTextEditor?.document ?? editor.document;
    assert.equal(doc.uri.scheme, 'timeline-event');
    assert.equal(doc.languageId, 'json');
    assert.equal(doc.getText(), reindentJson(rawText(node.event.raw)));
    assert.equal(JSON.parse(doc.getText()).tenant_account_timestamp, node.event.id);
  });

  it('copies the event id and correlation id', async () => {
    const node = firstEvent(api, true);
    await vscode.commands.executeCommand('timelineViewer.copyEventId', node);
    assert.equal(await vscode.env.clipboard.readText(), node.event.id);
    await vscode.commands.executeCommand('timelineViewer.copyCorrelationId', node);
    assert.equal(await vscode.env.clipboard.readText(), node.event.correlationId);
  });

  it('Refresh starts the connection again from the first page', async () => {
    const demo = connection(api);
    await vscode.commands.executeCommand('timelineViewer.refresh', demo);
    api.tree.getChildren(demo);
    await idle(demo.session);
    assert.equal(demo.session.timeline.pageCount, 1);
  });
});

function connection(api: TimelineViewerApi): ConnectionNode {
  const node = api.tree.getChildren().find((n) => is(n, 'connection'));
  assert.ok(node);
  return node as ConnectionNode;
}

function firstEvent(api: TimelineViewerApi, correlated = false): EventNode {
  const demo = connection(api);
  for (const category of api.tree.getChildren(demo).filter((n): n is CategoryNode => is(n, 'category'))) {
    const found = category.children().find((n: TreeNode): n is EventNode => is(n, 'event') && (!correlated || !!(n as EventNode).event.correlationId));
    if (found) return found;
  }
  throw new Error('no event in the tree');
}
