import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { SavedSearch } from '../../core/savedSearch';
import { savedSearchesFor } from '../model/savedSearches';
import type { Session } from '../model/session';
import { TreeNode } from './treeNode';

/** A connection's "Saved" row, listing the saved searches that apply to it; none when there is none. */
export function savedNodes(parent: TreeNode, session: Session): TreeNode[] {
  const searches = savedSearchesFor(session.connection.id);
  return searches.length === 0 ? [] : [new SavedSearchesNode(parent, session, searches)];
}

class SavedSearchesNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly session: Session,
    private readonly searches: readonly SavedSearch[],
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Saved'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `saved:${this.session.connection.id}`;
    item.contextValue = 'savedSearches';
    item.iconPath = new vscode.ThemeIcon('bookmark');
    item.description = String(this.searches.length);
    return item;
  }

  children(): TreeNode[] {
    return this.searches.map((s) => new SavedSearchNode(this, this.session, s));
  }
}

/** One saved search: click runs it on this connection. */
class SavedSearchNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly session: Session,
    readonly search: SavedSearch,
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const { search } = this;
    const item = new vscode.TreeItem(displayText(search.name, 100), vscode.TreeItemCollapsibleState.None);
    item.id = `saved:${this.session.connection.id}:${search.name}`;
    item.contextValue = 'savedSearch';
    item.iconPath = new vscode.ThemeIcon('search');
    item.description = search.query === undefined ? vscode.l10n.t('filter only') : displayText(search.query, 60);
    item.tooltip = vscode.l10n.t('Click to run this saved search.');
    item.command = { command: 'timelineViewer.runSavedSearch', title: vscode.l10n.t('Run Saved Search'), arguments: [search.name, this.session.connection.id] };
    return item;
  }
}
