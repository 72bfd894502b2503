import type { LoadBudget } from './budget';
import { Category, insertionPoint } from './category';
import { TimelineError, toTimelineError } from './errors';
import type { TimelineEvent } from './event';
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
  /** The memory the window's timelines share: a load stops, with a sentence, once they hold it all. */
  readonly budget?: LoadBudget;
}

/** Called with each page's new events (none for an empty page), after they are indexed and grouped. */
export type PageListener = (events: readonly TimelineEvent[]) => void;

/** Correlation chains shorter than this are copied at their exact length on each addition. */
const SHORT_CHAIN = 16;

export interface LoadResult {
  readonly added: number;
  readonly pages: number;
}

/**
 * One connection's loaded timeline: the pages read so far, where to go on from, and the events grouped by
 * category. A failed load keeps everything already loaded and the cursor, so Retry continues where it
 * stopped. The fetcher is a parameter (TimelineSource), which keeps this testable without VS Code.
 */
export class Timeline {
  private readonly byId = new Map<string, TimelineEvent>();
  /** One event, or a list newest first once a second event shares the id (most ids have one event). */
  private readonly byCorrelation = new Map<string, TimelineEvent | TimelineEvent[]>();
  private readonly groups = new Map<string, Category>();
  private readonly seenCursors = new Set<Cursor>();
  private cursor: Cursor | undefined;
  private started = false;
  private exhausted = false;
  private lastError: TimelineError | undefined;
  private inFlight: { promise: Promise<LoadResult>; controller: AbortController } | undefined;
  private pagesRead = 0;
  private lastRateLimit: Page['rateLimit'];
  private bytesRead = 0;
  private readonly pageListeners = new Set<PageListener>();
  private readonly leaveBudget: (() => void) | undefined;

  constructor(
    private readonly source: TimelineSource,
    private readonly options: TimelineOptions,
  ) {
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
    const found = this.byCorrelation.get(correlationId);
    return found === undefined ? [] : Array.isArray(found) ? found : [found];
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
        this.options.budget?.check();
        const request = { cursor: this.cursor, limit: this.options.limit };
        if (request.cursor !== undefined) this.seenCursors.add(request.cursor);
        const page = await this.source.fetchPage(request, signal);
        signal.throwIfAborted();
        pages++;
        this.pagesRead++;
        this.bytesRead += page.bytes;
        this.lastRateLimit = page.rateLimit ?? this.lastRateLimit;
        const fresh = this.addPage(page.events);
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
      if (this.byId.has(event.id)) continue;
      this.byId.set(event.id, event);
      fresh.push(event);
      if (event.correlationId) this.relate(event.correlationId, event);
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

  /**
   * Files the event under its correlation id, the chain kept newest first whatever order pages come in. Most
   * ids have one event, held as is; a short chain is rebuilt at its exact length (concat; a pushed-to or
   * spread array keeps room for 16 more), a long one grows in place.
   */
  private relate(correlationId: string, event: TimelineEvent): void {
    const found = this.byCorrelation.get(correlationId);
    if (found === undefined) {
      this.byCorrelation.set(correlationId, event);
      return;
    }
    const chain = Array.isArray(found) ? found : [found];
    const at = insertionPoint(chain, event.sortKey);
    if (chain.length >= SHORT_CHAIN) chain.splice(at, 0, event);
    else this.byCorrelation.set(correlationId, at === chain.length ? chain.concat([event]) : chain.slice(0, at).concat([event], chain.slice(at)));
  }
}
