import * as vscode from 'vscode';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { ConnectionNode } from './nodes';
import { type TreeNode } from './treeNode';

/** The Timeline view's data: connections → categories → events. Holds no paging or parsing logic. */
export class TimelineTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly connectionNodes = new Map<Session, ConnectionNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: SessionRegistry) {
    // Only the connection whose timeline changed is refreshed, so other connections keep their state.
    this.subscription = sessions.onDidChange((session) => this.changed.fire(session ? this.connectionNode(session) : undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.children();
    const sessions = this.sessions.list();
    for (const s of this.connectionNodes.keys()) if (!sessions.includes(s)) this.connectionNodes.delete(s);
    return sessions.map((s) => this.connectionNode(s));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-renders one node (e.g. a category after "Show more"). */
  refresh(node: TreeNode): void {
    this.changed.fire(node);
  }

  /** Re-renders every row (a display setting changed). */
  refreshAll(): void {
    this.changed.fire(undefined);
  }

  connectionNode(session: Session): ConnectionNode {
    let node = this.connectionNodes.get(session);
    if (!node) {
      node = new ConnectionNode(session);
      this.connectionNodes.set(session, node);
    }
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
