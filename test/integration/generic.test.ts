import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { API_DEMO_PREFIXES, apiDemoSecrets } from '../../src/demo/generic/apiRoutes';
import type { TimelineViewerApi } from '../../src/extension';
import type { MappingSample } from '../../src/sources/generic/sample';
import type { FindOutcome } from '../../src/ui/find/findCommands';
import type { CategoryNode } from '../../src/ui/tree/nodes';
import { connectionNode, is } from './treeUtil';
import { activateExtension, idle } from './util';

describe('a generic connection in a real VS Code', () => {
  let api: TimelineViewerApi;
  const ids: string[] = [];

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    for (const id of ids) await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
  });

  async function add(id: string, preset: string, extra: Record<string, unknown> = {}): Promise<void> {
    const server = await api.demo.start();
    ids.push(id);
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id,
      name: `IT ${preset}`,
      kind: 'generic',
      preset,
      baseUrl: server.url + API_DEMO_PREFIXES[preset],
      secrets: { generic: apiDemoSecrets(server.token)[preset] },
      ...extra,
    });
  }

  it("reads Stripe's events by its preset: categories from the type's prefix, Load more by the last item's id, Find", async () => {
    await add('it-stripe', 'stripe-events');
    const node = connectionNode(api, 'it-stripe');
    api.tree.getChildren(node);
    await idle(node.session);
    const { timeline } = node.session;
    assert.equal(timeline.error, undefined, timeline.error?.message);
    const categories = api.tree.getChildren(node).filter((n) => is(n, 'category')) as CategoryNode[];
    assert.ok(categories.length > 1, 'one category for every type');
    for (const c of categories) assert.ok(c.category.events.every((e) => e.type.startsWith(`${c.category.name}.`)), `${c.category.name} holds another prefix`);
    const first = timeline.eventCount;
    await vscode.commands.executeCommand('timelineViewer.loadMore', node);
    assert.ok(timeline.eventCount > first, 'Load more read nothing');
    const sample = [...timeline.events()][first + 1];
    const found = await vscode.commands.executeCommand<FindOutcome>('timelineViewer.find', { connectionId: 'it-stripe', query: `id:${sample.id}` });
    assert.deepEqual(found.matches, [sample.id]);
  });

  it('Test Mapping reads one page and shows the first events it found, or the path that failed', async () => {
    const node = connectionNode(api, 'it-stripe');
    const loaded = node.session.timeline.eventCount;
    const sample = await vscode.commands.executeCommand<MappingSample>('timelineViewer.testMapping', 'it-stripe');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(!('error' in sample), 'error' in sample ? sample.error : '');
    assert.equal(sample.events.length, 5);
    assert.equal(sample.next, 'more');
    for (const e of sample.events) assert.ok(e.id.startsWith('evt_') && e.category === e.type.split('.')[0], JSON.stringify(e));
    assert.equal(node.session.timeline.eventCount, loaded, 'what Test Mapping read was kept');
  });

  it('says which path failed on which item when the mapping does not fit the answer', async () => {
    await add('it-misfit', 'stripe-events', { mapping: { fields: { id: '$.no_such_field', time: '$.created', timeFormat: 'unixSeconds', type: '$.type' } } });
    const node = connectionNode(api, 'it-misfit');
    api.tree.getChildren(node);
    await idle(node.session);
    const error = node.session.timeline.error;
    assert.ok(error, 'a mapping that does not fit loaded anyway');
    assert.match(error.message, /\$\.no_such_field/);
    const rows = api.tree.getChildren(node);
    assert.ok(rows.some((n) => is(n, 'error')), 'no error node');
    const sample = await vscode.commands.executeCommand<MappingSample>('timelineViewer.testMapping', 'it-misfit');
    assert.ok('error' in sample);
    assert.match(sample.error, /\$\.no_such_field/);
  });
});

describe('a timeline file in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  it('opens an export of this extension as a connection with the same events, read from the disk', async () => {
    const demo = connectionNode(api, 'demo-pismo');
    api.tree.getChildren(demo);
    await idle(demo.session);
    const uri = vscode.Uri.joinPath(vscode.Uri.file(os.tmpdir()), `timeline-file-${process.pid}.ndjson`);
    await vscode.commands.executeCommand('timelineViewer.export', { connectionId: 'demo-pismo', format: 'ndjson', uri });
    const id = await vscode.commands.executeCommand<string>('timelineViewer.openTimelineFile', uri.fsPath);
    try {
      const file = connectionNode(api, id);
      assert.equal(file.toTreeItem().contextValue, 'connection.file', 'a file row offers no secret, settings or request (test/unit/manifestMenus.test.ts)');
      api.tree.getChildren(file);
      await idle(file.session);
      // however many pages the demo had loaded, the file holds them all: read it to its end
      while (file.session.timeline.hasMore && !file.session.timeline.error) await vscode.commands.executeCommand('timelineViewer.loadMore', file);
      assert.equal(file.session.timeline.error, undefined, file.session.timeline.error?.message);
      assert.deepEqual(new Set([...file.session.timeline.events()].map((e) => e.id)), new Set([...demo.session.timeline.events()].map((e) => e.id)));
    } finally {
      await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
      await fs.rm(uri.fsPath, { force: true });
    }
    assert.equal(api.tree.getChildren().some((n) => is(n, 'connection') && n.toTreeItem().id?.includes(id)), false, 'the file stayed in the tree');
  });

  it('says why a file cannot be read, and adds nothing', async () => {
    const uri = vscode.Uri.joinPath(vscode.Uri.file(os.tmpdir()), `not-a-timeline-${process.pid}.json`);
    await fs.writeFile(uri.fsPath, 'this is not JSON');
    try {
      const before = api.tree.getChildren().length;
      assert.equal(await vscode.commands.executeCommand('timelineViewer.openTimelineFile', uri.fsPath), undefined);
      assert.equal(api.tree.getChildren().length, before);
    } finally {
      await fs.rm(uri.fsPath, { force: true });
    }
  });
});
