import * as vscode from 'vscode';
import type { Category } from '../../core/category';
import { displayText } from '../../core/displayText';
import type { TimelineError } from '../../core/errors';
import type { TimelineEvent } from '../../core/event';
import { formatLocal, formatTime, formatUtc, parseTimestamp } from '../../core/time';
import { insertionPoint } from '../../core/category';
import type { Gap, Timeline } from '../../core/timeline';
import { filterDetails, filteredDescription } from './filterText';
import { FILE_KIND, definedByText } from '../model/connection';
import type { Session } from '../model/session';
import { tailDescription, tailProblem, watchOf } from '../model/tailState';
import { timeFormat } from './timeFormat';
import { FilterNode } from './filterNode';
import { CATEGORY_CHUNK, MessageNode, TreeNode } from './treeNode';
import { treeKey } from './treeKey';
import { loadedBackTo } from '../model/loadedBack';
import { savedNodes } from './savedNodes';
import { searchResultsNode } from './searchNodes';

/** "back to Jun 2 14:00" once Load Until has read this timeline back to an instant. */
function backTo(timeline: Timeline): string[] {
  const instant = loadedBackTo(timeline);
  return instant ? [vscode.l10n.t('back to {0}', formatTime(instant.iso, timeFormat(), Date.now()))] : [];
}

/** A connection: its categories, then one action node (Loading…, Load more or the error). */
export class ConnectionNode extends TreeNode {
  private readonly categoryNodes = new Map<string, CategoryNode>();

  /** `tenant`: the node of the tenant an account is open under. */
  constructor(
    readonly session: Session,
    tenant?: TreeNode,
  ) {
    super(tenant);
  }

  toTreeItem(): vscode.TreeItem {
    const { connection, timeline } = this.session;
    const item = new vscode.TreeItem(displayText(connection.name, 120), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `connection:${connection.id}`;
    // a timeline file has no secret, settings, newer events or request: its menu offers none of them
    const kind = connection.tenant ? 'connection.account' : connection.demo ? 'connection.demo' : connection.kind === FILE_KIND ? 'connection.file' : 'connection';
    item.contextValue = kind + (watchOf(this.session).tail ? '.live' : '');
    const { filter } = this.session;
    item.iconPath = new vscode.ThemeIcon(timeline.isLoading ? 'loading~spin' : timeline.error ? 'warning' : filter ? 'filter' : connection.tenant ? 'account' : 'plug');
    item.description = filter
      ? [filteredDescription(filter, timeline), tailDescription(this.session)].filter(Boolean).join(' · ')
      : timeline.isFresh
      ? undefined
      : [
          ...backTo(timeline),
          timeline.eventCount === 1 ? vscode.l10n.t('1 event') : vscode.l10n.t('{0} events', timeline.eventCount.toLocaleString()),
          timeline.pageCount === 1 ? vscode.l10n.t('1 page') : vscode.l10n.t('{0} pages', timeline.pageCount),
          ...(timeline.hasMore ? [] : [vscode.l10n.t('all loaded')]),
          ...[tailDescription(this.session)].filter((d) => d !== undefined),
        ].join(' · ');
    const definedBy = definedByText(connection);
    const details = [definedBy, filter && filterDetails(filter), tailProblem(this.session), timeline.newerError?.message];
    const title = connection.tenant ? vscode.l10n.t('Account {0} of {1}', connection.name, connection.tenant.name) : `${connection.name} (${connection.kind})`;
    item.tooltip = [title, ...details].filter(Boolean).join('\n\n');
    // A connection a workspace defines is marked: it came with the folder, not from the user.
    if (definedBy) item.description = [vscode.l10n.t('workspace'), item.description].filter(Boolean).join(' · ');
    return item;
  }

  children(): TreeNode[] {
    const { timeline } = this.session;
    if (timeline.isFresh) void this.session.loadMore();
    const { filter } = this.session;
    const nodes: TreeNode[] = [...(filter ? [new FilterNode(this, this.session, filter)] : []), ...searchResultsNode(this), ...savedNodes(this, this.session), ...timeline.categories.map((c) => this.categoryNode(c))];
    if (timeline.isLoading || timeline.isFresh) nodes.push(new MessageNode(this, vscode.l10n.t('Loading…'), 'loading~spin'));
    else if (timeline.error) nodes.push(new ErrorNode(this, timeline.error, timeline.hasMore));
    else if (timeline.hasMore) nodes.push(new LoadMoreNode(this));
    else if (timeline.eventCount === 0) nodes.push(new MessageNode(this, filter ? vscode.l10n.t('No events match this filter.') : vscode.l10n.t('No events in this timeline.'), 'info'));
    return nodes;
  }

  /** An event's ordinary row in its category, listed under another node (a search's results). */
  matchRow(event: TimelineEvent, category: Category, under: TreeNode): TreeNode {
    return new EventNode(this.categoryNode(category), event, under);
  }

  /** Category nodes are kept so a refresh of the connection keeps their identity and "Show more" depth. */
  categoryNode(category: Category): CategoryNode {
    let node = this.categoryNodes.get(category.name);
    if (!node || node.category !== category) {
      node = new CategoryNode(this, category);
      this.categoryNodes.set(category.name, node);
    }
    return node;
  }
}

export class CategoryNode extends TreeNode {
  /** How many events are shown; grows by a chunk on "Show more". */
  shown = CATEGORY_CHUNK;
  private readonly eventNodes = new Map<string, EventNode>();
  /** The category's name as it stands in tree item ids. */
  readonly key: string;

  constructor(
    readonly connectionNode: ConnectionNode,
    readonly category: Category,
  ) {
    super(connectionNode);
    this.key = treeKey(category.name);
  }

  get session(): Session {
    return this.connectionNode.session;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(displayText(this.category.name), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `category:${this.session.connection.id}:${this.key}`;
    item.contextValue = 'category';
    item.description = this.category.size.toLocaleString();
    item.iconPath = new vscode.ThemeIcon('symbol-folder');
    return item;
  }

  children(): TreeNode[] {
    const events = this.category.events;
    const nodes: TreeNode[] = [];
    const end = Math.min(this.shown, events.length);
    for (let i = 0; i < end; i++) nodes.push(this.eventNode(events[i]));
    if (events.length > end) nodes.push(new ShowMoreNode(this, events.length - end));
    // A gap goes below the events read above it, newest gap first (each insert is past the ones before it).
    const gaps = this.session.timeline.gaps;
    for (let g = gaps.length - 1; g >= 0; g--) {
      const at = insertionPoint(events, gaps[g].below, end);
      if (at < end || events.length <= end) nodes.splice(at, 0, new GapNode(this, gaps[g]));
    }
    return nodes;
  }

  eventNode(event: TimelineEvent): EventNode {
    let node = this.eventNodes.get(event.id);
    if (!node) {
      node = new EventNode(this, event);
      this.eventNodes.set(event.id, node);
    }
    return node;
  }
}

export class EventNode extends TreeNode {
  /** The event's id as it stands in the tree item's id, worked out once per node. */
  private readonly key: string;

  /** `parent`: the event's category, or another node listing it (a search's results). */
  constructor(
    readonly categoryNode: CategoryNode,
    readonly event: TimelineEvent,
    parent: TreeNode = categoryNode,
  ) {
    super(parent);
    this.key = treeKey(event.id);
  }

  get session(): Session {
    return this.categoryNode.session;
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.event;
    // Under its category node, "CARD · BLOCK" reads as "BLOCK": the row keeps only what the parent does not say.
    const inCategory = this.parent === this.categoryNode;
    const prefix = `${this.categoryNode.category.name} · `;
    const label = inCategory && e.label.startsWith(prefix) ? e.label.slice(prefix.length) : e.label;
    const item = new vscode.TreeItem(displayText(label, 120), vscode.TreeItemCollapsibleState.None);
    item.id = `${inCategory ? 'event' : 'match'}:${this.session.connection.id}:${this.key}`;
    item.contextValue = e.correlationId ? 'event.correlated' : 'event';
    const when = formatTime(e.timestamp, timeFormat(), Date.now());
    const isNew = watchOf(this.session).isNew(e.id);
    // each part cut on its own: a joined string would be copied whole before the cut
    item.description = [isNew ? vscode.l10n.t('new') : '', displayText(when, 40), e.summary ? displayText(e.summary, 60) : ''].filter(Boolean).join(' · ');
    item.tooltip = eventTooltip(e);
    item.iconPath = isNew ? new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('notificationsInfoIcon.foreground')) : new vscode.ThemeIcon('circle-small-filled');
    item.command = { command: 'timelineViewer.openEvent', title: vscode.l10n.t('Open Event'), arguments: [this] };
    return item;
  }
}

/** Plain text, never markdown: event data must not turn into links or markup. */
function eventTooltip(e: TimelineEvent): string {
  const time = parseTimestamp(e.timestamp);
  const lines = [
    displayText(e.label),
    time ? formatUtc(time) : displayText(e.timestamp),
    time ? formatLocal(time) : '',
    `${vscode.l10n.t('Type')}: ${displayText(e.type)}`,
    `${vscode.l10n.t('Category')}: ${displayText(e.category)}`,
    `${vscode.l10n.t('ID')}: ${displayText(e.id)}`,
    e.correlationId ? `${vscode.l10n.t('Correlation ID')}: ${displayText(e.correlationId)}` : '',
    e.accountId ? `${vscode.l10n.t('Account')}: ${displayText(e.accountId)}` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

export class LoadMoreNode extends TreeNode {
  constructor(readonly connectionNode: ConnectionNode) {
    super(connectionNode);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more'), vscode.TreeItemCollapsibleState.None);
    item.id = `loadMore:${this.connectionNode.session.connection.id}`;
    item.contextValue = 'loadMore';
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.command = { command: 'timelineViewer.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
  }
}

/** Newer events a check did not read (it hit timelineViewer.newer.maxPages): clicking reads on from there. */
export class GapNode extends TreeNode {
  constructor(
    readonly categoryNode: CategoryNode,
    readonly gap: Gap,
  ) {
    super(categoryNode);
  }

  toTreeItem(): vscode.TreeItem {
    const loading = this.categoryNode.session.timeline.isCheckingNewer;
    const item = new vscode.TreeItem(vscode.l10n.t('More newer events not loaded · Load'), vscode.TreeItemCollapsibleState.None);
    item.id = `gap:${this.categoryNode.session.connection.id}:${this.categoryNode.category.name}:${this.gap.below}`;
    item.contextValue = 'gap';
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'unfold');
    item.tooltip = vscode.l10n.t('A check for newer events stopped after its page limit (timelineViewer.newer.maxPages). Click to read on from there.');
    item.command = { command: 'timelineViewer.loadGap', title: vscode.l10n.t('Load'), arguments: [this] };
    return item;
  }
}

export class ShowMoreNode extends TreeNode {
  constructor(
    readonly categoryNode: CategoryNode,
    private readonly hidden: number,
  ) {
    super(categoryNode);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Show more ({0} hidden)', this.hidden.toLocaleString()), vscode.TreeItemCollapsibleState.None);
    item.id = `showMore:${this.categoryNode.session.connection.id}:${this.categoryNode.key}`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'showMore';
    item.command = { command: 'timelineViewer.showMore', title: vscode.l10n.t('Show more'), arguments: [this] };
    return item;
  }
}

export class ErrorNode extends TreeNode {
  constructor(
    readonly connectionNode: ConnectionNode,
    readonly error: TimelineError,
    /** False once the timeline cannot go on (a repeating cursor): Retry would only repeat the loop. */
    private readonly retryable: boolean,
  ) {
    super(connectionNode);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(displayText(this.error.message, 160), vscode.TreeItemCollapsibleState.None);
    // the message may quote the server: sanitized like any server text
    const message = displayText(this.error.message, 1000);
    item.id = `error:${this.connectionNode.session.connection.id}`;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    if (!this.retryable) {
      item.contextValue = 'error.final';
      item.tooltip = `${message}\n\n${vscode.l10n.t('Events already loaded are kept. Refresh the connection to start again.')}`;
      return item;
    }
    // Beside Retry, the fix: Set Secret for a refused or missing secret, Edit Connection for a bad setting.
    item.contextValue = this.error.kind === 'auth' ? 'error.auth' : this.error.kind === 'config' ? 'error.config' : this.error.kind === 'filterRejected' ? 'error.filter' : 'error';
    if (this.error.kind === 'filterRejected') {
      // Retrying would be refused again: the offer is to match each page here instead.
      item.tooltip = `${message}\n\n${vscode.l10n.t('Click to filter in the extension instead. Events already loaded are kept.')}`;
      item.command = { command: 'timelineViewer.filterLocally', title: vscode.l10n.t('Filter in the Extension'), arguments: [this] };
      return item;
    }
    item.tooltip = `${message}\n\n${vscode.l10n.t('Click to retry. Events already loaded are kept.')}`;
    item.command = { command: 'timelineViewer.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}
