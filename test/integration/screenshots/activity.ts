import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../../src/extension';
import { snap } from '../scenes';
import { until } from '../util';

/** The demo's activity strip below the tree, once drawn; `name` says which theme. */
export async function runActivityScene(api: TimelineViewerApi, name: string): Promise<void> {
  // the panel gets the editor area's width
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  let drawn = false;
  const sub = api.activity.onDidRender(() => (drawn = true));
  try {
    await vscode.commands.executeCommand('timelineViewer.showActivity', 'demo-pismo');
    await api.activity.receive({ type: 'ready', widthPx: 280 });
    await until(api.activity.onDidRender, () => drawn, 'the strip drawn');
  } finally {
    sub.dispose();
  }
  await snap(name);
}
