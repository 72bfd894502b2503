import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { rawText } from '../../src/core/rawPage';
import type { TimelineViewerApi } from '../../src/extension';
import { EVENT_PANEL_COMMANDS, EventPanelManager } from '../../src/ui/inspector/eventPanel';
import { eventPickItem } from '../../src/ui/inspector/eventPick';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { FRACTION_OF_A_PASS, bestOf, passMs } from '../unit/hostile/timing';
import { HOSTILE_PAYLOADS, RAW_INVISIBLE, deepItem, zeroWidthType } from './fixtures/hostilePayloads';
import { activateExtension, idle, nextRender } from './util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';
const CORRELATION = '$(zap) \u202Ecorr';
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
/** An event id of a million characters: VS Code would receive it with the row on every refresh. */
const LONG_ID = 'L'.repeat(1_000_000);

/**
 * The hostile events of the issue at their reproduced sizes, all sharing a correlation id, in two Pismo pages
 * (each within the 8 MB cap): `/timeline/v1/timeline`, then the one for the cursor `long`.
 */
function pismoPages(): Map<string, string> {
  const item = (type: string, id: string, extra = '', timestamp = '2022-02-15T20:27:02.151790540Z'): string =>
    `{"type":${JSON.stringify(type)},"category":"HOSTILE","tenant_account_timestamp":${JSON.stringify(id)},` +
    `"timestamp":${JSON.stringify(timestamp)},"correlation_id":${JSON.stringify(CORRELATION)}${extra}}`;
  const items = [
    item(zeroWidthType(2_700_000), 'zero-width'),
    item('DEEP', 'deep', `,"data":${deepItem(16_000)}`),
    ...HOSTILE_PAYLOADS.map((p, i) => item(p.label, `payload-${i}`, `,"data":${p.item}`, `2022-02-15T20:27:0${i}.1Z`)),
  ];
  const long = [item('LONG_TIME', 'long-time', '', `2022-02-15T20:27:02.${'1'.repeat(2_600_000)}Z`), item('LONG_ID', LONG_ID)];
  return new Map([
    ['/timeline/v1/timeline', `{"has_next":true,"next_cursor":"long","items":[${items.join(',')}]}`],
    ['long', `{"has_next":false,"next_cursor":null,"items":[${long.join(',')}]}`],
  ]);
}

/** TalentLMS: a page of prototype-named types, then a page of 472,000 tiny events (8 MB within the size cap). */
function talentPages(base: string): Map<string, string> {
  const typed = PROTOTYPE_NAMES.map((t, i) => `{"id":${i + 1},"event_type":${JSON.stringify(t)},"created_at":"2024-05-01T10:00:0${i}Z"}`);
  const tiny = Array.from({ length: 472_000 }, (_, i) => `{"id":${1000 + i}}`);
  return new Map([
    ['/api/v2/timeline', `{"_data":[${typed.join(',')}],"_links":{"next":"${base}/huge"}}`],
    ['/huge', `{"_data":[${tiny.join(',')}],"_links":{"next":null}}`],
  ]);
}

function assertClean(text: string, max: number, where: string): void {
  assert.equal(RAW_INVISIBLE.test(text), false, `raw invisible character in ${where}: ${JSON.stringify(text.slice(0, 200))}`);
  assert.ok(text.length <= max, `${where} is ${text.length} characters`);
}

/** Accepts the QuickPick a command opened (it has no open event to await), then resolves to its result. */
async function acceptQuickPick<T>(running: Thenable<T>): Promise<T> {
  let settled = false;
  const result = Promise.resolve(running).finally(() => (settled = true));
  for (let i = 0; i < 100 && !settled; i++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([result, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return result;
}

describe('hostile data at its reproduced sizes, in a real VS Code', function () {
  this.timeout(180_000);
  let api: TimelineViewerApi;
  let server: Server;
  let pismo: ConnectionNode;
  let events: Map<string, EventNode>;

  before(async () => {
    api = await activateExtension();
    const pages = new Map<string, string>();
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = pages.get(url.searchParams.get('cursor') ?? url.pathname);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{"message":"Not Found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [path, body] of [...pismoPages(), ...talentPages(base)]) pages.set(path, body);
    for (const [id, kindName, secrets] of [
      ['it-hostile-data', 'pismo', { token: 'hostile-token' }],
      ['it-hostile-talent', 'talentlms', { apiKey: 'hostile-key' }],
    ] as const) {
      await vscode.commands.executeCommand('timelineViewer.addConnection', { id, name: id, kind: kindName, baseUrl: base, secrets });
    }
    pismo = connection('it-hostile-data');
    api.tree.getChildren(pismo);
    await idle(pismo.session);
    await vscode.commands.executeCommand('timelineViewer.loadMore', pismo);
    assert.equal(pismo.session.timeline.error, undefined, pismo.session.timeline.error?.message);
    assert.equal(pismo.session.timeline.hasMore, false);
    const category = api.tree.getChildren(pismo).find((n) => kind(n) === 'category') as CategoryNode;
    events = new Map((category.children() as EventNode[]).map((n) => [n.event.id, n]));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ['it-hostile-data', 'it-hostile-talent']) await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function connection(id: string): ConnectionNode {
    return api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === id) as ConnectionNode;
  }

  function event(id: string): EventNode {
    const node = events.get(id);
    assert.ok(node, `no event ${id}`);
    return node;
  }

  it('draws each row in O(shown characters): a 2.7 M-character type, a 2.6 MB timestamp, a 1 M-character id', () => {
    assert.equal(events.size, 4 + HOSTILE_PAYLOADS.length);
    for (const id of ['zero-width', 'long-time', LONG_ID]) {
      const node = event(id);
      node.toTreeItem();
      const ms = bestOf(5, () => node.toTreeItem());
      const { type, timestamp } = node.event;
      const pass = passMs(type + timestamp + node.event.id);
      assert.ok(ms < pass * FRACTION_OF_A_PASS, `${id.slice(0, 20)}: ${ms.toFixed(3)} ms per row, ${pass.toFixed(1)} ms to read its fields once`);
    }
    for (const node of events.values()) {
      const item = node.toTreeItem();
      assertClean(String(item.label), 120, `the label of ${node.event.id.slice(0, 20)}`);
      assertClean(String(item.description), 120, 'a description');
      assertClean(String(item.tooltip), 2_000, 'a tooltip');
      assert.ok((item.id ?? '').length < 300, `a row id of ${item.id?.length} characters`);
    }
    assert.equal(new Set([...events.values()].map((n) => n.toTreeItem().id)).size, events.size, 'row ids stay unique');
  });

  it('loads prototype-named TalentLMS types, then refuses a page of 472,000 events and keeps them', async () => {
    const talent = connection('it-hostile-talent');
    api.tree.getChildren(talent);
    await idle(talent.session);
    assert.equal(talent.session.timeline.eventCount, PROTOTYPE_NAMES.length);
    await vscode.commands.executeCommand('timelineViewer.loadMore', talent);
    await idle(talent.session);
    assert.equal(talent.session.timeline.error?.kind, 'tooLarge');
    assert.equal(talent.session.timeline.eventCount, PROTOTYPE_NAMES.length, 'what was loaded stays');
    const error = api.tree.getChildren(talent).find((n) => kind(n).startsWith('error'));
    assert.ok(error, 'an error node says why');
    assert.match(String(error.toTreeItem().label), /472,000 events in one page/);
  });

  it('shows a 16,000-deep event in the inspector, copies it as sent, and answers Copy Value from one index', async () => {
    const node = event('deep');
    const raw = rawText(node.event.raw);
    const panel = api.eventPanels.show(node.event, 'hostile');
    const report = await nextRender(panel);
    assert.equal(report.forbidden, 0);
    assert.ok(report.rows < 100, `${report.rows} rows`);
    await vscode.env.clipboard.writeText('(before)');
    await vscode.commands.executeCommand(EVENT_PANEL_COMMANDS.copyJson);
    assert.equal(await vscode.env.clipboard.readText(), raw, 'too deep to re-indent: copied as sent');
    const context = (offset: number) => ({ webview: EventPanelManager.viewType, valueAt: offset });
    await vscode.commands.executeCommand(EVENT_PANEL_COMMANDS.copyValue, context(raw.indexOf('"<img')));
    assert.equal(await vscode.env.clipboard.readText(), '<img src=x onerror=alert(1)>');
    await vscode.commands.executeCommand(EVENT_PANEL_COMMANDS.copyPath, context(raw.indexOf('[[[')));
    assert.equal(await vscode.env.clipboard.readText(), '$.data.deep');
  });

  it('titles the panel with sanitized, bounded text', async () => {
    for (const id of ['zero-width', 'payload-8', 'payload-9']) {
      const panel = api.eventPanels.show(event(id).event, 'hostile');
      await nextRender(panel);
      assertClean(panel.title, 60, `the panel title of ${id}`);
    }
  });

  it('opens the 16,000-deep event as a JSON document as sent, under a sanitized name', async () => {
    const deep = event('deep');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('timelineViewer.openEventDocument', deep);
    assert.equal(editor.document.getText(), rawText(deep.event.raw));
    for (const id of ['zero-width', 'payload-8', 'long-time']) {
      const doc = (await vscode.commands.executeCommand<vscode.TextEditor>('timelineViewer.openEventDocument', event(id))).document;
      const name = doc.uri.path.split('/').pop() ?? '';
      assertClean(name, 200, `the document name of ${id}`);
    }
  });

  it('sanitizes Show Related\'s results and Compare with…\'s QuickPick rows, keeping $( as typed', async () => {
    for (const node of events.values()) {
      const item = eventPickItem(node.event, 'c');
      for (const [field, max] of [
        [item.label, 120],
        [item.description ?? '', 60],
        [item.detail ?? '', 200],
      ] as const) {
        assertClean(field, max, 'a QuickPick field');
        assert.equal(/(^|[^\\])\$\(/.test(field), false, `an icon would render in ${field}`);
      }
    }
    // Show Related finds the hostile correlation id across pages: its results node and rows show it sanitized...
    const outcome = await vscode.commands.executeCommand<{ matches: string[] }>('timelineViewer.showRelated', event('payload-8'));
    assert.ok(outcome.matches.includes(event('payload-8').event.id), 'Show Related found the event itself');
    const results = api.tree.getChildren(pismo).find((n) => kind(n).startsWith('searchResults'));
    assert.ok(results, 'Show Related left a results node');
    const item = results.toTreeItem();
    assertClean(String(item.label), 20, 'the results label');
    assertClean(String(item.tooltip), 2000, 'the results tooltip');
    const rows = results.children().filter((n) => kind(n).startsWith('event'));
    assert.equal(rows.length, outcome.matches.length);
    for (const row of rows) assertClean(String(row.toTreeItem().label), 120, 'a result row');
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'it-hostile-data');
    // ...and Compare with… diffs two events under a sanitized title.
    await acceptQuickPick(vscode.commands.executeCommand('timelineViewer.compareEvent', event('payload-9')));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff opened');
    assertClean(tab.label, 200, 'the diff title');
  });
});
