import * as vscode from 'vscode';
import type { Category } from '../../core/category';
import { displayText } from '../../core/displayText';
import type { Search } from '../../core/find';
import { searchOf } from '../model/searches';
import type { TimelineEvent } from '../../core/event';
import type { Session } from '../model/session';
import { CATEGORY_CHUNK, MessageNode, TreeNode } from './treeNode';

/** What the results node needs of its connection's row (ConnectionNode), without importing the rows. */
export interface ResultsParent extends TreeNode {
  readonly session: Session;
  /** The event's ordinary row in its category, listed under `under`. */
  matchRow(event: TimelineEvent, category: Category, under: TreeNode): TreeNode;
}

/**
 * The node at the top of a connection while it has a search: `"c3a1…" · 4 matches · 26 pages searched`, holding
 * the matches as ordinary event rows, newest first.
 */
export class SearchResultsNode extends TreeNode {
  constructor(
    readonly parent: ResultsParent,
    readonly search: Search,
  ) {
    super(parent);
  }

  get session(): Session {
    return this.parent.session;
  }

  toTreeItem(): vscode.TreeItem {
    const { search } = this;
    // short, so the counts beside it stay visible in a narrow side bar; the tooltip has the whole query
    const item = new vscode.TreeItem(`"${displayText(search.query, 12)}"`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `search:${this.session.connection.id}`;
    item.contextValue = search.isRunning ? 'searchResults.running' : 'searchResults';
    item.iconPath = new vscode.ThemeIcon(search.isRunning ? 'loading~spin' : 'search');
    const count = search.matches.length;
    const pages = search.timeline.pageCount;
    item.description = [
      count === 1 ? vscode.l10n.t('1 match') : vscode.l10n.t('{0} matches', count.toLocaleString()),
      pages === 1 ? vscode.l10n.t('1 page searched') : vscode.l10n.t('{0} pages searched', pages.toLocaleString()),
    ].join(' · ');
    item.tooltip = `${displayText(search.query)}\n${item.description}\n${this.status()}`;
    return item;
  }

  children(): TreeNode[] {
    const { search } = this;
    const categories = new Map<string, Category>(search.timeline.categories.map((c) => [c.name, c]));
    const nodes: TreeNode[] = [];
    for (const event of search.matches.slice(0, CATEGORY_CHUNK)) {
      const category = categories.get(event.category);
      if (category) nodes.push(this.parent.matchRow(event, category, this));
    }
    const hidden = search.matches.length - CATEGORY_CHUNK;
    if (hidden > 0) nodes.push(new MessageNode(this, vscode.l10n.t('{0} more matches: a longer query narrows them', hidden.toLocaleString()), 'ellipsis'));
    if (search.end === 'maxPages' && search.timeline.hasMore) nodes.push(new SearchFurtherNode(this));
    else if (search.matches.length === 0 && !search.isRunning) nodes.push(new MessageNode(this, vscode.l10n.t('No matches'), 'info'));
    return nodes;
  }

  private status(): string {
    if (this.search.isRunning) return vscode.l10n.t('Searching…');
    switch (this.search.end) {
      case 'found':
        return vscode.l10n.t('The event with this id was found.');
      case 'end':
        return vscode.l10n.t('The whole timeline was searched.');
      case 'maxPages':
        return vscode.l10n.t('Stopped at the page limit (timelineViewer.find.maxPages): Search further to go on.');
      case 'cancelled':
        return vscode.l10n.t('Cancelled: the pages read so far stay loaded.');
      case 'error':
        return vscode.l10n.t('Stopped by an error: see the connection.');
      default:
        return this.search.complete ? vscode.l10n.t('The whole timeline was searched.') : '';
    }
  }
}

/** "Search further": the same search, reading up to another `maxPages` pages from where it stopped. */
export class SearchFurtherNode extends TreeNode {
  constructor(readonly parent: SearchResultsNode) {
    super(parent);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Search further'), vscode.TreeItemCollapsibleState.None);
    item.id = `searchFurther:${this.parent.session.connection.id}`;
    item.contextValue = 'searchFurther';
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.command = { command: 'timelineViewer.searchFurther', title: vscode.l10n.t('Search further'), arguments: [this.parent.session.connection.id] };
    return item;
  }
}

/** Nodes keep their identity between refreshes, so VS Code keeps the results expanded and selected. */
const nodes = new WeakMap<Search, SearchResultsNode>();

/** The results node of a connection's current search, as a list of none or one for its children. */
export function searchResultsNode(connection: ResultsParent): TreeNode[] {
  const search = searchOf(connection.session.timeline);
  if (!search) return [];
  let node = nodes.get(search);
  if (!node || node.parent !== connection) {
    node = new SearchResultsNode(connection, search);
    nodes.set(search, node);
  }
  return [node];
}
