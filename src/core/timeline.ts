import { Category } from './category';
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
}

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
  private readonly byCorrelation = new Map<string, TimelineEvent[]>();
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

  constructor(
    private readonly source: TimelineSource,
    private readonly options: TimelineOptions,
  ) {}

  /** Categories by name. */
  get categories(): Category[] {
    return [...this.groups.values()].sort((a, b) => a.name.localeCompare(b.name));
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

  /** Every loaded event sharing this correlation id, newest first. */
  related(correlationId: string): readonly TimelineEvent[] {
    return this.byCorrelation.get(correlationId) ?? [];
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

  private async readUntilNew(signal: AbortSignal): Promise<LoadResult> {
    this.started = true;
    this.lastError = undefined;
    let added = 0;
    let pages = 0;
    try {
      while (!this.exhausted && added === 0) {
        if (pages === this.options.maxEmptyPages) {
          throw new TimelineError('emptyRun', `No new events in the last ${pages} pages. Load more to keep looking.`);
        }
        const request = { cursor: this.cursor, limit: this.options.limit };
        if (request.cursor !== undefined) this.seenCursors.add(request.cursor);
        const page = await this.source.fetchPage(request, signal);
        signal.throwIfAborted();
        pages++;
        this.pagesRead++;
        this.bytesRead += page.bytes;
        this.lastRateLimit = page.rateLimit ?? this.lastRateLimit;
        for (const event of page.events) if (this.add(event)) added++;
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

  private add(event: TimelineEvent): boolean {
    if (this.byId.has(event.id)) return false;
    this.byId.set(event.id, event);
    let group = this.groups.get(event.category);
    if (!group) {
      group = new Category(event.category);
      this.groups.set(event.category, group);
    }
    group.add(event);
    if (event.correlationId) {
      const chain = this.byCorrelation.get(event.correlationId);
      if (chain) chain.push(event);
      else this.byCorrelation.set(event.correlationId, [event]);
    }
    return true;
  }
}
