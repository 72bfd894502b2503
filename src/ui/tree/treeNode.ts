import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';

/** A node of the Timeline tree; its own file so node classes in other files can extend it without an import cycle. */
export abstract class TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}
  abstract toTreeItem(): vscode.TreeItem;
  children(): TreeNode[] {
    return [];
  }
}

/** Events shown per category (or matches per search) before a "Show more" node, so a huge list opens instantly. */
export const CATEGORY_CHUNK = 200;

/** A line of text in the tree: Loading…, No events, No matches. */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly text: string,
    private readonly icon: string,
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(displayText(this.text, 160), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'message';
    return item;
  }
}
