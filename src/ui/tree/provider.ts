import * as vscode from 'vscode';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { isTenant } from '../model/accounts';
import { ConnectionNode } from './nodes';
import { TenantNode } from './tenantNode';
import { type TreeNode } from './treeNode';

/** The Timeline view's data: connections (and tenants → accounts) → categories → events. Holds no paging or parsing logic. */
export class TimelineTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly connectionNodes = new Map<Session, ConnectionNode | TenantNode>();
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
    return sessions.filter((s) => !s.connection.tenant).map((s) => (isTenant(s.connection) ? this.tenantNode(s) : this.connectionNode(s)));
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

  /** A timeline's node: a connection at the top, or an account under its tenant's node. */
  connectionNode(session: Session): ConnectionNode {
    const node = this.connectionNodes.get(session);
    if (node instanceof ConnectionNode) return node;
    const { tenant } = session.connection;
    const tenantSession = tenant && this.sessions.list().find((s) => s.connection === tenant);
    const made = new ConnectionNode(session, tenantSession ? this.tenantNode(tenantSession) : undefined);
    this.connectionNodes.set(session, made);
    return made;
  }

  tenantNode(session: Session): TenantNode {
    const node = this.connectionNodes.get(session);
    if (node instanceof TenantNode) return node;
    const accounts = (): ConnectionNode[] => this.sessions.list().filter((s) => s.connection.tenant === session.connection).map((s) => this.connectionNode(s));
    const made = new TenantNode(session, accounts);
    this.connectionNodes.set(session, made);
    return made;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
