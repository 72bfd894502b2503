import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { reindentJson } from '../../src/core/jsonFormat';
import { rawText } from '../../src/core/rawPage';
import type { TimelineViewerApi } from '../../src/extension';
import type { CategoryNode, ConnectionNode, EventNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { HOSTILE_PAYLOADS } from './fixtures/hostilePayloads';
import { connectionNode, is } from './treeUtil';
import { activateExtension, idle, until } from './util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';
/** Characters that reorder or hide text: a row must show them as escapes, never raw. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** One Pismo page whose every field an attacker wrote: the payloads' labels become types, their items data. */
function hostilePage(): string {
  const items = HOSTILE_PAYLOADS.map(
    (p, i) =>
      `{"type":${JSON.stringify(p.label)},"category":"HOSTILE","tenant_account_timestamp":${JSON.stringify(p.id)},` +
      `"timestamp":"2022-02-15T20:27:0${i}.151790540Z","correlation_id":"[open](command:workbench.action.quit)","data":${p.item}}`,
  );
  return `{"has_next":false,"next_cursor":null,"count":${items.length},"items":[${items.join(',')}]}`;
}

describe('hostile event data in the tree and the JSON document', () => {
  let api: TimelineViewerApi;
  let server: Server;
  let events: EventNode[];

  before(async () => {
    api = await activateExtension();
    const body = hostilePage();
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await vscode.commands.executeCommand('timelineViewer.addConnection', {
      id: 'it-hostile',
      name: 'IT hostile',
      kind: 'pismo',
      baseUrl: `http://127.0.0.1:${port}`,
      secrets: { token: 'hostile-token' },
    });
    const connection = api.tree.getChildren().find((n) => kind(n).startsWith('connection') && (n as ConnectionNode).session.connection.id === 'it-hostile') as ConnectionNode;
    api.tree.getChildren(connection);
    await idle(connection.session);
    assert.equal(connection.session.timeline.error, undefined, connection.session.timeline.error?.message);
    const category = api.tree.getChildren(connection).find((n) => kind(n) === 'category') as CategoryNode;
    events = category.children().filter((n) => kind(n).startsWith('event')) as EventNode[];
  });

  after(async () => {
    await vscode.commands.executeCommand('timelineViewer.removeConnection', 'it-hostile', { confirm: false });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('Show Chain draws every hostile row as inert text', async () => {
    const correlationId = '[open](command:workbench.action.quit)';
    let drawn: { rows: number; forbidden: number } | undefined;
    const sub = api.chains.onDidRender((r) => (drawn = r));
    try {
      const outcome = await vscode.commands.executeCommand<{ events: string[]; complete: boolean }>('timelineViewer.showChain', { connectionId: 'it-hostile', correlationId });
      assert.equal(outcome.events.length, HOSTILE_PAYLOADS.length);
      assert.equal(outcome.complete, true);
      // the id was searched for as text, though it reads like a `key:value` term
      const results = api.tree.getChildren(connectionNode(api, 'it-hostile'))[0];
      assert.ok(is(results, 'searchResults'), 'the chain ran no search');
      await until(api.chains.onDidRender, () => drawn?.rows === HOSTILE_PAYLOADS.length, 'the hostile chain drawn');
      assert.equal(drawn?.forbidden, 0);
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('timelineViewer.clearFind', 'it-hostile');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('the activity strip draws the hostile categories as inert text', async () => {
    let drawn: { forbidden: number } | undefined;
    const sub = api.activity.onDidRender((r) => (drawn = r));
    try {
      const outcome = await vscode.commands.executeCommand<{ events: number }>('timelineViewer.showActivity', 'it-hostile');
      assert.equal(outcome.events, HOSTILE_PAYLOADS.length);
      await until(api.activity.onDidRender, () => drawn, 'the hostile strip drawn');
      assert.equal(drawn?.forbidden, 0);
    } finally {
      sub.dispose();
    }
  });

  it('Show Type Profile draws a hostile type and its paths as inert text', async () => {
    let drawn: { rows: number; forbidden: number } | undefined;
    const sub = api.profiles.onDidRender((r) => (drawn = r));
    try {
      const type = events[0].event.type;
      const outcome = await vscode.commands.executeCommand<{ events: number; paths: unknown[] }>('timelineViewer.showTypeProfile', 'it-hostile', type);
      assert.ok(outcome.events >= 1);
      await until(api.profiles.onDidRender, () => drawn && drawn.rows === outcome.paths.length, 'the hostile profile drawn');
      assert.equal(drawn?.forbidden, 0);
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('loads every hostile event', () => {
    assert.equal(events.length, HOSTILE_PAYLOADS.length);
  });

  it('shows labels, descriptions and tooltips as plain text, with invisible characters made visible', () => {
    for (const node of events) {
      const item = node.toTreeItem();
      assert.equal(typeof item.label, 'string', 'a label must not be a highlighted/markdown label');
      assert.equal(typeof item.tooltip, 'string', 'a tooltip must be plain text, never markdown that renders links');
      for (const text of [item.label, item.description, item.tooltip].map(String)) {
        assert.equal(INVISIBLE.test(text), false, `raw invisible character in ${JSON.stringify(text)}`);
      }
    }
    // What the server wrote is there literally: a script tag stays text, a bidi override becomes an escape.
    const script = events.find((n) => n.event.type.includes('<script>'));
    assert.ok(script && String(script.toTreeItem().label).includes('</script><script>alert(1)</script>'));
    const bidi = events.find((n) => n.event.type.includes('\u202E'));
    assert.ok(bidi && String(bidi.toTreeItem().label).includes('\\u202e'), 'a bidi override was not shown as an escape');
  });

  it('opens each as a JSON document holding exactly the server\'s characters', async () => {
    for (const node of events) {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('timelineViewer.openEventDocument', node);
      assert.equal(editor.document.getText(), reindentJson(rawText(node.event.raw)));
    }
    const numbers = events.find((n) => rawText(n.event.raw).includes('12345678901234567890'));
    assert.ok(numbers);
    const doc = (await vscode.commands.executeCommand<vscode.TextEditor>('timelineViewer.openEventDocument', numbers)).document.getText();
    for (const literal of ['12345678901234567890', '1.10', '1.5e-7', '-0.0', '2022-02-15T20:27:02.151790540Z', '🎉']) {
      assert.ok(doc.includes(literal), `${literal} did not survive`);
    }
  });
});
