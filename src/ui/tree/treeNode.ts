import type * as vscode from 'vscode';

/** A node of the Timeline tree; its own file so node classes in other files can extend it without an import cycle. */
export abstract class TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}
  abstract toTreeItem(): vscode.TreeItem;
  children(): TreeNode[] {
    return [];
  }
}
