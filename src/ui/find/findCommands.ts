import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import type { PageFilter } from '../../core/filter';
import { Search, type SearchMatcher } from '../../core/find';
import { isPlainQuery, parseQuery } from '../../core/query/parse';
import { QueryMatcher } from '../../core/query/queryMatcher';
import type { SavedSearch } from '../../core/savedSearch';
import { clipboardId } from './clipboardId';
import type { QueryHistory } from './queryHistory';
import { pickQuery } from './queryPick';
import { knownNames } from '../model/names';
import { savedSearchesFor } from '../model/savedSearches';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { clearSearch, searchOf, setSearch } from '../model/searches';
import { ConnectionNode, type EventNode } from '../tree/nodes';
import { revealRow } from '../tree/revealRow';
import { CATEGORY_CHUNK } from '../tree/treeNode';
import type { TimelineTreeProvider } from '../tree/provider';
import { knownSession } from '../tree/targets';

/** What `timelineViewer.find` takes when scripted; whatever is left out is asked for. */
export interface FindArgs {
  readonly connectionId?: string;
  readonly query?: string;
  readonly maxPages?: number;
  /** Find the query as text, never read as terms: an ID (a correlation id may hold `key:value`). */
  readonly text?: boolean;
}

/** What it resolves to. */
export interface FindOutcome {
  /** Event ids, newest first. */
  readonly matches: string[];
  readonly pagesRead: number;
  /** The timeline's end was reached or the id was found. */
  readonly complete: boolean;
}

const DEFAULT_MAX_PAGES = 100;
const MAX_MAX_PAGES = 10_000;

/**
 * Find in Timeline: asks for what was not passed, runs the search on each chosen connection with progress and
 * Cancel, shows the results node and reveals the first match. The search itself is core/find.ts.
 */
export class FindCommands {
  /** The progress notification of each running search. */
  private readonly reporters = new WeakMap<Search, () => void>();

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly tree: TimelineTreeProvider,
    private readonly treeView: vscode.TreeView<unknown>,
    readonly history: QueryHistory,
  ) {}

  async find(target?: ConnectionNode | FindArgs): Promise<FindOutcome | undefined> {
    const args: FindArgs = target instanceof ConnectionNode ? { connectionId: target.session.connection.id } : (target ?? {});
    const targets = await this.targets(args.connectionId, args.query !== undefined);
    if (!targets) return undefined;
    const answer = args.query === undefined ? await this.askQuery(targets) : { query: args.query };
    if (answer === undefined) return undefined;
    if ('saved' in answer) return this.runSaved(answer.saved, targets);
    const { query } = answer;
    if (typeof query !== 'string' || query.trim() === '') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Type some text to find: an empty query would match every event.'));
      return undefined;
    }
    // every target's query read first: a malformed one is refused before any request
    const planned: Planned[] = [];
    for (const session of targets) {
      const plan: Planned | { error: string } = args.text === true ? { matcher: query, serverFilter: undefined } : planFor(session, query);
      if ('error' in plan) {
        void vscode.window.showErrorMessage(vscode.l10n.t('That query cannot run: {0}', plan.error));
        return undefined;
      }
      planned.push(plan);
    }
    const maxPages = validMaxPages(args.maxPages) ?? configuredMaxPages();
    const outcomes: FindOutcome[] = [];
    for (const [i, session] of targets.entries()) {
      const { matcher, serverFilter } = planned[i];
      // The terms a server can take become the connection's filter when it has none, so only those events are
      // sent; a filter of the user's own is kept, and the terms are matched on each of its pages instead.
      if (serverFilter && !session.filter) await session.setFilter(serverFilter);
      // Pages read refresh the connection through the session; a page also reports the search's progress.
      const search: Search = new Search(session.timeline, matcher, () => session.loadMore(), () => this.reporters.get(search)?.());
      setSearch(search);
      // awaited: Find's next pick offers it, however soon it opens
      await this.history.remember(session.connection.id, query);
      outcomes.push(await this.run(session, search, maxPages));
    }
    return {
      matches: outcomes.flatMap((o) => o.matches),
      pagesRead: outcomes.reduce((n, o) => n + o.pagesRead, 0),
      complete: outcomes.every((o) => o.complete),
    };
  }

  /**
   * Runs a saved search on each connection: its filter set as Filter sets it, then its query found. A filter alone
   * resolves to what the filtered timeline holds once its first page is read.
   */
  async runSaved(saved: SavedSearch, targets: readonly Session[]): Promise<FindOutcome | undefined> {
    for (const session of targets) {
      if (saved.filter) await session.setFilter(saved.filter);
    }
    if (saved.query !== undefined) return this.find({ connectionId: targets.length === 1 ? targets[0].connection.id : undefined, query: saved.query });
    await Promise.all(targets.map((s) => (s.timeline.isFresh ? s.loadMore() : undefined)));
    for (const session of targets) this.refresh(session);
    return { matches: targets.flatMap((s) => [...s.timeline.events()].map((e) => e.id)), pagesRead: 0, complete: targets.every((s) => !s.timeline.hasMore) };
  }

  /** The query picked or typed: the recent queries of the connections searched, their saved searches, or new text. */
  private async askQuery(targets: readonly Session[]): Promise<{ query: string } | { saved: SavedSearch } | undefined> {
    const recent = [...new Set(targets.flatMap((s) => this.history.recent(s.connection.id)))];
    const ids = targets.map((s) => s.connection.id);
    const saved = savedSearchesFor(ids[0]).filter((search) => ids.every((id) => savedSearchesFor(id).some((s) => s.name === search.name)));
    return pickQuery(recent, saved, await prefill());
  }

  /** Goes on with a connection's search for another `maxPages` pages. */
  async searchFurther(connectionId: string, maxPages?: number): Promise<FindOutcome | undefined> {
    const session = knownSession(this.sessions, connectionId);
    const search = session && searchOf(session.timeline);
    if (!session || !search || search.isRunning) return undefined;
    return this.run(session, search, validMaxPages(maxPages) ?? configuredMaxPages());
  }

  clear(target: { session: Session } | string): void {
    const session = typeof target === 'string' ? knownSession(this.sessions, target) : target.session;
    if (!session) return;
    clearSearch(session.timeline);
    this.refresh(session);
  }

  /** Show Related Events: a search for the event's correlation id, so the chain is complete across pages. */
  related(node: EventNode): Promise<FindOutcome | undefined> {
    const { correlationId } = node.event;
    if (!correlationId) return Promise.resolve(undefined);
    return this.find({ connectionId: node.session.connection.id, query: correlationId, text: true });
  }

  private async run(session: Session, search: Search, maxPages: number): Promise<FindOutcome> {
    this.refresh(session);
    const title = vscode.l10n.t('Finding "{0}" in {1}', displayText(search.query, { max: 40, icons: true }), displayText(session.connection.name, { max: 60, icons: true }));
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const report = (): void =>
        progress.report({
          message: vscode.l10n.t('{0} pages read · {1} events scanned · {2} matches', search.pagesRead, search.eventsScanned.toLocaleString(), search.matchCount),
        });
      report();
      this.reporters.set(search, report);
      return search.run(maxPages, controller.signal).finally(() => this.reporters.delete(search));
    });
    this.refresh(session);
    if (result.matches.length > 0) await this.reveal(session, result.matches[0]);
    return { matches: result.matches.map((e) => e.id), pagesRead: result.pagesRead, complete: result.complete };
  }

  /** Selects an event in its category, growing the category's shown events to reach it. */
  private async reveal(session: Session, event: TimelineEvent): Promise<void> {
    const connection = this.tree.connectionNode(session);
    const category = session.timeline.categories.find((c) => c.name === event.category);
    if (!category) return;
    const categoryNode = connection.categoryNode(category);
    const at = category.events.indexOf(event);
    if (at >= categoryNode.shown) {
      categoryNode.shown = Math.ceil((at + 1) / CATEGORY_CHUNK) * CATEGORY_CHUNK;
      this.tree.refresh(categoryNode); // an expanded category would keep its shorter list
    }
    // a match the view cannot show is still listed under the results node
    await revealRow(this.treeView, categoryNode.eventNode(event), { select: true, focus: false, expand: true });
  }

  private refresh(session: Session): void {
    this.tree.refresh(this.tree.connectionNode(session));
  }

  /** The sessions to search: the one named, the only one, or those the user picks; undefined when cancelled. */
  private async targets(connectionId: string | undefined, scripted: boolean): Promise<Session[] | undefined> {
    const all = this.sessions.timelines();
    if (connectionId !== undefined) {
      const session = knownSession(this.sessions, connectionId);
      return session && [session];
    }
    if (all.length <= 1 || scripted) {
      if (all.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Add a connection or try the demo first: there is no timeline to search.'));
      return all.length === 0 ? undefined : all;
    }
    const everyOne = { label: vscode.l10n.t('All connections'), sessions: all };
    const picked = await vscode.window.showQuickPick(
      [...all.map((s) => ({ label: displayText(s.connection.name, 80), description: s.connection.kind, sessions: [s] })), everyOne],
      { placeHolder: vscode.l10n.t('Find in which timeline?') },
    );
    return picked?.sessions;
  }
}

/** How Find runs a query on one connection. */
interface Planned {
  /** The text as typed when the query names no term (Find's own search, exactly as before), or its terms' matcher. */
  readonly matcher: string | SearchMatcher;
  /** Its type, category and time range terms, for the server. */
  readonly serverFilter: PageFilter | undefined;
}

/** A type or category typed in another case is sent as the connection spells it. */
function planFor(session: Session, text: string): Planned | { error: string } {
  const query = parseQuery(text, { nowMs: Date.now(), names: knownNames(session.connection.kind, session.timelines) });
  if ('error' in query) return query;
  return { matcher: isPlainQuery(query) ? text : new QueryMatcher(query), serverFilter: query.filter };
}

/**
 * The active editor's selection, or the clipboard when it holds an id. Not the clipboard in a browser: reading it
 * there waits on the browser's permission, then on VS Code's notification asking for it, until the user answers.
 */
async function prefill(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (selected && !selected.includes('\n') && selected.length <= 200) return selected;
  return vscode.env.uiKind === vscode.UIKind.Web ? undefined : clipboardId(() => vscode.env.clipboard.readText());
}

/**
 * `timelineViewer.find.maxPages` from the user's settings or the default, bounded. A workspace's value is not read:
 * a cloned repository ships its settings, and a link from a web page must not read more pages because of them.
 */
export function configuredMaxPages(): number {
  const inspected = vscode.workspace.getConfiguration('timelineViewer').inspect<unknown>('find.maxPages');
  return validMaxPages(inspected?.globalValue) ?? DEFAULT_MAX_PAGES;
}

function validMaxPages(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, MAX_MAX_PAGES) : undefined;
}
