import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../src/core/event';
import { escapeMarkdown } from '../../src/core/markdown';
import { RawPage } from '../../src/core/rawPage';
import { sortKey } from '../../src/core/time';
import { PismoTimeline } from '../../src/demo/pismoData';
import { SPANNING_CORRELATION_ID } from '../../src/demo/pismoScenarios';
import { DEFAULT_EVENT_COUNT, DEFAULT_SEED } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import { EVENT_PANEL_COMMANDS, EventPanelManager } from '../../src/ui/inspector/eventPanel';
import { IdHoverProvider } from '../../src/ui/links/hoverProvider';
import { IdTerminalLinkProvider } from '../../src/ui/links/terminalLinks';
import type { Session } from '../../src/ui/model/session';
import { activateExtension, idle, nextRender, until } from './util';

const COMMAND_LINK = /\]\(command:([\w.]+)\?([^)\s]*)\)/g;

/** The command links of a hover's Markdown, decoded: what a click would run. */
function commandLinks(markdown: string): { command: string; args: unknown[] }[] {
  return [...markdown.matchAll(COMMAND_LINK)].map((m) => ({ command: m[1], args: JSON.parse(decodeURIComponent(m[2])) as unknown[] }));
}

/** Our hover at a position of a document, as VS Code's hover API returns it. */
async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.MarkdownString> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  const ours = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.includes('timelineViewer.pivot'));
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(ours, `no Timeline hover at ${position.line}:${position.character} of ${doc?.languageId} "${doc?.lineAt(position.line).text.slice(0, 80)}"; got ${JSON.stringify(hovers)}`);
  return ours;
}

/** Resolves when the inspector shows an event with this label. */
function inspectorShows(label: string): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === label);
  return until(vscode.window.tabGroups.onDidChangeTabs, find, `the inspector to show "${label}"`);
}

let files = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-pivot-'));

/**
 * A file on disk (a log, or text), opened: each test gets its own, where reused untitled documents could let a hover
 * be computed on the previous test's text.
 */
async function openFile(extension: 'log' | 'txt', content: string): Promise<vscode.TextDocument> {
  const file = path.join(dir, `pivot-${++files}.${extension}`);
  fs.writeFileSync(file, content);
  return vscode.workspace.openTextDocument(vscode.Uri.file(file));
}

/** The demo's Pismo event at `index` (index 0 newest), as the server builds it, without loading it. */
function demoPismoEvent(index: number): { id: string; correlationId?: string; label: string } {
  const item = JSON.parse(new PismoTimeline(DEFAULT_SEED, DEFAULT_EVENT_COUNT).event(index).text) as Record<string, string>;
  return { id: item.tenant_account_timestamp, correlationId: item.correlation_id, label: `${item.category} · ${item.type}` };
}

describe('pivots from IDs in a real VS Code', function () {
  this.timeout(180_000);
  let api: TimelineViewerApi;
  let pismo: Session;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
    // these pivots have one Pismo connection to go to: the demo tenant's accounts would make each ask which
    for (const account of api.sessions.list().filter((s) => s.connection.tenant)) await vscode.commands.executeCommand('timelineViewer.closeAccount', account.connection.id);
    const session = api.sessions.get('demo-pismo');
    assert.ok(session);
    pismo = session;
    await freshDemo(true);
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  // the tests after these find the demo as Try the Demo leaves it: nothing loaded, no search
  after(async () => {
    await freshDemo(false);
    await vscode.commands.executeCommand('timelineViewer.openAccount', 'demo-pismo-tenant', '4242002');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The demo Pismo connection with no search and nothing loaded, or only its first page. */
  async function freshDemo(load: boolean): Promise<void> {
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.refresh', api.tree.connectionNode(pismo));
    if (!load) return;
    void pismo.loadMore();
    await idle(pismo);
    assert.equal(pismo.timeline.error, undefined, pismo.timeline.error?.message);
  }

  const loadedEvent = (): TimelineEvent => {
    const event = pismo.timeline.categories.flatMap((c) => c.events).find((e) => e.correlationId);
    assert.ok(event, 'no loaded event with a correlation id');
    return event;
  };

  it('a hover on an event id in a log file shows the loaded event and opens it', async () => {
    const event = loadedEvent();
    const line = `2025-06-30T21:14:05Z INFO webhook handled event=${event.id} ok`;
    const doc = await openFile('log', `first line\n${line}\n`);
    await vscode.window.showTextDocument(doc);
    const md = await hoverAt(doc.uri, new vscode.Position(1, line.indexOf(event.id) + 5));

    assert.deepEqual(md.isTrusted, { enabledCommands: ['timelineViewer.pivot', 'timelineViewer.openEventById'] });
    assert.ok(md.value.includes(escapeMarkdown(event.label, 80)), md.value);
    assert.ok(md.value.includes(escapeMarkdown(pismo.connection.name, 60)), 'the hover names the connection');
    const links = commandLinks(md.value);
    assert.deepEqual(links.map((l) => l.command), ['timelineViewer.openEventById', 'timelineViewer.pivot']);
    assert.deepEqual(links[1].args, [{ query: event.id, kind: 'pismoEvent' }]);

    const shown = inspectorShows(event.label);
    assert.equal(await vscode.commands.executeCommand(links[0].command, ...links[0].args), true);
    await shown;
  });

  it('a hover on a correlation id lists its loaded chain; none on other lines or long lines', async () => {
    const event = loadedEvent();
    const long = `${'x'.repeat(10_001)} ${event.correlationId}`;
    const doc = await openFile('txt', `corr ${event.correlationId}\nversion 1.90.0 sha 0384569\n${long}`);
    await vscode.window.showTextDocument(doc);
    const md = await hoverAt(doc.uri, new vscode.Position(0, 8));
    const opens = commandLinks(md.value).filter((l) => l.command === 'timelineViewer.openEventById');
    assert.equal(opens.length, Math.min(5, pismo.timeline.related(event.correlationId ?? '').length));
    for (const p of [new vscode.Position(1, 10), new vscode.Position(1, 22), new vscode.Position(2, 10_004)]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, p);
      const values = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''));
      assert.equal(values.some((v) => v.includes('timelineViewer.pivot')), false, `a Timeline hover at ${p.line}:${p.character}`);
    }
  });

  it('hostile event data in a hover stays text: no link but its own commands, no markup', () => {
    const label = '[Open](command:workbench.action.terminal.new) ![x](https://evil.invalid/p.png) <img src=x onerror=alert(1)> https://evil.invalid **b**';
    const page = new RawPage(Buffer.from('[{}]'), undefined);
    const hostile: TimelineEvent = {
      id: 'TN::1::2021-01-01T00:00:00Z', type: 'X', category: 'Y', label, timestamp: '[t](https://evil.invalid)', sortKey: sortKey('2021-01-01T00:00:00Z'), raw: { page, index: 0 },
    };
    const session = { connection: { id: 'c', name: '<b>[name](https://evil.invalid)</b>', kind: 'pismo' } } as unknown as Session;
    const provider = new IdHoverProvider({ loaded: () => [{ session, event: hostile }] });
    const line = `id ${hostile.id}`;
    const doc = { lineAt: () => ({ text: line }) } as unknown as vscode.TextDocument;
    const hover = provider.provideHover(doc, new vscode.Position(0, 5));
    const md = (hover?.contents[0] as vscode.MarkdownString).value;
    // every link destination in the Markdown is one of the two command links the hover builds
    const destinations = [...md.matchAll(/(?<!\\)\]\((?<dest>[^)]*)\)/g)].map((m) => m.groups?.dest ?? '');
    assert.equal(destinations.length, 2, md);
    for (const d of destinations) assert.match(d, /^command:timelineViewer\.(openEventById|pivot)\?/);
    assert.equal(/(?<!\\)[<>]/.test(md), false, 'raw HTML in the hover');
    assert.equal(/(?<!\\)(https?:|www\.)/.test(md.replace(/\\./g, '')), false, 'an autolink could form');
    assert.equal((hover?.contents[0] as vscode.MarkdownString).supportHtml, false);
  });

  it('document links cover the IDs of a log, each running Find in Timeline', async () => {
    const event = loadedEvent();
    const content = [`a ${event.correlationId} b`, `event ${event.id}`, 'talentlms event_id=48213', 'nothing 1.2.3 2021-01-01 0384569f'].join('\n');
    const doc = await openFile('log', content);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10);
    const ours = links.filter((l) => l.target?.scheme === 'command' && l.target.path === 'timelineViewer.pivot');
    assert.deepEqual(ours.map((l) => doc.getText(l.range)), [event.correlationId, event.id, '48213']);
    assert.deepEqual(JSON.parse(ours[2].target?.query ?? ''), [{ query: '48213', kind: 'talentlmsEvent' }]);
  });

  it('no links or hovers when timelineViewer.links.enabled is off, or for other languages', async () => {
    const event = loadedEvent();
    const doc = await openFile('log', `x ${event.correlationId}`);
    const count = async () =>
      (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)).filter((l) => doc.getText(l.range) === event.correlationId).length;
    const config = vscode.workspace.getConfiguration('timelineViewer.links');
    try {
      await config.update('enabled', false, vscode.ConfigurationTarget.Global);
      assert.equal(await count(), 0);
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
      await config.update('languages', ['json'], vscode.ConfigurationTarget.Global);
      assert.equal(await count(), 0);
      await config.update('languages', ['json', 'log'], vscode.ConfigurationTarget.Global);
      assert.equal(await count(), 1);
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
      await config.update('languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('terminal lines get links on their IDs', () => {
    const event = loadedEvent();
    const provider = new IdTerminalLinkProvider();
    const line = `PASS webhook ${event.correlationId} -> ${event.id}`;
    const links = provider.provideTerminalLinks({ line, terminal: {} as vscode.Terminal });
    assert.deepEqual(links.map((l) => line.substr(l.startIndex, l.length)), [event.correlationId, event.id]);
    assert.deepEqual(links.map((l) => l.kind), ['correlation', 'pismoEvent']);
  });

  it('Copy Link to Event writes a link that the URI handler opens', async () => {
    const event = loadedEvent();
    const link = await vscode.commands.executeCommand<string>('timelineViewer.copyLinkToEvent', { connectionId: 'demo-pismo', eventId: event.id });
    assert.equal(await vscode.env.clipboard.readText(), link);
    assert.match(link, new RegExp(`^${vscode.env.uriScheme}://timeline-viewer\\.timeline-viewer/event\\?connection=demo-pismo&event=`));
    assert.equal(/secret|token|https?%3A|127\.0\.0\.1/i.test(link), false, 'a link carries no secret or address');
    const shown = inspectorShows(event.label);
    assert.equal(await api.uriHandler.follow(vscode.Uri.parse(link)), 'opened');
    await shown;
  });

  it('Copy Link to Event in the inspector copies the same link as the tree', async () => {
    const event = loadedEvent();
    const fromTree = await vscode.commands.executeCommand<string>('timelineViewer.copyLinkToEvent', { connectionId: 'demo-pismo', eventId: event.id });
    await vscode.env.clipboard.writeText('(before)');
    await nextRender(api.eventPanels.show(event, pismo.connection.name));
    await vscode.commands.executeCommand(EVENT_PANEL_COMMANDS.copyLink, { webview: EventPanelManager.viewType });
    assert.equal(await vscode.env.clipboard.readText(), fromTree);
  });

  it('a link to a connection that does not exist is refused: nothing added, no secret asked', async () => {
    const before = api.sessions.list().map((s) => s.connection.id);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('timelineViewer').inspect('connections'));
    const pages = pismo.timeline.pageCount;
    const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://timeline-viewer.timeline-viewer/event?connection=not-here&event=TN%3A%3A1%3A%3A2021-01-01T00%3A00%3A00Z`);
    assert.equal(await api.uriHandler.follow(uri), 'unknownConnection');
    assert.deepEqual(api.sessions.list().map((s) => s.connection.id), before);
    assert.equal(pismo.timeline.pageCount, pages, 'no page was read');
    assert.equal(JSON.stringify(vscode.workspace.getConfiguration('timelineViewer').inspect('connections')), settings);
  });

  it('hostile links are refused before anything is read', async () => {
    const pages = pismo.timeline.pageCount;
    const base = `${vscode.env.uriScheme}://timeline-viewer.timeline-viewer`;
    for (const query of ['connection=demo-pismo&event=1&baseUrl=https%3A%2F%2Fevil.invalid', 'connection=demo-pismo&event=1&token=x', 'connection=demo-pismo', 'connection=..%2F..&event=1']) {
      assert.equal(await api.uriHandler.follow(vscode.Uri.parse(`${base}/event?${query}`)), 'refused', query);
    }
    assert.equal(await api.uriHandler.follow(vscode.Uri.parse(`${base}/settings?connection=demo-pismo&event=1`)), 'refused');
    assert.equal(pismo.timeline.pageCount, pages);
  });

  it('Compare with Previous of Same Type diffs the next older loaded event of its type', async () => {
    const events = pismo.timeline.categories.flatMap((c) => c.events);
    const event = events.find((e, i) => events.slice(i + 1).some((o) => o.type === e.type && o.category === e.category));
    assert.ok(event);
    const opened = until(vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff && vscode.window.tabGroups.activeTabGroup.activeTab, 'a diff');
    assert.equal(await vscode.commands.executeCommand('timelineViewer.compareWithPrevious', { connectionId: 'demo-pismo', eventId: event.id }), true);
    const input = (await opened).input as vscode.TabInputTextDiff;
    const older = new URLSearchParams(input.original.query).get('e');
    const category = pismo.timeline.categories.find((c) => c.name === event.category);
    const expected = category?.events.slice(category.events.indexOf(event) + 1).find((e) => e.type === event.type);
    assert.equal(older, expected?.id);
    assert.equal(new URLSearchParams(input.modified.query).get('e'), event.id);
  });

  describe('with Find', () => {
    beforeEach(() => freshDemo(true));

    it('a document link runs Find and opens an event from a page not loaded yet', async () => {
      const target = demoPismoEvent(350);
      assert.equal(pismo.timeline.event(target.id), undefined, 'the event should not be loaded yet');
      const doc = await openFile('log', `ERROR retry failed for ${target.id}`);
      await vscode.window.showTextDocument(doc);
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10);
      const link = links.find((l) => doc.getText(l.range) === target.id)?.target;
      assert.ok(link?.scheme === 'command', 'no link on the event id');
      const shown = inspectorShows(target.label);
      // what a Ctrl+Click on the link runs: its command with its arguments
      await vscode.commands.executeCommand(link.path, ...(JSON.parse(link.query) as unknown[]));
      await shown;
      assert.ok(pismo.timeline.event(target.id), 'the page holding the event was loaded');
    });

    it('the URI handler opens an event from an unloaded page', async () => {
      const target = demoPismoEvent(720);
      assert.equal(pismo.timeline.event(target.id), undefined);
      const shown = inspectorShows(target.label);
      const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://timeline-viewer.timeline-viewer/event?connection=demo-pismo&event=${encodeURIComponent(target.id)}`);
      assert.equal(await api.uriHandler.follow(uri), 'opened');
      await shown;
    });

    it('a link to a correlation id finds its chain across pages and opens the newest event', async () => {
      const chain = [3, 150, 260].map(demoPismoEvent);
      assert.ok(chain.every((e) => e.correlationId === SPANNING_CORRELATION_ID));
      const shown = inspectorShows(chain[0].label);
      const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://timeline-viewer.timeline-viewer/event?connection=demo-pismo&correlation=${SPANNING_CORRELATION_ID}`);
      assert.equal(await api.uriHandler.follow(uri), 'opened');
      await shown;
      assert.deepEqual(pismo.timeline.related(SPANNING_CORRELATION_ID).map((e) => e.id), chain.map((e) => e.id));
    });

    it('Find Selection in Timeline finds a correlation chain across pages', async () => {
      const target = demoPismoEvent(900);
      assert.ok(target.correlationId);
      const doc = await openFile('log', `corr=${target.correlationId}`);
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 5, 0, 5 + target.correlationId.length);
      // the selection is the query; the connection is given, as a script would (a person picks it)
      const result = await vscode.commands.executeCommand<{ matches: string[] }>('timelineViewer.findSelection', { connectionId: 'demo-pismo' });
      assert.ok(result.matches.includes(target.id), `${target.id} not among ${result.matches.length} matches`);
    });
  });
});
