import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../src/core/event';
import { reindentJson } from '../../src/core/jsonFormat';
import { RawPage, rawText } from '../../src/core/rawPage';
import { sortKey } from '../../src/core/time';
import { EVENT_PANEL_COMMANDS, EventPanelManager } from '../../src/ui/inspector/eventPanel';
import { eventFromView } from '../../src/ui/inspector/eventPanelModel';
import {
  parseHostMessage,
  parsePageMessage,
  parsePageState,
  showWire,
  textDigest,
  type EventView,
} from '../../src/webview/event/eventMessages';
import { HOSTILE_PAYLOADS, bigStringItem, deepItem } from './fixtures/hostilePayloads';
import { nextRender, type Rendered } from './util';

const EXTENSION_ID = 'timeline-viewer.timeline-viewer';

interface Fields {
  id?: string;
  label?: string;
  correlationId?: string;
}

/** An event over a real page of bytes, as a source would build it (no server needed). */
function eventOf(item: string, fields: Fields = {}): TimelineEvent {
  const page = new RawPage(Buffer.from(`{"has_next":false,"items":[{"filler":[1,2]},${item}],"next_cursor":null}`, 'utf8'), 'items');
  const timestamp = '2022-02-15T20:27:02.151790540Z';
  return {
    id: fields.id ?? 'evt-1',
    type: 'REFUSAL',
    category: 'TRANSACTION',
    label: fields.label ?? 'TRANSACTION · REFUSAL',
    timestamp,
    sortKey: sortKey(timestamp),
    correlationId: fields.correlationId,
    accountId: '4242',
    raw: { page, index: 1 },
  };
}

/** Shows an event and waits for the page to render it. */
async function showAndRender(panels: EventPanelManager, event: TimelineEvent, expected?: string): Promise<{ panel: vscode.WebviewPanel; report: Rendered }> {
  const panel = panels.show(event, 'Test');
  return { panel, report: await nextRender(panel, expected) };
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'no CSP meta tag');
  return match[1];
}

async function clipboardAfter(command: string, ...args: unknown[]): Promise<string> {
  await vscode.env.clipboard.writeText('(before)');
  await vscode.commands.executeCommand(command, ...args);
  return vscode.env.clipboard.readText();
}

describe('the event panel in a real VS Code', function () {
  this.timeout(120_000);
  let panels: EventPanelManager;

  before(async () => {
    const api = await vscode.extensions.getExtension<{ eventPanels: EventPanelManager }>(EXTENSION_ID)!.activate();
    panels = api.eventPanels;
    assert.ok(panels instanceof Object, 'activate() must return eventPanels');
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('serves a page with a strict CSP, one nonce\'d script and no event data', async () => {
    const item = '{"secretive":"SHOULD-NOT-BE-IN-HTML","n":12345678901234567890}';
    const { panel } = await showAndRender(panels, eventOf(item, { id: 'ID-NOT-IN-HTML', label: 'LABEL-NOT-IN-HTML', correlationId: 'CORR-NOT-IN-HTML' }));
    const html = panel.webview.html;
    const csp = cspOf(html);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 22, `no nonce in ${csp}`);
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`style-src ${panel.webview.cspSource}`), csp);
    assert.ok(csp.includes(`img-src ${panel.webview.cspSource}`), csp);
    assert.doesNotMatch(csp.split(panel.webview.cspSource).join(''), /unsafe-inline|unsafe-eval|\*/, 'no wildcard beyond VS Code\'s own resource origin');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1, 'exactly one script tag');
    assert.ok(scripts[0].includes(`nonce="${nonce}"`), scripts[0]);
    assert.match(scripts[0], /src="[^"]*media\/dist\/event\.js"/);
    assert.doesNotMatch(html, /\son[a-z]+\s*=|\sstyle\s*=|<script\b[^>]*>[^<\s]/i, 'no inline handlers, styles or script bodies');
    for (const text of ['SHOULD-NOT-BE-IN-HTML', '12345678901234567890', 'ID-NOT-IN-HTML', 'LABEL-NOT-IN-HTML', 'CORR-NOT-IN-HTML']) {
      assert.equal(html.includes(text), false, `${text} leaked into the HTML`);
    }
    assert.equal(panel.webview.options.enableScripts, true);
    assert.equal(panel.options.retainContextWhenHidden, undefined);
    const roots = (panel.webview.options.localResourceRoots ?? []).map((u) => u.path);
    assert.equal(roots.length, 1);
    assert.match(roots[0], /\/media$/);
  });

  it('uses a fresh nonce for each page and reuses the panel until it is kept open', async () => {
    const first = panels.show(eventOf('{"a":1}', { id: 'one' }), 'Test');
    const again = panels.show(eventOf('{"a":2}', { id: 'two' }), 'Test');
    assert.equal(again, first, 'the unpinned panel is reused');
    panels.pin();
    const third = panels.show(eventOf('{"a":3}', { id: 'three' }), 'Test');
    assert.notEqual(third, first, 'a kept panel is not reused');
    const nonceOf = (p: vscode.WebviewPanel) => /'nonce-([^']+)'/.exec(cspOf(p.webview.html))?.[1];
    assert.notEqual(nonceOf(first), nonceOf(third));
    assert.equal(third.viewType, EventPanelManager.viewType);
  });

  it('shows the exact text of a normal event, re-indented', async () => {
    const item = '{"id":"e1","amount":12345678901234567890,"rate":1.10,"tiny":1.5e-7,"ts":"2022-02-15T20:27:02.151790540Z","u":"ção 🎉","esc":"a\\"b\\\\c\\u00e7","list":[[],{},[1,[2]]]}';
    const expected = reindentJson(item);
    const { report } = await showAndRender(panels, eventOf(item), expected);
    assert.equal(report.forbidden, 0);
    assert.equal(report.textLength, expected.length);
    assert.equal(report.textDigest, textDigest(expected));
  });

  for (const payload of HOSTILE_PAYLOADS) {
    it(`renders hostile data literally: ${payload.name}`, async () => {
      const expected = reindentJson(payload.item);
      const { panel, report } = await showAndRender(panels, eventOf(payload.item, { id: payload.id, label: payload.label, correlationId: payload.id }), expected);
      assert.equal(report.forbidden, 0, 'the page created elements or attributes that could run or load something');
      assert.equal(report.textLength, expected.length);
      assert.equal(report.textDigest, textDigest(expected), 'the JSON shown differs from the text received');
      assert.equal(panel.webview.html.includes(payload.label), false);
    });
  }

  it('opens a 10 MB string without freezing, cut on screen, whole on the clipboard', async () => {
    const size = 10 * 1024 * 1024;
    const item = bigStringItem(size);
    const started = Date.now();
    const { report } = await showAndRender(panels, eventOf(item, { id: 'big' }));
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    assert.equal(report.forbidden, 0);
    assert.ok(report.textLength < 100_000, `rendered ${report.textLength} characters of text`);
    const valueAt = item.indexOf('"<script>');
    const copied = await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, { webview: EventPanelManager.viewType, valueAt });
    assert.equal(copied.length, size);
  });

  it('opens hostile nesting without rendering all of it', async () => {
    const { report } = await showAndRender(panels, eventOf(deepItem(5_000), { id: 'deep' }));
    assert.equal(report.forbidden, 0);
    assert.ok(report.rows < 100, `${report.rows} rows`);
  });

  it('opens a 1 MB event of many values quickly, rendering only part of it', async () => {
    const items = Array.from({ length: 12_000 }, (_, i) => `{"i":${i},"amount":1234567890123456789${i % 10},"note":"row ${i}"}`);
    const item = `{"id":"wide","rows":[${items.join(',')}]}`;
    assert.ok(item.length > 500_000);
    const started = Date.now();
    const { report } = await showAndRender(panels, eventOf(item, { id: 'wide' }));
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    assert.equal(report.forbidden, 0);
    assert.ok(report.rows <= 1_500, `${report.rows} rows rendered up front`);
  });

  it('renders again from its saved state when hidden and shown (no retainContextWhenHidden)', async () => {
    const item = '{"kept":"in the page state","n":1.10}';
    const expected = reindentJson(item);
    const { panel } = await showAndRender(panels, eventOf(item, { id: 'hidden' }), expected);
    const other = await vscode.workspace.openTextDocument({ content: 'another editor', language: 'plaintext' });
    await vscode.window.showTextDocument(other, { viewColumn: panel.viewColumn, preview: false });
    assert.equal(panel.visible, false);
    const again = nextRender(panel, expected);
    panel.reveal(panel.viewColumn);
    const report = await again;
    assert.equal(report.forbidden, 0);
  });

  describe('copying', () => {
    const item = '{"id":"e1","data":{"item":{"amount":12345678901234567890,"note":"a\\"b\\u00e7"}},"items":[0,1,2,{"x":1.10}],"a b":null}';
    const context = (needle: string) => ({ webview: EventPanelManager.viewType, webviewSection: 'jsonValue', valueAt: item.indexOf(needle) });

    beforeEach(async () => {
      await showAndRender(panels, eventOf(item, { id: 'evt-copy-1', correlationId: 'corr-7f3a' }), reindentJson(item));
    });

    it('copies the event id, the correlation id and the whole JSON', async () => {
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyEventId), 'evt-copy-1');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyCorrelationId), 'corr-7f3a');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyJson), reindentJson(item));
    });

    it('copies a value with its exact characters, a string unescaped', async () => {
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, context('12345678901234567890')), '12345678901234567890');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, context('"a\\"b')), 'a"bç');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, context('1.10')), '1.10');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, context('{"x"')), '{\n  "x": 1.10\n}');
    });

    it('copies JSON paths', async () => {
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyPath, context('12345678901234567890')), '$.data.item.amount');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyPath, context('{"x"')), '$.items[3]');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyPath, context('null')), '$["a b"]');
    });

    it('ignores a context that names no value', async () => {
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyValue, { webview: EventPanelManager.viewType, valueAt: 1 }), '(before)');
      assert.equal(await clipboardAfter(EVENT_PANEL_COMMANDS.copyPath, { valueAt: 'x' }), '(before)');
    });
  });
});

describe('the event panel message contract', () => {
  const view: EventView = { id: 'i', type: 't', category: 'c', label: 'l', timestamp: 'ts', connectionName: 'n', json: '{}' };

  it('accepts well-formed messages and rebuilds them field by field', () => {
    const wire = showWire('k', { ...view, json: '{"ç":"€𝄞"}' }, false);
    assert.deepEqual(parseHostMessage({ ...wire, event: { ...wire.event, extra: '<script>' } }), {
      type: 'show',
      key: 'k',
      event: { ...view, json: '{"ç":"€𝄞"}', correlationId: undefined, accountId: undefined },
      pinned: false,
    });
    // as a page may receive it: the bytes' buffer alone
    assert.equal(parseHostMessage({ ...wire, json: wire.json.slice().buffer })?.type, 'show');
    assert.deepEqual(parsePageMessage({ type: 'copyValue', at: 3 }), { type: 'copyValue', at: 3 });
    assert.deepEqual(parsePageMessage({ type: 'copy', target: 'json' }), { type: 'copy', target: 'json' });
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready', key: undefined });
  });

  it('drops anything malformed', () => {
    const bad: unknown[] = [
      null,
      'show',
      [],
      { type: 'eval', code: 'alert(1)' },
      { type: 'copy', target: 'secret' },
      { type: 'copy', target: 'toString' },
      { type: 'copyValue', at: -1 },
      { type: 'copyValue', at: 1.5 },
      { type: 'copyPath', at: '3' },
      { type: 'ready', key: 7 },
      { type: 'rendered', key: 'k', rows: 1, forbidden: 0, textLength: 1 },
      { type: '__proto__' },
    ];
    for (const message of bad) assert.equal(parsePageMessage(message), undefined, JSON.stringify(message));
    const { json, ...fields } = view;
    const bytes = new TextEncoder().encode(json);
    assert.equal(parseHostMessage({ type: 'show', key: 'k', event: view, pinned: false }), undefined, 'the JSON as a string, not bytes');
    assert.equal(parseHostMessage({ type: 'show', key: 'k', event: fields, json: 42, pinned: false }), undefined);
    assert.equal(parseHostMessage({ type: 'show', key: 'k', event: { ...fields, correlationId: {} }, json: bytes, pinned: false }), undefined);
    assert.equal(parseHostMessage({ type: 'show', key: 'k', event: fields, json: bytes }), undefined);
    assert.equal(parsePageState({ key: 'k', event: null, pinned: true }), undefined);
  });

  it('restores an event whose raw text is exactly the saved one', () => {
    const json = '{"n":12345678901234567890,"s":"\\u00e7 ç 🎉","f":1.10}';
    const restored = eventFromView({ ...view, json, correlationId: 'c' });
    assert.equal(rawText(restored.raw), json);
    assert.equal(restored.correlationId, 'c');
    assert.equal(restored.sortKey, '');
  });
});
