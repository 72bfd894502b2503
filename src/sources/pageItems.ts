import { TimelineError } from '../core/errors';

/**
 * How many times the items asked for a page may hold before it is refused. Generous (servers may ignore a small
 * `limit`), but an 8 MB page of tiny items would otherwise become ~470,000 events at once: ~100 MB of heap and
 * seconds of the shared extension host for one Load more.
 */
export const ITEMS_PER_LIMIT = 10;

/** Refuses a page holding far more items than the `limit` asked for, before any event is built from it. */
export function checkItemCount(count: number, limit: number | undefined): void {
  if (limit === undefined || count <= limit * ITEMS_PER_LIMIT) return;
  throw new TimelineError(
    'tooLarge',
    `The server sent ${count.toLocaleString('en-US')} events in one page, where ${limit} were asked for (at most ${(limit * ITEMS_PER_LIMIT).toLocaleString('en-US')} are accepted): the page was refused. The server may be ignoring the page size.`,
  );
}
