import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rawText } from '../../src/core/rawPage';
import type { SavedSearch } from '../../src/core/savedSearch';
import { SPANNING_CORRELATION_ID } from '../../src/demo/pismoScenarios';
import type { TimelineViewerApi } from '../../src/extension';
import type { FindOutcome } from '../../src/ui/find/findCommands';
import type { ConnectionNode } from '../../src/ui/tree/nodes';
import type { LoadUntilOutcome } from '../../src/ui/tree/loadUntilCommand';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { answerPrompts, connectionNode, fresh, is } from './treeUtil';
import { activateExtension } from './util';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('timelineViewer');
const find = (query: string): Thenable<FindOutcome | undefined> => vscode.commands.executeCommand<FindOutcome | undefined>('timelineViewer.find', { connectionId: 'demo-pismo', query });

describe('field queries, remembered and saved searches, Load Until in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.clearFilter', 'demo-pismo');
    await config().update('savedSearches', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('savedSearches', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('timelineViewer.refresh', connectionNode(api, 'demo-pismo'));
  });

  it('a field query finds the disputed purchase: its category asked of the server, its amount matched on each event', async () => {
    const demo = await fresh(api);
    const unfiltered = demo.session.timeline;
    const byChain = await find(`category:dispute correlation:${SPANNING_CORRELATION_ID}`);
    assert.ok(byChain);
    assert.equal(byChain.matches.length, 1, 'the chain has one dispute');
    // the category went to the server as the connection's filter, spelt as the platform spells it
    assert.deepEqual(demo.session.filter?.categories, ['DISPUTE']);
    assert.notEqual(demo.session.timeline, unfiltered);
    const dispute = demo.session.timeline.event(byChain.matches[0]);
    assert.ok(dispute);
    assert.equal(dispute.correlationId, SPANNING_CORRELATION_ID);
    assert.ok([...demo.session.timeline.events()].every((e) => (e.itemCategory ?? e.category) === 'DISPUTE'), 'the server sent other categories');

    // the amount as the server wrote it, by the path Copy Path writes
    const amount = /"amount":\s*(-?[0-9.]+)/.exec(rawText(dispute.raw))?.[1];
    assert.ok(amount, 'the dispute has no amount');
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    const byAmount = await find(`$.data.amount:${amount} category:DISPUTE`);
    assert.ok(byAmount?.complete);
    assert.ok(byAmount.matches.includes(dispute.id), `data.amount:${amount} did not find the dispute`);
    for (const id of byAmount.matches) assert.match(rawText(demo.session.timeline.event(id)!.raw), new RegExp(`"amount":\\s*${amount.replace('.', '\\.')}\\b`));
  });

  it('refuses a malformed query with a sentence, before any request', async () => {
    const demo = connectionNode(api, 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.refresh', demo);
    const { timeline } = demo.session;
    for (const query of ['type:', 'since:yesterday-ish', '$.data..amount:1']) {
      assert.equal(await find(query), undefined, query);
    }
    assert.equal(timeline.pageCount, 0, 'a refused query sent a request');
    assert.equal(demo.session.filter, undefined);
  });

  it("offers the connection's recent queries first, newest first, and runs the one picked", async () => {
    await fresh(api);
    await find('MERCHANT_REVERSAL');
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    const recent = await find('DISPUTE_ACCEPTED');
    // at once, no arguments but the connection: the pick opens on the recent queries, the newest active
    const picked = await answerPrompts(vscode.commands.executeCommand<FindOutcome | undefined>('timelineViewer.find', { connectionId: 'demo-pismo' }));
    assert.ok(picked && recent);
    assert.deepEqual(picked.matches, recent.matches);
    assert.ok(picked.matches.length > 0);
  });

  it("a saved search from the workspace's settings is listed under the connection and runs in one click", async () => {
    const searches: unknown[] = [
      { name: 'Disputes', query: 'category:DISPUTE', connections: ['demo-pismo'] },
      { name: 'Bad', query: 'type:' },
      { name: 'Elsewhere', query: 'x', connections: ['demo-talentlms'] },
    ];
    await config().update('savedSearches', searches, vscode.ConfigurationTarget.Workspace);
    const demo = await fresh(api);
    const saved = api.tree.getChildren(demo).find((n) => is(n, 'savedSearches'));
    assert.ok(saved, 'no Saved node under the connection');
    const rows = api.tree.getChildren(saved).map((n: TreeNode) => n.toTreeItem());
    // the other connection's is not offered here; the malformed one is left out, on a row that says why
    assert.deepEqual(rows.map((r) => r.label), ['Disputes', '1 saved search cannot run']);
    assert.match(String(rows[1].tooltip), /^Workspace settings: Saved search 2: .*"type" has no value/);
    const { command } = rows[0];
    assert.ok(command);
    assert.equal(command.command, 'timelineViewer.runSavedSearch');
    const outcome = await vscode.commands.executeCommand<FindOutcome | undefined>(command.command, ...(command.arguments ?? []));
    assert.ok(outcome?.complete);
    assert.ok(outcome.matches.length > 0);
    assert.ok(outcome.matches.every((id) => demo.session.timeline.event(id)?.category === 'DISPUTE'));
  });

  it("Save Search keeps the connection's query and filter in the user's settings, by name", async () => {
    await fresh(api);
    await vscode.commands.executeCommand('timelineViewer.filter', 'demo-pismo', { categories: ['CARD'] });
    await find('BLOCK');
    const saved = await vscode.commands.executeCommand<SavedSearch | undefined>('timelineViewer.saveSearch', 'demo-pismo', 'Blocked cards');
    assert.ok(saved);
    const stored = config().inspect<{ name: string; query?: string; filter?: { categories?: string[] }; connections?: string[] }[]>('savedSearches')?.globalValue ?? [];
    assert.equal(stored.length, 1);
    assert.equal(stored[0].name, 'Blocked cards');
    assert.equal(stored[0].query, 'BLOCK');
    assert.deepEqual(stored[0].filter?.categories, ['CARD']);
    assert.deepEqual(stored[0].connections, ['demo-pismo']);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.runSavedSearch', 'No such search', 'demo-pismo')), /No saved search is named/);
  });

  it('never writes a stored secret into settings or the workspace state', async () => {
    const token = 'it-search-token-7f3a9c2e';
    const server = await api.demo.start();
    await vscode.commands.executeCommand('timelineViewer.addConnection', { id: 'it-search', name: 'IT search', kind: 'pismo', baseUrl: server.url, secrets: { token } });
    try {
      await fresh(api);
      await find(`data.memo:${token}`);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.saveSearch', 'demo-pismo', 'leak')), /holds a stored secret/);
      assert.equal(config().inspect('savedSearches')?.globalValue, undefined);
      // nor is it offered as a recent query: the pick's first item is the query before it
      await find('MERCHANT_REVERSAL');
      await find(token);
      const picked = await answerPrompts(vscode.commands.executeCommand<FindOutcome | undefined>('timelineViewer.find', { connectionId: 'demo-pismo' }));
      assert.ok(picked);
      assert.ok(!String(api.tree.getChildren(connectionNode(api, 'demo-pismo'))[0].toTreeItem().tooltip).includes(token), 'the secret was offered again');
    } finally {
      await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-search', { confirm: false });
    }
  });

  it('Load Until reads back to an instant and stops there, saying how far back the connection holds', async () => {
    const demo = await fresh(api);
    const { timeline } = demo.session;
    const firstPageOldest = [...timeline.events()].reduce((a, b) => (a.sortKey < b.sortKey ? a : b));
    const instant = new Date(Date.parse(firstPageOldest.timestamp) - 60_000).toISOString();
    const outcome = await vscode.commands.executeCommand<LoadUntilOutcome | undefined>('timelineViewer.loadUntil', 'demo-pismo', instant);
    assert.ok(outcome?.complete);
    assert.ok(outcome.pages >= 1 && outcome.pages < 49, `read ${outcome?.pages} pages`);
    assert.equal(outcome.events, timeline.eventCount - 100);
    const events = [...timeline.events()];
    assert.ok(events.some((e) => Date.parse(e.timestamp) < Date.parse(instant)), 'holds nothing older than the instant');
    assert.ok(timeline.hasMore, 'read to the end instead of stopping');
    const description = String((connectionNode(api, 'demo-pismo') as ConnectionNode).toTreeItem().description);
    assert.match(description, /back to /);
    // an unreadable instant is refused with its sentence
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.loadUntil', 'demo-pismo', 'last tuesday')));
  });
});
