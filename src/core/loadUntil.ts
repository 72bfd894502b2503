import type { TimelineError } from './errors';
import { type Instant, instantSortKey } from './instant';
import type { Gap, Timeline } from './timeline';

/** Why loading back stopped: the instant was reached, the timeline ended, or it was stopped short. */
export type LoadUntilEnd = 'reached' | 'end' | 'cancelled' | 'maxPages' | 'error';

export interface LoadUntilResult {
  /** Events this load added. */
  readonly events: number;
  /** Pages this load read. */
  readonly pages: number;
  /** The timeline holds every event back to the instant. */
  readonly complete: boolean;
  readonly end: LoadUntilEnd;
  /** The failure that stopped it (also on the timeline, for its error node). */
  readonly error?: TimelineError;
}

export interface LoadUntilOptions {
  /** Reads the next page(s) as Load more does (the session's, which refreshes the tree); a failure is left on the timeline. */
  readonly loadMore?: () => Promise<unknown>;
  /** Reads a gap left by a check for newer events; a failure is left on the timeline's `newerError`. */
  readonly loadGap?: (gap: Gap) => Promise<unknown>;
  readonly signal?: AbortSignal;
  /** Pages after which it stops and says so; the memory budget stops it in any case. */
  readonly maxPages?: number;
}

/**
 * Reads pages, with Load more's own path (so the memory budget, the filter and Cancel apply), until the timeline
 * holds every event back to `instant`. The timeline is newest first, so that is once it has read an event older
 * than the instant, or its end; gaps that checks for newer events left above the instant are read too. Never
 * throws: a failure ends it with `end: 'error'`, and what was read stays loaded.
 */
export async function loadUntil(timeline: Timeline, instant: Instant, options: LoadUntilOptions = {}): Promise<LoadUntilResult> {
  const key = instantSortKey(instant);
  const { signal, maxPages = Number.POSITIVE_INFINITY } = options;
  const loadMore = options.loadMore ?? (() => timeline.loadMore());
  const loadGap = options.loadGap ?? ((gap: Gap) => timeline.loadGap(gap));
  const pagesBefore = timeline.pageCount;
  const eventsBefore = timeline.eventCount;
  const result = (end: LoadUntilEnd, error?: TimelineError): LoadUntilResult => ({
    events: timeline.eventCount - eventsBefore,
    pages: timeline.pageCount - pagesBefore,
    complete: end === 'reached' || end === 'end',
    end,
    ...(error && { error }),
  });
  const cancel = (): void => timeline.cancel();
  signal?.addEventListener('abort', cancel);
  try {
    for (;;) {
      // a gap's events lie below its key: one above the instant holds events the load must have
      const gap = timeline.gaps.find((g) => g.below > key);
      const oldest = timeline.oldestRead;
      // a cursor the server repeated also ends paging, but leaves the rest unread
      if (!gap && !timeline.hasMore) return timeline.error?.kind === 'repeatCursor' ? result('error', timeline.error) : result('end');
      if (!gap && oldest !== undefined && oldest < key) return result('reached');
      if (signal?.aborted) return result('cancelled');
      if (timeline.pageCount - pagesBefore >= maxPages) return result('maxPages');
      const before = timeline.pageCount;
      await (gap ? loadGap(gap) : loadMore()).catch(() => undefined);
      const error = gap ? timeline.newerError : timeline.error;
      // Load more stops after a run of empty pages to ask; loading back to an instant is the answer
      if (error && error.kind !== 'emptyRun') return result(error.kind === 'cancelled' || signal?.aborted ? 'cancelled' : 'error', error);
      if (timeline.pageCount === before) return result('cancelled'); // nothing read and nothing said: never spin
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
