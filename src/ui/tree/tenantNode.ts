import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { definedByText } from '../model/connection';
import type { Session } from '../model/session';
import { TreeNode } from './treeNode';

/**
 * A Pismo tenant (a server key or an OAuth client): no timeline of its own, its open accounts below it, each a
 * connection node with its own timeline, then Open Account….
 */
export class TenantNode extends TreeNode {
  constructor(
    readonly session: Session,
    private readonly accounts: () => TreeNode[],
  ) {
    super(undefined);
  }

  toTreeItem(): vscode.TreeItem {
    const { connection } = this.session;
    const item = new vscode.TreeItem(displayText(connection.name, 120), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `tenant:${connection.id}`;
    item.contextValue = connection.demo ? 'tenant.demo' : 'tenant';
    item.iconPath = new vscode.ThemeIcon('organization');
    const count = this.accounts().length;
    const accounts = count === 1 ? vscode.l10n.t('1 account') : vscode.l10n.t('{0} accounts', count);
    const definedBy = definedByText(connection);
    item.description = [...(definedBy ? [vscode.l10n.t('workspace')] : []), vscode.l10n.t('tenant'), accounts].join(' · ');
    item.tooltip = [`${connection.name} (${connection.kind}, ${connection.auth === 'oauth' ? 'OAuth' : vscode.l10n.t('server key')})`, definedBy].filter(Boolean).join('\n\n');
    return item;
  }

  children(): TreeNode[] {
    return [...this.accounts(), new OpenAccountNode(this)];
  }
}

/** The action row under a tenant: Open Account…. */
export class OpenAccountNode extends TreeNode {
  constructor(readonly tenant: TenantNode) {
    super(tenant);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Open Account…'), vscode.TreeItemCollapsibleState.None);
    item.id = `openAccount:${this.tenant.session.connection.id}`;
    item.contextValue = 'openAccount';
    item.iconPath = new vscode.ThemeIcon('add');
    item.command = { command: 'timelineViewer.openAccount', title: vscode.l10n.t('Open Account…'), arguments: [this.tenant.session.connection.id] };
    return item;
  }
}
