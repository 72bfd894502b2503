import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { appliesTo, type SavedSearch } from '../../core/savedSearch';
import { savedSearchSettings } from '../model/savedSearches';
import type { Session } from '../model/session';
import { TreeNode } from './treeNode';

/**
 * A connection's "Saved" row, listing the saved searches that apply to it, then a warning row for entries the
 * settings hold that cannot run; none when there is neither.
 */
export function savedNodes(parent: TreeNode, session: Session): TreeNode[] {
  const { searches, problems } = savedSearchSettings();
  const mine = searches.filter((s) => appliesTo(s, session.connection.id));
  return mine.length === 0 && problems.length === 0 ? [] : [new SavedSearchesNode(parent, session, mine, problems)];
}

class SavedSearchesNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly session: Session,
    private readonly searches: readonly SavedSearch[],
    private readonly problems: readonly string[],
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
    const nodes: TreeNode[] = this.searches.map((s) => new SavedSearchNode(this, this.session, s));
    if (this.problems.length > 0) nodes.push(new ProblemsNode(this, this.problems));
    return nodes;
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

/** The entries of the settings that are left out, each with why: a saved search never fails silently. */
class ProblemsNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly problems: readonly string[],
  ) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const count = this.problems.length;
    const item = new vscode.TreeItem(count === 1 ? vscode.l10n.t('1 saved search cannot run') : vscode.l10n.t('{0} saved searches cannot run', count), vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'savedSearchProblems';
    item.iconPath = new vscode.ThemeIcon('warning');
    item.tooltip = this.problems.map((p) => displayText(p, 300)).join('\n');
    item.description = displayText(this.problems[0], 80);
    return item;
  }
}
