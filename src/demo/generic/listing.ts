import type { ApiTimeline } from './apiTimeline';

/** A run of positions a page holds, and where the next page starts (undefined at the end). */
export interface Listing {
  readonly positions: readonly number[];
  readonly next: number | undefined;
}

/** The query's time range in nanoseconds, both ends inclusive. */
export interface Range {
  readonly from?: bigint;
  readonly to?: bigint;
}

/**
 * Up to `limit` events matching `keep`, newest first from position `start`, within `range` (found by binary
 * search, then walked): what a server with proper indexes answers, filters applied before the limit.
 */
export function newestFirst(timeline: ApiTimeline, start: number, limit: number, range: Range = {}, keep: (position: number) => boolean = () => true): Listing {
  const first = Math.max(start, range.to === undefined ? 0 : timeline.firstAtOrBefore(range.to));
  const end = range.from === undefined ? timeline.count : timeline.firstAtOrBefore(range.from - 1n);
  const positions: number[] = [];
  let p = first;
  for (; p < end && positions.length < limit; p++) if (keep(p)) positions.push(p);
  while (p < end && !keep(p)) p++;
  return { positions, next: p < end ? p : undefined };
}

/** The same, oldest first: positions counted from the oldest end, `after` the last position already read (exclusive). */
export function oldestFirst(timeline: ApiTimeline, after: number | undefined, limit: number, range: Range = {}, keep: (position: number) => boolean = () => true): Listing {
  const newest = range.to === undefined ? 0 : timeline.firstAtOrBefore(range.to);
  const oldest = (range.from === undefined ? timeline.count : timeline.firstAtOrBefore(range.from - 1n)) - 1;
  const positions: number[] = [];
  let p = after === undefined ? oldest : Math.min(after - 1, oldest);
  for (; p >= newest && positions.length < limit; p--) if (keep(p)) positions.push(p);
  while (p >= newest && !keep(p)) p--;
  return { positions, next: p >= newest ? p + 1 : undefined };
}

/** A page number's slice of a newest-first list (1-based), and whether a later page exists. */
export function pageOf(total: number, page: number, size: number): { from: number; to: number; more: boolean } {
  const from = Math.min(total, (page - 1) * size);
  const to = Math.min(total, from + size);
  return { from, to, more: to < total };
}
