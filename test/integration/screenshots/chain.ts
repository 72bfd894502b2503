import * as vscode from 'vscode';
import { SPANNING_CORRELATION_ID } from '../../../src/demo/pismoScenarios';
import type { TimelineViewerApi } from '../../../src/extension';
import { snap } from '../scenes';
import { until } from '../util';

/** The demo's purchase, dispute and cancellation as a waterfall, once drawn (and `beside` the event it opens). */
export async function runChainScene(api: TimelineViewerApi, name: string, beside = false): Promise<void> {
  // a panel opened anew paints in the theme just applied
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  let rows = 0;
  const sub = api.chains.onDidRender((r) => (rows = r.rows));
  try {
    await vscode.commands.executeCommand('timelineViewer.showChain', { connectionId: 'demo-pismo', correlationId: SPANNING_CORRELATION_ID });
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'ready' });
    await until(api.chains.onDidRender, () => rows === 3, 'the chain drawn');
  } finally {
    sub.dispose();
  }
  await snap(name);
  if (beside) {
    // a row clicked opens its event beside the chain, which narrows and keeps each label on a line of its own
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'ready' });
    const key = await new Promise<string>((resolve) => {
      const once = api.chains.onDidRender((r) => {
        once.dispose();
        resolve(r.key);
      });
    });
    const shown = new Promise<void>((resolve) => {
      const once = vscode.window.tabGroups.onDidChangeTabs(() => {
        once.dispose();
        resolve();
      });
    });
    await api.chains.receive('demo-pismo', SPANNING_CORRELATION_ID, { type: 'open', key, index: 1 });
    await shown;
    await snap(`${name}-beside-inspector`);
  }
  await vscode.commands.executeCommand('timelineViewer.clearFind', 'demo-pismo');
}
