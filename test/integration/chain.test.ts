import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SPANNING_CORRELATION_ID } from '../../src/demo/pismoScenarios';
import type { TimelineViewerApi } from '../../src/extension';
import type { ChainOutcome } from '../../src/ui/chain/chainPanels';
import { fresh } from './treeUtil';
import { activateExtension, until } from './util';

type Rendered = { readonly correlationId: string; readonly key: string; readonly rows: number; readonly forbidden: number };

/** The next picture the chain's page draws with `rows` rows. */
function rendered(api: TimelineViewerApi, correlationId: string, rows: number): Promise<Rendered> {
  // only what is drawn from now on
  let last: Rendered | undefined;
  const sub = api.chains.onDidRender((r) => (last = r));
  return until(api.chains.onDidRender, () => last?.correlationId === correlationId && last.rows === rows && last, `a chain of ${rows} rows`, 30_000).finally(() => sub.dispose());
}

function inspectorTab(label: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('timelineViewer.event') && t.label.includes(label));
}

describe('Show Chain in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("draws the demo's chain that spans three pages, oldest first, and says when nothing is missing", async () => {
    const demo = await fresh(api);
    assert.equal(demo.session.timeline.related(SPANNING_CORRELATION_ID).length, 1, 'the first page holds one event of the chain');
    const drawn = rendered(api, SPANNING_CORRELATION_ID, 3);
    const outcome = await vscode.commands.executeCommand<ChainOutcome>('timelineViewer.showChain', { connectionId: 'demo-pismo', correlationId: SPANNING_CORRELATION_ID });
    assert.equal(outcome.complete, true);
    assert.equal(outcome.events.length, 3);
    const events = outcome.events.map((id) => demo.session.timeline.event(id)!);
    assert.deepEqual(events.map((e) => e.type), ['AUTHORIZE', 'CREATE', 'CANCELLATION']);
    assert.ok(events[0].sortKey < events[1].sortKey && events[1].sortKey < events[2].sortKey, 'not in time order');
    assert.equal((await drawn).forbidden, 0);
  });

  it('opens the row clicked in the inspector, and ignores a click on a picture drawn before', async () => {
    await fresh(api);
    const outcome = await vscode.commands.executeCommand<ChainOutcome>('timelineViewer.showChain', { connectionId: 'demo-pismo', correlationId: SPANNING_CORRELATION_ID });
    // the page asks again, as a reloaded one does: the picture it then draws is the one sent last
    const drawn = rendered(api, SPANNING_CORRELATION_ID, 3);
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'ready' });
    const { key } = await drawn;
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'open', key: String(Number(key) - 1), index: 1 });
    assert.equal(inspectorTab('CREATE'), undefined, 'a stale picture opened an event');
    const opened = until(vscode.window.tabGroups.onDidChangeTabs, () => inspectorTab('CREATE'), 'the dispute in the inspector');
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'open', key, index: 1 });
    await opened;
    // malformed messages are dropped
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'open', key, index: -1 });
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'open', key, index: 99 });
    assert.equal(outcome.events.length, 3);
  });

  it('says the chain may go on while Find has not read to the end, and Search further completes it', async () => {
    const demo = await fresh(api);
    await vscode.workspace.getConfiguration('timelineViewer').update('find.maxPages', 1, vscode.ConfigurationTarget.Global);
    try {
      const partial = await vscode.commands.executeCommand<ChainOutcome>('timelineViewer.showChain', { connectionId: 'demo-pismo', correlationId: SPANNING_CORRELATION_ID });
      assert.equal(partial.complete, false);
      assert.equal(partial.events.length, 2);
      await vscode.workspace.getConfiguration('timelineViewer').update('find.maxPages', undefined, vscode.ConfigurationTarget.Global);
      const drawn = rendered(api, SPANNING_CORRELATION_ID, 3);
      await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'searchFurther' });
      await drawn;
      assert.equal(demo.session.timeline.related(SPANNING_CORRELATION_ID).length, 3);
    } finally {
      await vscode.workspace.getConfiguration('timelineViewer').update('find.maxPages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses a correlation id that is not text, before any request', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('timelineViewer.showChain', { connectionId: 'demo-pismo', correlationId: 42 })), /correlation ID as text/);
  });
});
