import * as vscode from 'vscode';
import { PismoTimeline } from '../../../src/demo/pismoData';
import { DEFAULT_EVENT_COUNT, DEFAULT_SEED } from '../../../src/demo/server';
import type { TimelineViewerApi } from '../../../src/extension';
import { snap } from '../scenes';
import { activateExtension, idle, nextRender, until } from '../util';

/**
 * Pivots as a user meets them: the hover on a correlation id in a log file, and what a link to an event opens
 * from a page not loaded yet (Find's results in the tree, the event in the inspector, its ID values underlined).
 */
export async function runPivotScenes(given?: TimelineViewerApi): Promise<void> {
  const api = given ?? (await activateExtension());
  await vscode.commands.executeCommand('timelineViewer.tryDemo');
  const pismo = api.sessions.get('demo-pismo');
  if (!pismo) throw new Error('no demo Pismo connection');
  if (pismo.timeline.isFresh) void pismo.loadMore();
  await idle(pismo);
  const events = pismo.timeline.categories.flatMap((c) => c.events);
  const chained = events.find((e) => e.correlationId && pismo.timeline.related(e.correlationId).length > 1) ?? events[0];

  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const log = [
    '2025-06-30T21:14:05.151Z INFO  webhook received type=TRANSACTION status=200',
    `2025-06-30T21:14:05.152Z INFO  correlation_id=${chained.correlationId} account=4242001`,
    `2025-06-30T21:14:05.160Z DEBUG stored event ${chained.id}`,
    '2025-06-30T21:14:05.161Z INFO  client v1.90.0 commit 0384569 done',
  ].join('\n');
  const doc = await vscode.workspace.openTextDocument({ language: 'log', content: log });
  const editor = await vscode.window.showTextDocument(doc);
  const at = new vscode.Position(1, log.split('\n')[1].indexOf(chained.correlationId ?? '') + 4);
  editor.selection = new vscode.Selection(at, at);
  // the providers answer first, so the hover opens with its content
  await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at);
  await vscode.commands.executeCommand('editor.action.showHover');
  await snap('pivot-hover');

  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // a link to an event on a page not loaded yet, as a colleague would send it: Find reads on, then the inspector opens
  const item = JSON.parse(new PismoTimeline(DEFAULT_SEED, DEFAULT_EVENT_COUNT).event(450).text) as Record<string, string>;
  const label = `${item.category} · ${item.type}`;
  const shown = until(vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === label)), 'the linked event');
  const link = `${vscode.env.uriScheme}://timeline-viewer.timeline-viewer/event?connection=${pismo.connection.id}&event=${encodeURIComponent(item.tenant_account_timestamp)}`;
  await api.uriHandler.follow(vscode.Uri.parse(link));
  await shown;
  const linked = pismo.timeline.event(item.tenant_account_timestamp);
  // shown once more to await the page's render report before the picture
  if (linked) await nextRender(api.eventPanels.show(linked, pismo.connection.name));
  await snap('pivot-link-result');
}

/** `npm run screenshots -- --tests out/test/integration/screenshots/pivot.js` takes these scenes alone. */
export async function run(): Promise<void> {
  await runPivotScenes();
}
