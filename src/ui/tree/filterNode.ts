import * as vscode from 'vscode';
import type { TimelineFilter } from '../../core/filter';
import { filterDetails, filterSummary } from './filterText';
import type { Session } from '../model/session';
import { TreeNode } from './treeNode';

/** The first row of a filtered connection: what the filter is; click to change it, the inline action clears it. */
export class FilterNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly session: Session,
    private readonly filter: TimelineFilter,
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Filter: {0}', filterSummary(this.filter)), vscode.TreeItemCollapsibleState.None);
    item.id = `filter:${this.session.connection.id}`;
    item.contextValue = 'filter';
    item.iconPath = new vscode.ThemeIcon('filter');
    item.tooltip = `${filterDetails(this.filter)}\n\n${vscode.l10n.t('Click to change the filter.')}`;
    item.command = { command: 'timelineViewer.filter', title: vscode.l10n.t('Filter…'), arguments: [this.session.connection.id] };
    return item;
  }
}
