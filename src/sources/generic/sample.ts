import { toTimelineError } from '../../core/errors';
import type { TimelineSource } from '../../core/source';
import type { GenericPage } from './genericSource';

/** What one page read by a mapping shows: the first events' fields, or the sentence of what did not fit. */
export type MappingSample =
  | {
      readonly events: readonly { readonly id: string; readonly time: string; readonly type: string; readonly category: string }[];
      /** Events the page held in all. */
      readonly count: number;
      /** Whether paging would go on (a next cursor), or the server said it is caught up. */
      readonly next: 'more' | 'end' | 'caughtUp';
    }
  | { readonly error: string };

/**
 * Reads one page with a mapping, for Test mapping: the first `shown` events' id, time, type and category, or
 * the error that names the path that failed on which item (or the status the server answered with).
 */
export async function sampleMapping(source: Pick<TimelineSource, 'fetchPage'>, signal: AbortSignal, shown = 5): Promise<MappingSample> {
  try {
    const page = await source.fetchPage({ limit: Math.max(shown, 20) }, signal);
    const events = page.events.slice(0, shown).map((e) => ({ id: e.id, time: e.timestamp, type: e.type, category: e.category }));
    return { events, count: page.events.length, next: page.nextCursor !== undefined ? 'more' : (page as Partial<GenericPage>).caughtUp !== undefined ? 'caughtUp' : 'end' };
  } catch (e) {
    return { error: toTimelineError(e).message };
  }
}
