// The extension as a user has it: installed from the .vsix into a real VS Code. What a missing
// file in the package (.vscodeignore) or a bundling mistake would break, seen from the outside.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { reindentJson } from '../../src/core/jsonFormat';
import { rawText } from '../../src/core/rawPage';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import type { TimelineViewerApi } from '../../src/extension';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { EXTENSION_ID, idle, nextRender } from '../integration/util';

const CHECKOUT = path.resolve(__dirname, '../../..');
const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/** Re-checks `condition` until it holds: VS Code has no event for an extension's activation. */
async function eventually(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Expands a connection and waits for its first page; returns the events loaded under its categories. */
async function loadEvents(api: TimelineViewerApi, connectionId: string): Promise<EventNode[]> {
  const node = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === connectionId) as ConnectionNode | undefined;
  assert.ok(node, `no connection ${connectionId} in the tree`);
  api.tree.getChildren(node);
  await idle(node.session);
  const categories = api.tree.getChildren(node).filter((n) => kind(n) === 'category') as CategoryNode[];
  return categories.flatMap((c) => c.children().filter((n) => kind(n).startsWith('event')) as EventNode[]);
}

describe('the installed extension (smoke)', () => {
  let extension: vscode.Extension<TimelineViewerApi>;
  let api: TimelineViewerApi;
  let server: DemoServer | undefined;

  after(async () => {
    await vscode.commands.executeCommand('timelineViewer.removeConnection', 'smoke-pismo', { confirm: false });
    await server?.close();
  });

  it('is the copy installed from the package, not the checkout', () => {
    const found = vscode.extensions.getExtension<TimelineViewerApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    extension = found;
    // The harness (and so its extensions folder) may live inside the checkout: what tells the copies apart is
    // that the installed one is not the checkout's own folder and holds no sources, as the .vsix has none.
    const installed = path.resolve(extension.extensionPath);
    assert.notEqual(installed, CHECKOUT, `loaded from the checkout ${installed}`);
    assert.equal(fs.existsSync(path.join(installed, 'src')), false, `${installed} holds sources: not the packaged copy`);
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'extension.js')), `${installed} has no dist/extension.js`);
  });

  it('activates when its view opens', async () => {
    assert.equal(extension.isActive, false, 'active before its view was opened');
    await vscode.commands.executeCommand('timelineViewer.timeline.focus');
    await eventually(() => extension.isActive, 'activation on opening the Timeline view');
    api = extension.exports;
    assert.ok(api.tree, 'activate() returned no API');
  });

  it('Try the Demo loads events', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('timelineViewer.tryDemo');
    assert.ok(ids.length > 0);
    const events = await loadEvents(api, ids[0]);
    assert.ok(events.length > 0, 'the demo connection shows no event');
  });

  it('opens an event in the inspector', async () => {
    const ids = await vscode.commands.executeCommand<string[]>('timelineViewer.tryDemo');
    const [event] = await loadEvents(api, ids[0]);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('timelineViewer.openEvent', event);
    // the page script and stylesheet come from the package's media/: the report proves they loaded and ran
    const rendered = await nextRender(panel, reindentJson(rawText(event.event.raw)));
    assert.equal(rendered.type, 'rendered');
  });

  it('has a walkthrough whose every button runs a registered command', async () => {
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { steps: { description: string }[] }[] } }).contributes.walkthroughs;
    const buttons = walkthroughs.flatMap((w) => w.steps.flatMap((s) => [...s.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1])));
    assert.ok(buttons.length >= walkthroughs[0].steps.length, 'a step without a button');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(buttons.filter((id) => !registered.has(id)), []);
  });

  it('loads a connection to a demo server with its secret', async () => {
    server = await startDemoServer({ token: 'smoke-test-token', eventCount: 300 });
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'smoke-pismo', name: 'Smoke Pismo', kind: 'pismo', baseUrl: server.url, secrets: { token: server.token },
    });
    const events = await loadEvents(api, 'smoke-pismo');
    assert.ok(events.length > 0, 'the connection shows no event');
  });
});
