import type { TimelineEvent } from './event';
import type { PageFilter } from './filter';

/** An opaque position in a timeline, exactly as the server gave it (never built by hand). */
export type Cursor = string;

export interface PageRequest {
  /** Absent on the first page. */
  readonly cursor?: Cursor;
  readonly limit: number;
  /** What the source should ask the server to filter by, where its API can; the rest is matched on each page. */
  readonly filter?: PageFilter;
}

export interface Page {
  readonly events: TimelineEvent[];
  /** Absent when this was the last page. */
  readonly nextCursor?: Cursor;
  /** Bytes read for this page, for logs and the memory budget. */
  readonly bytes: number;
  /** Calls left in the current rate-limit window, where the server says. */
  readonly rateLimit?: { readonly remaining: number; readonly limit?: number };
  /**
   * The end of an oldest-first timeline, where events newer than this page will appear: Check for Newer and the
   * live tail read on from this cursor (undefined: from the first page). Absent for a newest-first timeline.
   */
  readonly newerFrom?: { readonly cursor: Cursor | undefined };
}

/**
 * One API's way of reading a timeline page. The paging logic (Timeline) takes a source as a parameter,
 * so it is tested with any fetcher, and each API lives in one file under src/sources.
 */
export interface TimelineSource {
  fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page>;
  /** Releases connections held open (keep-alive sockets). */
  close?(): Promise<void>;
}

/** A source whose setup is asynchronous (start a server, read a secret): set up on first fetch, once. */
export class DeferredSource implements TimelineSource {
  private source: Promise<TimelineSource> | undefined;

  constructor(
    private readonly create: () => Promise<TimelineSource>,
    private readonly release?: () => Promise<void>,
  ) {}

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    this.source ??= this.create();
    // A failed setup (a missing secret, say) is tried again on the next fetch.
    this.source.catch(() => (this.source = undefined));
    return (await this.source).fetchPage(request, signal);
  }

  async close(): Promise<void> {
    await this.release?.();
  }
}

