import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../src/extension';
import type { ConnectionNode } from '../../src/ui/tree/nodes';
import type { TreeNode } from '../../src/ui/tree/treeNode';
import { idle } from './util';

/**
 * The tree's classes live in the extension's bundle, not in these compiled tests, so `instanceof` cannot
 * see them: a node's kind is read from its context value, as menus read it.
 */
export function is(node: TreeNode | undefined, kind: string): boolean {
  const value = node?.toTreeItem().contextValue ?? '';
  return value === kind || value.startsWith(`${kind}.`);
}

/** A connection's row by its id. */
export function connectionNode(api: TimelineViewerApi, id: string): ConnectionNode {
  const node = api.tree.getChildren().find((n) => is(n, 'connection') && (n as ConnectionNode).session.connection.id === id) as ConnectionNode | undefined;
  assert.ok(node, `no connection ${id} in the tree`);
  return node;
}

/** The demo's Pismo connection, refreshed to its first page. */
export async function fresh(api: TimelineViewerApi): Promise<ConnectionNode> {
  const demo = connectionNode(api, 'demo-pismo');
  await vscode.commands.executeCommand('timelineViewer.refresh', demo);
  api.tree.getChildren(demo);
  await idle(demo.session);
  return demo;
}

/** Accepts each prompt the command shows (the first item of a pick, the prefilled text of an input) until it settles. */
export async function answerPrompts<T>(running: Thenable<T>): Promise<T> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => (settled = true));
  while (!settled) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return done;
}
