import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../src/extension';
import type { ProfileOutcome } from '../../src/ui/profile/profilePanels';
import { parsePageMessage } from '../../src/webview/event/eventMessages';
import { lackingCorrelation } from './demoEvents';
import { fresh } from './treeUtil';
import { activateExtension, until } from './util';

describe('a type\'s usual shape in a real VS Code', () => {
  let api: TimelineViewerApi;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('timelineViewer.tryDemo');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Type Profile lists the paths a type\'s loaded events carry, each counted at most once per event', async () => {
    const demo = await fresh(api);
    await vscode.commands.executeCommand('timelineViewer.loadMore', demo);
    const type = 'AUTHORIZE';
    const loaded = [...demo.session.timeline.events()].filter((e) => e.type === type).length;
    let drawn: { rows: number; forbidden: number } | undefined;
    const sub = api.profiles.onDidRender((r) => (drawn = r));
    try {
      const outcome = await vscode.commands.executeCommand<ProfileOutcome>('timelineViewer.showTypeProfile', 'demo-pismo', type);
      assert.equal(outcome.events, loaded);
      assert.ok(outcome.paths.some((p) => p.path === '$.data'), 'no $.data');
      assert.ok(outcome.paths.every((p) => p.count >= 1 && p.count <= loaded), 'a count past the events');
      assert.equal(outcome.paths.find((p) => p.path === '$.type')?.count, loaded);
      await until(api.profiles.onDidRender, () => drawn && drawn.rows === outcome.paths.length, 'the profile drawn');
      assert.equal(drawn?.forbidden, 0);
    } finally {
      sub.dispose();
    }
  });

  it('the inspector flags an event that lacks a field most of its type carry', async () => {
    const demo = await fresh(api);
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('timelineViewer.loadMore', demo);
    const event = lackingCorrelation(demo.session.timeline.events());
    assert.ok(event, 'the demo has no event lacking a usual correlation_id');
    const panel = api.eventPanels.show(event, demo.session.connection.name);
    let shown: { lacks: number; adds: number } | undefined;
    const sub = panel.webview.onDidReceiveMessage((m: unknown) => {
      const message = parsePageMessage(m);
      if (message?.type === 'unusualShown') shown = message;
    });
    try {
      await until(panel.webview.onDidReceiveMessage, () => shown, 'the unusual section', 30_000);
      assert.ok(shown && shown.lacks >= 1, `lacks ${shown?.lacks}`);
    } finally {
      sub.dispose();
    }
  });
});
