import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../../src/extension';
import { parsePageMessage } from '../../../src/webview/event/eventMessages';
import { lackingCorrelation } from '../demoEvents';
import { snap } from '../scenes';
import { connectionNode } from '../treeUtil';
import { until } from '../util';

/** A type's profile, then (with `inspector`) an event the inspector flags for lacking a usual field. */
export async function runProfileScene(api: TimelineViewerApi, name: string, inspector = false): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  let drawn = false;
  const sub = api.profiles.onDidRender((r) => (drawn = r.rows > 0));
  try {
    await vscode.commands.executeCommand('timelineViewer.showTypeProfile', 'demo-pismo', 'AUTHORIZE');
    await until(api.profiles.onDidRender, () => drawn, 'the profile drawn');
  } finally {
    sub.dispose();
  }
  await snap(name);
  if (!inspector) return;
  const demo = connectionNode(api, 'demo-pismo');
  let event = lackingCorrelation(demo.session.timeline.events());
  for (let pages = 0; !event && pages < 5 && demo.session.timeline.hasMore; pages++) {
    await vscode.commands.executeCommand('timelineViewer.loadMore', demo);
    event = lackingCorrelation(demo.session.timeline.events());
  }
  if (!event) return;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const panel = api.eventPanels.show(event, demo.session.connection.name);
  let shown = false;
  const messages = panel.webview.onDidReceiveMessage((m: unknown) => (shown ||= parsePageMessage(m)?.type === 'unusualShown'));
  try {
    await until(panel.webview.onDidReceiveMessage, () => shown, 'the unusual section');
  } finally {
    messages.dispose();
  }
  await snap('event-unusual');
}
