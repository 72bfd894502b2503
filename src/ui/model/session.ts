import * as vscode from 'vscode';
import { filterKey, resolveFilter, type TimelineFilter } from '../../core/filter';
import { QueuedSource, RequestQueue } from '../../core/requestQueue';
import { type Gap, type NewerResult, Timeline } from '../../core/timeline';
import type { TimelineSource } from '../../core/source';
import { TREE_VIEW_ID } from '../contributionIds';
import { windowBudget } from './windowBudget';
import type { Connection } from './connection';
import type { FilterMemory } from './filterStore';
import { categoryOrder } from './sources';

export const VIEW_ID = TREE_VIEW_ID;

/** How many empty pages in a row Load more follows before asking to keep looking. */
const MAX_EMPTY_PAGES = 10;

/**
 * One connection as it lives in the tree: its loaded timeline, and change notifications for its node. A
 * filter is a timeline of its own (its own cursor and pages) beside the unfiltered one, which it leaves as
 * it was: clearing the filter shows that one again without a request.
 */
export class Session implements vscode.Disposable {
  private unfiltered: Timeline;
  private filtered: { readonly filter: TimelineFilter; readonly key: string; readonly timeline: Timeline } | undefined;
  private source: TimelineSource;
  /** Every page this connection reads goes through it, whatever timeline asks: one request in flight. */
  private readonly queue = new RequestQueue();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly connection: Connection,
    private readonly createSource: () => TimelineSource,
    private readonly pageSize: () => number,
    private readonly filters?: FilterMemory,
  ) {
    this.source = this.queued();
    this.unfiltered = this.newTimeline();
    const stored = filters?.get(connection.id);
    if (stored) this.filtered = this.filteredTimeline(stored);
  }

  /** What the tree shows, Load more reads and Find searches: the filtered timeline while a filter is on. */
  get timeline(): Timeline {
    return this.filtered?.timeline ?? this.unfiltered;
  }

  /** The unfiltered timeline and the filtered one, if any: what the filter's pick lists offer as seen. */
  get timelines(): readonly Timeline[] {
    return this.filtered ? [this.unfiltered, this.filtered.timeline] : [this.unfiltered];
  }

  get filter(): TimelineFilter | undefined {
    return this.filtered?.filter;
  }

  /**
   * Loads the next page(s). Never throws: a failure stays on the timeline as its error and the tree shows it.
   * The node is refreshed when the load starts (to show progress) and when it ends.
   */
  async loadMore(): Promise<void> {
    const loading = this.timeline.loadMore();
    this.changed.fire();
    // Progress shows on the node (a spinning icon) and as the view's progress bar.
    void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => loading.catch(() => undefined));
    try {
      await loading;
    } catch {
      // kept on timeline.error
    } finally {
      this.changed.fire();
    }
  }

  /**
   * Shows the timeline of this filter, kept for the connection across reloads. The same filter again keeps
   * what it loaded; the load in flight stops first, so one request at a time goes to the server.
   */
  async setFilter(filter: TimelineFilter): Promise<void> {
    if (this.filtered?.key !== filterKey(filter)) {
      // the replaced filter's events are dropped (and leave the memory budget); the unfiltered ones are kept
      this.unfiltered.cancel();
      this.filtered?.timeline.dispose();
      this.filtered = this.filteredTimeline(filter);
      this.changed.fire();
    }
    await this.filters?.set(this.connection.id, filter);
  }

  /** Back to the unfiltered timeline as it was loaded: no request. */
  async clearFilter(): Promise<void> {
    if (this.filtered) {
      this.filtered.timeline.dispose();
      this.filtered = undefined;
      this.changed.fire();
    }
    await this.filters?.set(this.connection.id, undefined);
  }

  /**
   * Checks for newer events, or loads a gap, and merges them at the front. Throws what the check met (the tail
   * backs off on it). `quiet` (the tail) refreshes the node only when something changed; `onResult` runs before
   * that refresh (to mark the new events, so they render marked at once).
   */
  async checkNewer(maxPages: number, options: { gap?: Gap; quiet?: boolean; onResult?: (result: NewerResult) => void } = {}): Promise<NewerResult> {
    const timeline = this.timeline;
    const checking = options.gap ? timeline.loadGap(options.gap, maxPages) : timeline.checkNewer(maxPages);
    if (!options.quiet) {
      this.changed.fire();
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => checking.catch(() => undefined));
    }
    let changed = !options.quiet;
    try {
      const result = await checking;
      options.onResult?.(result);
      changed ||= result.added > 0 || result.gap;
      return result;
    } catch (e) {
      changed = true;
      throw e;
    } finally {
      if (changed) this.changed.fire();
    }
  }

  /** The connection's one source, each read waiting behind the others: Test Mapping reads a first page through it. */
  get queuedSource(): TimelineSource {
    return this.source;
  }

  /** Drops what was loaded and starts again from the first page; a filter stays on (a "last …" range moves on). */
  reset(): void {
    this.stop();
    this.source = this.queued();
    this.unfiltered = this.newTimeline();
    if (this.filtered) this.filtered = this.filteredTimeline(this.filtered.filter);
    this.changed.fire();
  }

  dispose(): void {
    this.stop();
    this.changed.dispose();
  }

  private stop(): void {
    this.unfiltered.dispose();
    this.filtered?.timeline.dispose();
    void this.source.close?.();
  }

  private filteredTimeline(filter: TimelineFilter): { filter: TimelineFilter; key: string; timeline: Timeline } {
    const timeline = this.newTimeline({ filter: resolveFilter(filter, Date.now()), filterLocally: filter.local === true });
    return { filter, key: filterKey(filter), timeline };
  }

  /** Every page this connection reads waits for the one before it, whatever timeline asks. */
  private queued(): TimelineSource {
    return new QueuedSource(this.createSource(), this.queue);
  }

  /** Both timelines read through the connection's one source (one HTTP client, one token). */
  private newTimeline(filtering: Pick<ConstructorParameters<typeof Timeline>[1], 'filter' | 'filterLocally'> = {}): Timeline {
    return new Timeline(this.source, {
      limit: this.connection.pageSize ?? this.pageSize(),
      maxEmptyPages: MAX_EMPTY_PAGES,
      categoryOrder: categoryOrder(this.connection),
      ...filtering,
      budget: windowBudget,
    });
  }
}
