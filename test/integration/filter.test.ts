import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineFilter } from '../../src/core/filter';
import type { TimelineViewerApi } from '../../src/extension';
import type { ConnectionNode, ErrorNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { activateExtension, idle } from './util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

function connectionNode(api: TimelineViewerApi, id: string): ConnectionNode {
  const node = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === id) as ConnectionNode | undefined;
  assert.ok(node, `no connection ${id} in the tree`);
  return node;
}

/** What the tree shows under a connection: each row's kind and label, events included. */
function rendered(api: TimelineViewerApi, node: ConnectionNode): string[] {
  return api.tree.getChildren(node).flatMap((child) => [`${kind(child)}:${child.toTreeItem().label}`, ...child.children().map((e) => `${kind(e)}:${e.toTreeItem().id}`)]);
}

describe('filters in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('timelineViewer.clearFilter', 'demo-pismo');
  });

  it('Filter then Clear Filter: the filtered timeline has its own pages, and clearing restores the unfiltered tree without a request', async () => {
    const node = connectionNode(api, 'demo-pismo');
    api.tree.getChildren(node);
    await idle(node.session);
    const unfiltered = node.session.timeline;
    const before = rendered(api, node);
    const pages = unfiltered.pageCount;

    const applied = await vscode.commands.executeCommand<TimelineFilter>('timelineViewer.filter', 'demo-pismo', { categories: ['DISPUTE', 'CREDIT'] });
    assert.deepEqual(applied, { categories: ['DISPUTE', 'CREDIT'] });
    await idle(node.session);
    const filtered = node.session.timeline;
    assert.notEqual(filtered, unfiltered);
    assert.equal(filtered.error, undefined, filtered.error?.message);
    assert.ok(filtered.eventCount > 0);
    assert.deepEqual(new Set(filtered.categories.map((c) => c.name)), new Set(['DISPUTE', 'CREDIT']));
    assert.match(String(node.toTreeItem().description), /^DISPUTE, CREDIT · [\d,]+ events? · [\d,]+ pages? scanned/);
    const [first] = api.tree.getChildren(node);
    assert.equal(kind(first), 'filter');
    assert.equal(first.toTreeItem().label, 'Filter: DISPUTE, CREDIT');
    // The unfiltered timeline was left as it was.
    assert.equal(unfiltered.pageCount, pages);

    assert.equal(await vscode.commands.executeCommand('timelineViewer.clearFilter', 'demo-pismo'), true);
    assert.equal(node.session.timeline, unfiltered);
    assert.equal(node.session.filter, undefined);
    assert.deepEqual(rendered(api, node), before);
    // Rendering it again starts no load: no request was made.
    assert.equal(unfiltered.isLoading, false);
    assert.equal(unfiltered.pageCount, pages);
  });

  it('refuses an impossible filter with a sentence, before any request', async () => {
    const node = connectionNode(api, 'demo-pismo');
    const timeline = node.session.timeline;
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('timelineViewer.filter', 'demo-pismo', { since: '2025-06-30T00:00:00Z', until: '2025-06-01T00:00:00Z' })),
      /ends \(2025-06-01T00:00:00Z\) before it starts/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.filter', 'demo-pismo', { since: 'last tuesday' })), /"since" is not a date/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.filter', 'demo-pismo', {})), /empty/);
    assert.equal(node.session.filter, undefined);
    assert.equal(node.session.timeline, timeline);
  });

  it('a refused filter parameter shows an error node naming it, which filters in the extension instead', async () => {
    const node = connectionNode(api, 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.filter', 'demo-pismo', { types: ['block'] });
    await idle(node.session);
    const error = api.tree.getChildren(node).find((n) => kind(n) === 'error.filter') as ErrorNode | undefined;
    assert.ok(error, `no filter error node: ${rendered(api, node).join(', ')}`);
    assert.match(String(error.toTreeItem().label), /type=block \(400\)/);
    assert.equal(error.toTreeItem().command?.command, 'timelineViewer.filterLocally');

    const local = await vscode.commands.executeCommand<TimelineFilter>('timelineViewer.filterLocally', error);
    assert.deepEqual(local, { types: ['block'], local: true });
    await idle(node.session);
    assert.equal(node.session.timeline.error?.kind === 'filterRejected', false, node.session.timeline.error?.message);
  });

  it('a filter survives a reload: the connection\'s session, built anew, reads it back from workspace state', async () => {
    const server = await api.demo.start();
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id: 'it-filter', name: 'IT Filter', kind: 'pismo', baseUrl: server.url, secrets: { token: server.token } });
    try {
      const filter = { categories: ['CARD'], since: '2025-06-01', until: '2025-06-30' };
      await vscode.commands.executeCommand('timelineViewer.filter', 'it-filter', filter);
      const old = connectionNode(api, 'it-filter').session;
      // Any change to the connection's settings builds its session again, from what is stored, as a reload does.
      await vscode.commands.executeCommand('timelineViewer.editConnection', 'it-filter', { name: 'IT Filter reloaded' });
      const node = connectionNode(api, 'it-filter');
      assert.notEqual(node.session, old);
      assert.deepEqual(node.session.filter, { categories: ['CARD'], since: '2025-06-01T00:00:00Z', until: '2025-06-30T23:59:59.999999999Z' });
      api.tree.getChildren(node);
      await idle(node.session);
      assert.equal(node.session.timeline.error, undefined, node.session.timeline.error?.message);
      assert.deepEqual(node.session.timeline.categories.map((c) => c.name), ['CARD']);
      assert.match(String(node.toTreeItem().description), /^CARD · 2025-06-01 – 2025-06-30 · /);
      assert.match(String(node.toTreeItem().tooltip), /Categories: CARD\nFrom: 2025-06-01 00:00:00 UTC\nTo: 2025-06-30 23:59:59.999999999 UTC/);

      // Removed and added again, the connection starts unfiltered.
      await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-filter', { confirm: false });
      await vscode.commands.executeCommand('timelineViewer.addConnection', { id: 'it-filter', name: 'IT Filter', kind: 'pismo', baseUrl: server.url, secrets: { token: server.token } });
      assert.equal(connectionNode(api, 'it-filter').session.filter, undefined);
    } finally {
      await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-filter', { confirm: false });
    }
  });
});
