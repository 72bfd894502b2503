import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { brushFilter } from '../../src/core/activity';
import type { TimelineViewerApi } from '../../src/extension';
import type { ActivityOutcome } from '../../src/ui/activity/activityView';
import { fresh } from './treeUtil';
import { activateExtension, idle, until } from './util';

type Rendered = { readonly key: string; readonly buckets: number; readonly forbidden: number };

/** The next picture the strip's page draws. */
function nextRender(api: TimelineViewerApi): Promise<Rendered> {
  let last: Rendered | undefined;
  const sub = api.activity.onDidRender((r) => (last = r));
  return until(api.activity.onDidRender, () => last, 'the activity strip drawn', 30_000).finally(() => sub.dispose());
}

describe('the activity strip in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('timelineViewer.clearFilter', 'demo-pismo');
  });

  it("counts the connection's loaded events in buckets, and draws them as inert text and canvas", async () => {
    const demo = await fresh(api);
    await vscode.commands.executeCommand('timelineViewer.loadMore', demo);
    const drawn = nextRender(api);
    const outcome = await vscode.commands.executeCommand<ActivityOutcome>('timelineViewer.showActivity', 'demo-pismo');
    assert.equal(outcome.connectionId, 'demo-pismo');
    assert.equal(outcome.events, demo.session.timeline.eventCount);
    assert.ok(outcome.buckets >= 3, `${outcome.buckets} buckets`);
    const picture = await drawn;
    assert.equal(picture.forbidden, 0);
    assert.ok(picture.buckets > 0);
  });

  it('brushing a range filters the connection to it (the server asked), and clearing the filter clears the brush', async () => {
    const demo = await fresh(api);
    await vscode.commands.executeCommand('timelineViewer.showActivity', 'demo-pismo');
    const times = [...demo.session.timeline.events()].map((e) => Date.parse(e.timestamp)).sort((a, b) => a - b);
    const range = { fromMs: times[10], toMs: times[60] };
    await api.activity.receive({ type: 'brush', range });
    assert.deepEqual({ since: demo.session.filter?.since, until: demo.session.filter?.until }, brushFilter(range));
    api.tree.getChildren(demo);
    await idle(demo.session);
    const shown = [...demo.session.timeline.events()];
    assert.ok(shown.length > 0, 'the filtered timeline is empty');
    assert.ok(shown.every((e) => Date.parse(e.timestamp) >= range.fromMs && Date.parse(e.timestamp) < range.toMs), 'an event outside the brush');
    // the strip follows the filtered timeline, its brush drawn from the filter
    const redrawn = nextRender(api);
    const after = await vscode.commands.executeCommand<ActivityOutcome>('timelineViewer.showActivity', 'demo-pismo');
    assert.equal(after.events, demo.session.timeline.eventCount);
    await redrawn;
    await api.activity.receive({ type: 'clearBrush' });
    assert.equal(demo.session.filter, undefined);
  });

  it('a click on a category of the legend drawn last filters to it; one drawn before does nothing', async () => {
    const demo = await fresh(api);
    const filter = (): typeof demo.session.filter => demo.session.filter;
    await vscode.commands.executeCommand('timelineViewer.showActivity', 'demo-pismo');
    const key = api.activity.pictureKey;
    await api.activity.receive({ type: 'category', key: String(Number(key) - 1), index: 0 });
    assert.equal(filter(), undefined, 'a stale legend filtered');
    await api.activity.receive({ type: 'category', key, index: 0 });
    assert.equal(filter()?.categories?.length, 1);
    // malformed messages are dropped
    await api.activity.receive({ type: 'brush', range: { fromMs: 5, toMs: 1 } });
    assert.equal(filter()?.since, undefined);
  });
});
