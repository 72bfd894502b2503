import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { newestFirst } from '../../src/core/category';
import { rawText } from '../../src/core/rawPage';
import { LAST_PAGE_CORRELATION_ID, SPANNING_CORRELATION_ID } from '../../src/demo/pismoScenarios';
import type { TimelineViewerApi } from '../../src/extension';
import type { FindOutcome } from '../../src/ui/find/findCommands';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import type { SearchResultsNode } from '../../src/ui/tree/searchNodes';
import { answerPrompts, fresh, is } from './treeUtil';
import { activateExtension, EXTENSION_ID, until } from './util';

/** The demo's Pismo timeline: 5,000 events, 50 pages of 100. */
const DEMO_PAGES = 50;

describe('Find in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
  });

  // The suites share one window: leave the demo as Try the Demo leaves it, nothing loaded yet.
  after(async () => {
    const demo = api.tree.getChildren().find((n) => is(n, 'connection') && (n as ConnectionNode).session.connection.id === 'demo-pismo');
    await vscode.commands.executeCommand('timelineViewer.refresh', demo);
  });

  it('is on the view\'s title bar and on each connection', () => {
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    assert.ok(menus['view/title'].some((m) => m.command === 'timelineViewer.find'));
    assert.ok(menus['view/item/context'].some((m) => m.command === 'timelineViewer.find' && m.when?.includes('viewItem =~ /^connection/')));
  });

  it('from the title bar, finds the id selected in an editor on the last page of a fresh connection', async () => {
    const demo = await fresh(api);
    // in a browser Find reads no clipboard (that waits on a permission): an editor's selection prefills it
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: `failed: ${LAST_PAGE_CORRELATION_ID}\n` }));
    editor.selection = new vscode.Selection(0, 8, 0, 8 + LAST_PAGE_CORRELATION_ID.length);
    // As the title bar runs it: no arguments. Pick the connection, then accept the query prefilled from the selection.
    const outcome = await answerPrompts(vscode.commands.executeCommand<FindOutcome | undefined>('timelineViewer.find'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(outcome, 'the find was dismissed');
    assert.equal(outcome.complete, true);
    assert.equal(outcome.pagesRead, DEMO_PAGES - 1);
    assert.equal(demo.session.timeline.pageCount, DEMO_PAGES);
    assert.equal(outcome.matches.length, 1);
    const match = demo.session.timeline.event(outcome.matches[0]);
    assert.equal(match?.correlationId, LAST_PAGE_CORRELATION_ID);

    const results = resultsOf(api, demo);
    assert.equal(String(results.toTreeItem().label), `"${LAST_PAGE_CORRELATION_ID.slice(0, 11)}…"`);
    assert.ok(String(results.toTreeItem().tooltip).includes(LAST_PAGE_CORRELATION_ID));
    assert.equal(results.toTreeItem().description, `1 match · ${DEMO_PAGES} pages searched`);
    const rows = results.children().filter((n) => is(n, 'event')) as EventNode[];
    assert.deepEqual(rows.map((n) => n.event.id), outcome.matches);
    assert.notEqual(rows[0].toTreeItem().id, rows[0].categoryNode.eventNode(rows[0].event).toTreeItem().id, 'a result row reuses its category row\'s id');
    // the first match is revealed and selected in its category (the workbench reports the selection back)
    const selected = await until(
      api.treeView.onDidChangeSelection,
      () => (api.treeView.selection as EventNode[]).find((n) => n.event?.id === outcome.matches[0]),
      'the first match to be selected',
    );
    assert.equal(is(selected.parent, 'category'), true);
  });

  it('runs scripted without prompts, stops at maxPages, and Search further goes on from there', async () => {
    const demo = await fresh(api);
    const first = await vscode.commands.executeCommand<FindOutcome>('timelineViewer.find', { connectionId: 'demo-pismo', query: SPANNING_CORRELATION_ID, maxPages: 1 });
    assert.deepEqual([first.pagesRead, first.complete, first.matches.length], [1, false, 2]);
    const further = resultsOf(api, demo).children().find((n) => is(n, 'searchFurther'));
    assert.ok(further, 'no Search further node');
    const command = further.toTreeItem().command!;
    const next = await vscode.commands.executeCommand<FindOutcome>(command.command, ...(command.arguments ?? []), 1);
    assert.deepEqual([next.pagesRead, next.matches.length], [2, 3]);
    assert.equal(demo.session.timeline.pageCount, 3);
  });

  it('finds a word in any case, in the text of the events and in their labels, types and categories', async () => {
    const demo = await fresh(api);
    const outcome = await vscode.commands.executeCommand<FindOutcome>('timelineViewer.find', { connectionId: 'demo-pismo', query: 'DiSpUtE', maxPages: 3 });
    const holding = [...demo.session.timeline.events()].filter((e) => [rawText(e.raw), e.label, e.type, e.category].join('\n').toLowerCase().includes('dispute'));
    assert.ok(holding.length > 0, 'the pages read hold no dispute');
    assert.deepEqual(outcome.matches, holding.sort(newestFirst).map((e) => e.id));
  });

  it('Show Related Events finds the chain on pages not yet loaded', async () => {
    const demo = await fresh(api);
    const node = eventWith(api, demo, SPANNING_CORRELATION_ID);
    assert.equal(demo.session.timeline.related(SPANNING_CORRELATION_ID).length, 1, 'the chain should start with one loaded event');
    const outcome = await vscode.commands.executeCommand<FindOutcome>('timelineViewer.showRelated', node);
    assert.equal(outcome.matches.length, 3);
    assert.deepEqual(demo.session.timeline.related(SPANNING_CORRELATION_ID).map((e) => e.id), outcome.matches);
    assert.equal(outcome.complete, true);
    const rows = resultsOf(api, demo).children().filter((n) => is(n, 'event')) as EventNode[];
    assert.deepEqual(rows.map((r) => r.event.type), ['CANCELLATION', 'CREATE', 'AUTHORIZE']);
  });

  it('Clear removes the results and keeps every page read', async () => {
    const demo = await fresh(api);
    await vscode.commands.executeCommand('timelineViewer.find', { connectionId: 'demo-pismo', query: SPANNING_CORRELATION_ID, maxPages: 2 });
    const results = resultsOf(api, demo);
    await vscode.commands.executeCommand('timelineViewer.clearFind', results);
    assert.equal(api.tree.getChildren(demo).some((n) => is(n, 'searchResults')), false);
    assert.equal(demo.session.timeline.pageCount, 3);
  });
});

function resultsOf(api: TimelineViewerApi, demo: ConnectionNode): SearchResultsNode {
  const first = api.tree.getChildren(demo)[0];
  assert.ok(is(first, 'searchResults'), 'the results node is not first under the connection');
  return first as SearchResultsNode;
}

function eventWith(api: TimelineViewerApi, demo: ConnectionNode, correlationId: string): EventNode {
  for (const category of api.tree.getChildren(demo).filter((n): n is CategoryNode => is(n, 'category'))) {
    const found = category.children().find((n): n is EventNode => is(n, 'event') && (n as EventNode).event.correlationId === correlationId);
    if (found) return found;
  }
  throw new Error(`no loaded event with correlation id ${correlationId}`);
}
