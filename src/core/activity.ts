import { bucketEdges, chooseStep, stepMs, type BucketStep } from './calendarSteps';
import { labelPart, type TimelineEvent } from './event';
import { SortedTimes } from './sortedTimes';
import { parseTimestamp } from './time';
import { isTimeZone } from './zoneClock';

/**
 * A timeline's events counted over time, per category, for the activity strip. The index holds one sorted
 * array of instants per category, so drawing the strip costs two binary searches per bucket and category,
 * however many events are loaded: the page only ever receives the counts.
 */
export class ActivityIndex {
  private readonly times = new Map<string, SortedTimes>();
  private undatedCount = 0;

  /** Counts events by their category as the tree groups them; one whose time cannot be read is counted as undated. */
  addEvents(events: Iterable<TimelineEvent>): void {
    for (const event of events) this.add(eventTimeMs(event.timestamp), event.category);
  }

  add(timeMs: number | undefined, category: string): void {
    if (timeMs === undefined || !Number.isFinite(timeMs)) {
      this.undatedCount++;
      return;
    }
    let times = this.times.get(category);
    if (!times) {
      times = new SortedTimes();
      this.times.set(category, times);
    }
    times.add(timeMs);
  }

  /** In the order first seen, which keeps each category's place (and colour) in the stack as events arrive. */
  get categories(): string[] {
    return [...this.times.keys()];
  }

  /** Events counted with a time. */
  get size(): number {
    let size = 0;
    for (const times of this.times.values()) size += times.size;
    return size;
  }

  /** Events whose time could not be read. */
  get undated(): number {
    return this.undatedCount;
  }

  /** The earliest and latest counted instants; undefined when nothing is counted. */
  bounds(): { oldestMs: number; newestMs: number } | undefined {
    let oldest = Infinity;
    let newest = -Infinity;
    for (const times of this.times.values()) {
      const b = times.bounds();
      if (!b) continue;
      oldest = Math.min(oldest, b.first);
      newest = Math.max(newest, b.last);
    }
    return oldest <= newest ? { oldestMs: oldest, newestMs: newest } : undefined;
  }

  /** The category's events per bucket [edges[i], edges[i + 1]). */
  counts(category: string, edges: readonly number[]): number[] {
    const times = this.times.get(category);
    const counts: number[] = [];
    if (!times) return edges.slice(1).map(() => 0);
    let before = times.countBefore(edges[0]);
    for (let i = 1; i < edges.length; i++) {
      const upTo = times.countBefore(edges[i]);
      counts.push(upTo - before);
      before = upTo;
    }
    return counts;
  }
}

/**
 * The millisecond an event's instant falls in, since the epoch. Bucket edges are whole milliseconds, so this
 * counts exactly: a fraction would not (near 2024 a double resolves a quarter of a microsecond, and
 * `…00.999999999` would round up into the next second's bucket).
 */
export function eventTimeMs(timestamp: string): number | undefined {
  const t = parseTimestamp(timestamp);
  return t && t.epochSeconds * 1000 + Number(t.nanos.slice(0, 3));
}

export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface ActivitySeries {
  /** The category's name as shown: a server may send one a megabyte long. */
  readonly label: string;
  readonly counts: readonly number[];
}

/** What the strip draws, as its page receives it: buckets, their counts stacked by category, and the ranges not loaded. */
export interface ActivityView {
  /** Bucket edges, ascending: bucket i is [edges[i], edges[i + 1]). Empty when no event has a time. */
  readonly edges: readonly number[];
  readonly step: BucketStep;
  readonly series: readonly ActivitySeries[];
  /** Categories past the most the strip stacks, counted together (not a category one can filter to). */
  readonly otherCounts: readonly number[] | undefined;
  /** Parts of the strip where events may exist that are not loaded: drawn hatched. */
  readonly notLoaded: readonly TimeRange[];
  readonly total: number;
  readonly undated: number;
  /** The zone the buckets follow (UTC when the one asked for is unknown to the runtime). */
  readonly timeZone: string;
}

export interface ActivityStrip {
  readonly view: ActivityView;
  /** The full category of each of `view.series`, by position: what a click on the legend filters to. */
  readonly categories: readonly string[];
}

export interface ActivityOptions {
  /** The strip's drawing width. */
  readonly widthPx: number;
  /** IANA zone whose calendar the buckets follow (the one times are shown in). */
  readonly timeZone: string;
  /** The timeline has older pages not read yet: the strip reaches back past the oldest loaded event, hatched. */
  readonly hasMore: boolean;
  /** Ranges between loaded events that were not read (gaps left by a check for newer events). */
  readonly gaps?: readonly TimeRange[];
  /** A range to show instead of the loaded events' own (a time filter's). */
  readonly range?: TimeRange;
  /** The narrowest a bucket is drawn. */
  readonly minBarPx?: number;
}

const DEFAULT_MIN_BAR_PX = 6;
/** Categories stacked one by one; a timeline grouped by a server's types may have hundreds. */
export const MAX_SERIES = 24;
/** The share of the strip given to the older range not loaded yet. */
const NOT_LOADED_SHARE = 0.1;

export function activityStrip(index: ActivityIndex, options: ActivityOptions): ActivityStrip {
  const bounds = index.bounds();
  const undated = index.undated;
  const timeZone = isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  if (!bounds) {
    return { view: { edges: [], step: { unit: 'second', count: 1 }, series: [], otherCounts: undefined, notLoaded: [], total: 0, undated, timeZone }, categories: [] };
  }
  const maxBuckets = Math.max(3, Math.floor(options.widthPx / (options.minBarPx ?? DEFAULT_MIN_BAR_PX)));
  let from = options.range?.fromMs ?? bounds.oldestMs;
  const to = options.range?.toMs ?? bounds.newestMs;
  if (options.hasMore && !options.range) {
    // room on the left for what is older than the oldest loaded event, sized as a share of what is shown
    const span = to - from;
    from -= Math.max(span * NOT_LOADED_SHARE, stepMs(chooseStep(span, maxBuckets)));
  }
  const step = chooseStep(to - from, maxBuckets);
  const edges = bucketEdges(from, to, step, timeZone);
  const start = edges[0];
  const end = edges[edges.length - 1];
  const all = index.categories.map((category) => ({ category, counts: index.counts(category, edges) }));
  const sum = (counts: readonly number[]): number => counts.reduce((a, b) => a + b, 0);
  all.sort((a, b) => sum(b.counts) - sum(a.counts));
  // the busiest are stacked, each in the place it was first seen
  const shown = new Map(all.slice(0, MAX_SERIES).map((s) => [s.category, s]));
  const stacked = index.categories.flatMap((c) => shown.get(c) ?? []);
  const series = stacked.map((s) => ({ label: labelPart(s.category), counts: s.counts }));
  const rest = all.slice(MAX_SERIES);
  const otherCounts = rest.length > 0 ? edges.slice(1).map((_, i) => rest.reduce((n, s) => n + s.counts[i], 0)) : undefined;
  const notLoaded: TimeRange[] = [];
  if (options.hasMore && start < bounds.oldestMs) notLoaded.push({ fromMs: start, toMs: Math.min(bounds.oldestMs, end) });
  for (const gap of options.gaps ?? []) {
    const clipped = { fromMs: Math.max(gap.fromMs, start), toMs: Math.min(gap.toMs, end) };
    if (clipped.fromMs < clipped.toMs) notLoaded.push(clipped);
  }
  const total = all.reduce((n, s) => n + sum(s.counts), 0);
  return { view: { edges, step, series, otherCounts, notLoaded, total, undated, timeZone }, categories: stacked.map((s) => s.category) };
}

/**
 * The time filter for a brushed range of whole milliseconds, [fromMs, toMs): its bounds are inclusive, so it
 * ends at the last nanosecond before `toMs`.
 */
export function brushFilter(range: TimeRange): { since: string; until: string } {
  const until = new Date(Math.floor(range.toMs) - 1).toISOString();
  return { since: new Date(Math.floor(range.fromMs)).toISOString(), until: `${until.slice(0, -1)}999999Z` };
}
