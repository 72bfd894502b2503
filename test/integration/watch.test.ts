import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatTime, type TimeFormat } from '../../src/core/time';
import { RawPage } from '../../src/core/rawPage';
import type { NewerResult } from '../../src/core/timeline';
import type { TimelineViewerApi } from '../../src/extension';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import { revealRow } from '../../src/ui/tree/revealRow';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { activateExtension, idle, until } from './util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

describe('watching a timeline in a real VS Code', () => {
  let api: TimelineViewerApi;
  let pismo: ConnectionNode;
  let dir: string;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
    pismo = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === 'demo-pismo') as ConnectionNode;
    api.tree.getChildren(pismo);
    await idle(pismo.session);
    dir = mkdtempSync(join(tmpdir(), 'timeline-watch-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('timelineViewer.stopLiveTail', 'demo-pismo');
    await vscode.workspace.getConfiguration('timelineViewer').update('liveTail.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('timelineViewer').update('timeFormat', undefined, vscode.ConfigurationTarget.Global);
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the demo timeline byte-identical to the server\'s items', async () => {
    await vscode.commands.executeCommand('timelineViewer.refresh', pismo);
    api.tree.getChildren(pismo);
    await idle(pismo.session);
    const uri = vscode.Uri.file(join(dir, 'demo.ndjson'));
    const result = await vscode.commands.executeCommand<{ events: number; bytes: number }>('timelineViewer.export', { connectionId: 'demo-pismo', format: 'ndjson', uri });
    const server = await api.demo.start();
    const limit = pismo.session.timeline.eventCount;
    const res = await fetch(`${server.url}/timeline/v1/timeline?limit=${limit}`, { headers: { authorization: `Bearer ${server.token}` } });
    const page = new RawPage(Buffer.from(await res.arrayBuffer()), 'items');
    const expected = Buffer.concat(Array.from({ length: page.itemCount }, (_, i) => Buffer.concat([page.itemBytes(i), Buffer.from('\n')])));
    assert.equal(result.events, page.itemCount);
    assert.equal(result.bytes, expected.length);
    assert.ok(readFileSync(uri.fsPath).equals(expected), 'the export differs from the server\'s bytes');
  });

  it('exports Find results: the matches, newest first, each exactly as the server sent it', async () => {
    const query = 'c3a1f00d-5a1e-4e0b-9c2d-7b40f4d24654';
    const found = await vscode.commands.executeCommand<{ matches: string[] }>('timelineViewer.find', { connectionId: 'demo-pismo', query, maxPages: 10 });
    assert.ok(found.matches.length >= 2, `the demo's chain has several events, found ${found.matches.length}`);
    const uri = vscode.Uri.file(join(dir, 'results.ndjson'));
    const result = await vscode.commands.executeCommand<{ events: number }>('timelineViewer.export', { connectionId: 'demo-pismo', results: true, format: 'ndjson', uri });
    const lines = readFileSync(uri.fsPath, 'utf8').trimEnd().split('\n');
    assert.equal(result.events, found.matches.length);
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { tenant_account_timestamp: string }).tenant_account_timestamp), found.matches);
    for (const line of lines) assert.ok(line.includes(query));
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
  });

  it('a live tail shows events the server appends, marked new, with a badge', async () => {
    await vscode.workspace.getConfiguration('timelineViewer').update('liveTail.intervalSeconds', 2, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('timelineViewer.timeline.focus');
    const session = pismo.session;
    const expanded = api.tree.getChildren(pismo).filter((n) => kind(n) === 'category') as CategoryNode[];
    const before = session.timeline.eventCount;
    const tailing = await vscode.commands.executeCommand<string[]>('timelineViewer.startLiveTail', 'demo-pismo');
    assert.deepEqual(tailing, ['demo-pismo']);
    assert.match(String(pismo.toTreeItem().contextValue), /\.live$/);
    assert.match(String(pismo.toTreeItem().description), /live/);
    const server = await api.demo.start();
    const started = Date.now();
    server.appendEvents(3);
    await until(session.onDidChange, () => session.timeline.eventCount === before + 3, 'the appended events', 15_000);
    const waited = Date.now() - started;
    assert.ok(waited < 2000 + 3000, `appeared after ${waited} ms, more than one interval`);
    const fresh = newEvents(api, pismo);
    assert.equal(fresh.length, 3, 'three rows are marked new');
    for (const node of fresh) {
      const item = node.toTreeItem();
      assert.match(String(item.description), /^new · /);
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'circle-filled');
    }
    assert.equal(api.treeView.badge?.value, 3);
    // Nothing else was disturbed: the categories shown before are the same nodes.
    const after = api.tree.getChildren(pismo).filter((n) => kind(n) === 'category');
    for (const c of expanded) assert.ok(after.includes(c), `${c.category.name} was replaced`);
    // Opening one clears its mark and the badge counts one fewer.
    // the tail may refresh the whole tree while VS Code looks for the row
    assert.ok(await revealRow(api.treeView, fresh[0], { select: true, focus: true }), 'the new row could not be selected');
    await until(api.treeView.onDidChangeSelection, () => api.treeView.badge?.value === 2, 'the badge to count 2', 5000);
    const stopped = await vscode.commands.executeCommand<string[]>('timelineViewer.stopLiveTail', 'demo-pismo');
    assert.deepEqual(stopped, []);
  });

  it('Check for Newer merges at the top and says nothing is new the second time', async () => {
    const server = await api.demo.start();
    server.appendEvents(2);
    const first = await vscode.commands.executeCommand<NewerResult>('timelineViewer.checkNewer', 'demo-pismo');
    assert.equal(first.added, 2);
    const again = await vscode.commands.executeCommand<NewerResult>('timelineViewer.checkNewer', 'demo-pismo');
    assert.equal(again.added, 0);
  });

  it('removing a connection with unseen new events recounts the badge', async () => {
    const server = await api.demo.start();
    const id = 'it-watch-extra';
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id, name: 'IT extra', kind: 'pismo', baseUrl: server.url, secrets: { token: server.token } });
    const extra = api.sessions.get(id);
    assert.ok(extra, 'the connection was added');
    await extra.loadMore();
    const before = api.treeView.badge?.value ?? 0;
    server.appendEvents(2);
    const result = await vscode.commands.executeCommand<NewerResult>('timelineViewer.checkNewer', id);
    assert.equal(result.added, 2);
    assert.equal(api.treeView.badge?.value, before + 2);
    await vscode.commands.executeCommand('timelineViewer.removeConnection', id, { confirm: false });
    assert.equal(api.treeView.badge?.value ?? 0, before, 'the removed connection\'s new events still count');
  });

  for (const format of ['local', 'utc', 'relative', 'iso'] as TimeFormat[]) {
    it(`renders row times as ${format}`, async () => {
      assert.equal(await vscode.commands.executeCommand('timelineViewer.switchTimeFormat', format), format);
      const node = anyEvent(api, pismo);
      const description = String(node.toTreeItem().description);
      const shown = formatTime(node.event.timestamp, format, Date.now());
      assert.ok(description.includes(shown), `${description} lacks ${shown}`);
      const shapes: Record<TimeFormat, RegExp> = {
        local: /(\d{2}:\d{2}:\d{2}\.\d{3}|[A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2})(?: · |$)/,
        utc: /(\d{2}:\d{2}:\d{2}\.\d{3}|[A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2}) UTC/,
        relative: /(\d+(y|mo|w|d|h|m) ago|just now)/,
        iso: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z/,
      };
      assert.match(description, shapes[format]);
      // The tooltip keeps the exact instant with every digit, whatever the rows show.
      assert.match(String(node.toTreeItem().tooltip), /\.\d{9} UTC/);
    });
  }

  it('copies the last request as curl with the secret as an environment variable', async () => {
    const text = await vscode.commands.executeCommand<string>('timelineViewer.copyRequestAsCurl', 'demo-pismo');
    const server = await api.demo.start();
    assert.match(text, /-H "Authorization: Bearer \$PISMO_TOKEN"/);
    // No comment line (interactive zsh runs `#`) and nothing of the connection's name: the notification says what to set.
    assert.match(text, /^curl --globoff /);
    assert.equal(text.includes('Demo'), false, 'the connection name is in the curl text');
    assert.ok(text.includes(`${server.url}/timeline/v1/timeline?`));
    assert.equal(text.includes(server.token), false, 'the secret is in the curl text');
    assert.equal(await vscode.env.clipboard.readText(), text);
  });
});

function events(api: TimelineViewerApi, connection: ConnectionNode): EventNode[] {
  const categories = api.tree.getChildren(connection).filter((n) => kind(n) === 'category') as CategoryNode[];
  return categories.flatMap((c) => c.children().filter((n) => kind(n).startsWith('event')) as EventNode[]);
}

function newEvents(api: TimelineViewerApi, connection: ConnectionNode): EventNode[] {
  return events(api, connection).filter((n) => String(n.toTreeItem().description).startsWith('new'));
}

function anyEvent(api: TimelineViewerApi, connection: ConnectionNode): EventNode {
  const found = events(api, connection)[0];
  assert.ok(found, 'no event in the tree');
  return found;
}
