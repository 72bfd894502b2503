import type { LoadBudget } from './budget';
import { Category, insertionPoint, newestFirst } from './category';
import { TimelineError, toTimelineError } from './errors';
import type { TimelineEvent } from './event';
import { ChainIndex } from './chainIndex';
import { EventIndex } from './eventIndex';
import { eventMatcher, type PageFilter } from './filter';
import type { Cursor, Page, TimelineSource } from './source';

export interface TimelineOptions {
  /** Events asked for per page. */
  readonly limit: number;
  /**
   * Pages that bring no new event before Load more stops and asks. Pismo filters after reading, so a
   * filtered page may be empty while more exist; an endless run of them must not spin forever.
   */
  readonly maxEmptyPages: number;
  /** Categories in the platform's own order (TalentLMS documents nine); others follow by name. */
  readonly categoryOrder?: readonly string[];
  /** Only matching events are kept; sent with each page request too, unless `filterLocally`. */
  readonly filter?: PageFilter;
  readonly filterLocally?: boolean;
  /** The memory the window's timelines share: a load stops, with a sentence, once they hold it all. */
  readonly budget?: LoadBudget;
}

/** Called with each page's new events (none for an empty page), after they are indexed and grouped. */
export type PageListener = (events: readonly TimelineEvent[]) => void;

export interface LoadResult {
  readonly added: number;
  readonly pages: number;
}

/** What a check for newer events (or the load of a gap) brought. */
export interface NewerResult extends LoadResult {
  /** The events added, newest first. */
  readonly events: readonly TimelineEvent[];
  /** True when the read stopped at its page limit, leaving a gap between what it read and what was loaded. */
  readonly gap: boolean;
}

/**
 * Events newer than what was loaded that were not read: they lie below the events read by a check that hit its
 * page limit (all of which have keys at or above `below`), and reading goes on from `cursor`.
 */
export interface Gap {
  readonly cursor: Cursor;
  readonly below: string;
}

/** Pages a check for newer events reads before it leaves a gap (timelineViewer.newer.maxPages). */
export const DEFAULT_NEWER_MAX_PAGES = 10;
/** Above every sort key: a gap that no read event bounds sits above everything loaded. */
const TOP = '~';

/**
 * One connection's loaded timeline: the pages read so far, where to go on from, and the events grouped by
 * category. A failed load keeps everything already loaded and the cursor, so Retry continues where it
 * stopped. The fetcher is a parameter (TimelineSource), which keeps this testable without VS Code.
 */
export class Timeline {
  private readonly byId = new EventIndex();
  private readonly byCorrelation = new ChainIndex(this.byId);
  private readonly groups = new Map<string, Category>();
  private readonly seenCursors = new Set<Cursor>();
  private cursor: Cursor | undefined;
  private started = false;
  private exhausted = false;
  private lastError: TimelineError | undefined;
  private inFlight: { promise: Promise<LoadResult>; controller: AbortController } | undefined;
  private pagesRead = 0;
  private lastRateLimit: Page['rateLimit'];
  /** Where an oldest-first timeline's newer events are read from, once its end was reached (Page.newerFrom). */
  private newerFrom: Page['newerFrom'];
  private oldestKey = TOP;
  private bytesRead = 0;
  private readonly keep: ((event: TimelineEvent) => boolean) | undefined;
  private readonly pageListeners = new Set<PageListener>();
  private readonly leaveBudget: (() => void) | undefined;
  /** The front: gaps newest first, and the check for newer events in flight (one at a time, joined). */
  private readonly gapList: Gap[] = [];
  private front: { promise: Promise<NewerResult>; controller: AbortController } | undefined;
  private lastNewerError: TimelineError | undefined;

  constructor(
    private readonly source: TimelineSource,
    private readonly options: TimelineOptions,
  ) {
    this.keep = options.filter && eventMatcher(options.filter);
    this.leaveBudget = options.budget?.join(this);
  }

  /** Categories in the configured order, then by name. */
  get categories(): Category[] {
    const order = this.options.categoryOrder ?? [];
    const rank = (c: Category): number => {
      const at = order.indexOf(c.name);
      return at < 0 ? order.length : at;
    };
    return [...this.groups.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  get eventCount(): number {
    return this.byId.size;
  }

  get pageCount(): number {
    return this.pagesRead;
  }

  get byteCount(): number {
    return this.bytesRead;
  }

  /** The oldest sort key of any event Load more has read, the ones the filter left out included. */
  get oldestRead(): string | undefined {
    return this.oldestKey === TOP ? undefined : this.oldestKey;
  }

  /** The rate-limit budget the server reported with the last page, if it does. */
  get rateLimit(): Page['rateLimit'] {
    return this.lastRateLimit;
  }

  /** True until the first load has been attempted. */
  get isFresh(): boolean {
    return !this.started;
  }

  get hasMore(): boolean {
    return !this.exhausted;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** The failure of the last load, cleared when a load starts. */
  get error(): TimelineError | undefined {
    return this.lastError;
  }

  event(id: string): TimelineEvent | undefined {
    return this.byId.get(id);
  }

  /** Every loaded event, page by page in the order read. */
  events(): IterableIterator<TimelineEvent> {
    return this.byId.values();
  }

  /** Hears of every page read from now on, until the returned function is called. */
  onPage(listener: PageListener): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  /** Every loaded event sharing this correlation id, newest first. */
  related(correlationId: string): readonly TimelineEvent[] {
    return this.byCorrelation.get(correlationId);
  }

  /**
   * Reads pages until at least one new event arrives, the timeline ends, or `maxEmptyPages` pages in a row
   * bring nothing. A second call while one runs joins it (double clicks fetch once).
   */
  loadMore(): Promise<LoadResult> {
    if (this.inFlight) return this.inFlight.promise;
    if (this.exhausted) return Promise.resolve({ added: 0, pages: 0 });
    const controller = new AbortController();
    const promise = this.readUntilNew(controller.signal).finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    });
    this.inFlight = { promise, controller };
    return promise;
  }

  /** Stops the load in flight; what it had added stays. */
  cancel(): void {
    this.inFlight?.controller.abort();
    this.front?.controller.abort();
  }

  /** Gaps left by checks for newer events that hit their page limit, newest first. */
  get gaps(): readonly Gap[] {
    return this.gapList;
  }

  get isCheckingNewer(): boolean {
    return this.front !== undefined;
  }

  /** The failure of the last check for newer events, cleared when one starts. */
  get newerError(): TimelineError | undefined {
    return this.lastNewerError;
  }

  /**
   * Reads from the first page until it meets an event already loaded (or one older than the newest loaded), and
   * merges what is new into each category. After `maxPages` pages it stops and leaves a Gap to load later. Before
   * the first page has loaded there is nothing to compare with, so this is the first load. A second call while
   * one runs joins it.
   */
  checkNewer(maxPages = DEFAULT_NEWER_MAX_PAGES): Promise<NewerResult> {
    if (!this.started || (this.pagesRead === 0 && this.inFlight)) {
      return this.loadMore().then((r) => ({ ...r, events: [], gap: false }));
    }
    return this.readFront(undefined, maxPages);
  }

  /** Reads on from a gap's cursor until it meets what was loaded, or leaves a smaller gap after `maxPages`. */
  loadGap(gap: Gap, maxPages = DEFAULT_NEWER_MAX_PAGES): Promise<NewerResult> {
    return this.readFront(gap, maxPages);
  }

  private readFront(gap: Gap | undefined, maxPages: number): Promise<NewerResult> {
    if (this.front) return this.front.promise;
    const controller = new AbortController();
    const promise = this.readNewer(gap, Math.max(1, maxPages), controller.signal).finally(() => {
      if (this.front?.controller === controller) this.front = undefined;
    });
    this.front = { promise, controller };
    return promise;
  }

  private async readNewer(gap: Gap | undefined, maxPages: number, signal: AbortSignal): Promise<NewerResult> {
    this.lastNewerError = undefined;
    if (!gap && this.exhausted && this.newerFrom) return this.readOnward(this.newerFrom.cursor, maxPages, signal);
    // Loaded events past this key are known: meeting one means the new events are all read.
    const known = this.newestBelow(gap?.below ?? TOP);
    const seen = new Set<Cursor>();
    let cursor = gap?.cursor;
    const events: TimelineEvent[] = [];
    let oldest = gap?.below ?? TOP;
    let pages = 0;
    try {
      for (;;) {
        if (pages === maxPages) {
          this.replaceGap(gap, { cursor: cursor as Cursor, below: oldest });
          return { added: events.length, pages, events, gap: true };
        }
        const page = await this.readPage(cursor, signal);
        pages++;
        let met = false;
        const fresh: TimelineEvent[] = [];
        for (const e of page.events) {
          if (e.sortKey < oldest) oldest = e.sortKey;
          if (this.byId.has(e.id)) met = true;
          else {
            if (known !== undefined && e.sortKey < known) met = true;
            fresh.push(e);
          }
        }
        const added = this.addPage(this.kept(fresh));
        for (const e of added) events.push(e);
        for (const listener of this.pageListeners) listener(added);
        const next = page.nextCursor;
        if (met || next === undefined || next === '') {
          this.replaceGap(gap, undefined);
          return { added: events.length, pages, events: events.sort(newestFirst), gap: false };
        }
        if (seen.has(next) || next === gap?.cursor) {
          throw new TimelineError('repeatCursor', 'The server sent a cursor it had already sent while reading newer events, so reading stopped here.');
        }
        seen.add(next);
        cursor = next;
      }
    } catch (e) {
      this.lastNewerError = toTimelineError(e);
      throw this.lastNewerError;
    }
  }

  /**
   * Newer events of an oldest-first timeline: from where it ended, onward, keeping the events not held yet. After
   * `maxPages` pages the next check goes on from there (there is no gap: nothing lies between).
   */
  private async readOnward(from: Cursor | undefined, maxPages: number, signal: AbortSignal): Promise<NewerResult> {
    const events: TimelineEvent[] = [];
    const seen = new Set<Cursor>();
    let cursor = from;
    let pages = 0;
    try {
      while (pages < maxPages) {
        const page = await this.readPage(cursor, signal);
        pages++;
        const added = this.addPage(this.kept(page.events.filter((e) => !this.byId.has(e.id))));
        for (const e of added) events.push(e);
        for (const listener of this.pageListeners) listener(added);
        const next = page.nextCursor;
        if (page.newerFrom || next === undefined || next === '') break;
        if (seen.has(next) || next === from) throw new TimelineError('repeatCursor', 'The server sent a cursor it had already sent while reading newer events, so reading stopped here.');
        seen.add(next);
        cursor = next;
        this.newerFrom = { cursor };
      }
      return { added: events.length, pages, events: events.sort(newestFirst), gap: false };
    } catch (e) {
      this.lastNewerError = toTimelineError(e);
      throw this.lastNewerError;
    }
  }

  /** The newest loaded sort key below `key` across categories; undefined when nothing is loaded there. */
  private newestBelow(key: string): string | undefined {
    let newest: string | undefined;
    for (const group of this.groups.values()) {
      const events = group.events;
      const at = key === TOP ? 0 : insertionPoint(events, key);
      if (at < events.length && (newest === undefined || events[at].sortKey > newest)) newest = events[at].sortKey;
    }
    return newest;
  }

  private replaceGap(old: Gap | undefined, next: Gap | undefined): void {
    if (old) {
      const at = this.gapList.indexOf(old);
      if (at >= 0) this.gapList.splice(at, 1);
    }
    if (!next) return;
    const at = this.gapList.findIndex((g) => g.below < next.below);
    this.gapList.splice(at < 0 ? this.gapList.length : at, 0, next);
  }

  /** Stops loading and gives this timeline's share of the memory budget back. */
  dispose(): void {
    this.cancel();
    this.leaveBudget?.();
  }

  private async readUntilNew(signal: AbortSignal): Promise<LoadResult> {
    this.started = true;
    this.lastError = undefined;
    let added = 0;
    let pages = 0;
    try {
      while (!this.exhausted && added === 0) {
        if (pages === this.options.maxEmptyPages) {
          throw new TimelineError('emptyRun', `No new events in the last ${pages} pages: Load more to keep looking.`);
        }
        if (this.cursor !== undefined) this.seenCursors.add(this.cursor);
        const page = await this.readPage(this.cursor, signal);
        pages++;
        for (const e of page.events) if (e.sortKey !== '' && e.sortKey < this.oldestKey) this.oldestKey = e.sortKey;
        const fresh = this.addPage(this.kept(page.events));
        added += fresh.length;
        for (const listener of this.pageListeners) listener(fresh);
        this.advance(page.nextCursor);
      }
      return { added, pages };
    } catch (e) {
      this.lastError = toTimelineError(e);
      throw this.lastError;
    }
  }

  /** One page through the budget and the filter's server parameters, counted as read. */
  private async readPage(cursor: Cursor | undefined, signal: AbortSignal): Promise<Page> {
    this.options.budget?.check();
    const request = { cursor, limit: this.options.limit, filter: this.options.filterLocally ? undefined : this.options.filter };
    const page = await this.source.fetchPage(request, signal);
    signal.throwIfAborted();
    this.pagesRead++;
    this.bytesRead += page.bytes;
    this.lastRateLimit = page.rateLimit ?? this.lastRateLimit;
    if (page.newerFrom) this.newerFrom = page.newerFrom;
    return page;
  }

  /** A server may ignore a filter parameter: every page is matched here too. */
  private kept(events: readonly TimelineEvent[]): readonly TimelineEvent[] {
    return this.keep ? events.filter(this.keep) : events;
  }

  private advance(next: Cursor | undefined): void {
    if (next === undefined || next === '') {
      this.exhausted = true;
      this.cursor = undefined;
      return;
    }
    if (this.seenCursors.has(next)) {
      this.exhausted = true;
      throw new TimelineError('repeatCursor', 'The server sent a cursor it had already sent, so paging stopped here to avoid a loop.');
    }
    this.cursor = next;
  }

  /** Indexes and groups one page's new events, returned; grouping is per page, so each category is touched once. */
  private addPage(events: readonly TimelineEvent[]): TimelineEvent[] {
    const batches = new Map<string, TimelineEvent[]>();
    const fresh: TimelineEvent[] = [];
    for (const event of events) {
      const ordinal = this.byId.add(event);
      if (ordinal < 0) continue;
      fresh.push(event);
      const correlationId = event.correlationId;
      if (correlationId) this.byCorrelation.add(correlationId, ordinal);
      const batch = batches.get(event.category);
      if (batch) batch.push(event);
      else batches.set(event.category, [event]);
    }
    for (const [name, batch] of batches) this.group(name).addAll(batch);
    return fresh;
  }

  private group(name: string): Category {
    let group = this.groups.get(name);
    if (!group) {
      group = new Category(name);
      this.groups.set(name, group);
    }
    return group;
  }
}
