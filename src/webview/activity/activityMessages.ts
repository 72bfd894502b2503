/**
 * The messages between the activity strip and its page, typed for both sides. The extension counts events
 * per bucket (core/activity.ts) and sends only the counts; the page draws them, reports its width (which sets
 * the bucket size), and sends back what the user brushed or clicked. Each side validates what it receives.
 */
import { isCount, isInstant, isObject, isOptionalText, isText, listOf } from '../shared/wire';

export type StepUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
const STEP_UNITS: readonly string[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] satisfies StepUnit[];

export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface ActivitySeries {
  /** The category's name as shown (cut: the extension knows it in full). */
  readonly label: string;
  readonly counts: readonly number[];
}

/** What the strip draws: an ActivityView (core/activity.ts) with the state of the filter it drives. */
export interface ActivityPicture {
  /** Names this picture (each one sent has its own): a legend click or a reloaded page says which it saw. */
  readonly key: string;
  /** Bucket edges in ms, ascending: bucket i is [edges[i], edges[i + 1]). Empty when nothing is loaded. */
  readonly edges: readonly number[];
  readonly step: { readonly unit: StepUnit; readonly count: number };
  /** One count per bucket for each category, stacked in this order. */
  readonly series: readonly ActivitySeries[];
  /** The categories past those stacked, counted together. */
  readonly otherCounts?: readonly number[];
  /** Hatched: events may exist there that are not loaded. */
  readonly notLoaded: readonly TimeRange[];
  readonly total: number;
  readonly undated: number;
  /** The zone the buckets follow, for the page's labels. */
  readonly timeZone: string;
  /** The time filter in force, drawn as the brush. */
  readonly selection?: TimeRange;
  /** Positions in `series` of the categories the filter keeps, shown pressed in the legend. */
  readonly pressed?: readonly number[];
}

/** Extension → page. */
export type ActivityHostMessage = { readonly type: 'activity'; readonly picture: ActivityPicture };

/** Page → extension. */
export type ActivityPageMessage =
  /** The page is up (or reloaded): its drawing width sets the bucket size. */
  | { readonly type: 'ready'; readonly key?: string; readonly widthPx: number }
  | { readonly type: 'resize'; readonly widthPx: number }
  /** A range was brushed (snapped to bucket edges): the time filter becomes [fromMs, toMs). */
  | { readonly type: 'brush'; readonly range: TimeRange }
  | { readonly type: 'clearBrush' }
  /**
   * The category at `index` in the legend of picture `key` was clicked: the extension filters to it (if `key` is
   * the picture it sent last, so a legend redrawn meanwhile cannot filter to the wrong category).
   */
  | { readonly type: 'category'; readonly key: string; readonly index: number }
  /** What the page drew, for tests: buckets, and elements that could run or load something (always 0). */
  | { readonly type: 'rendered'; readonly key: string; readonly buckets: number; readonly forbidden: number };

/** The page's words, localized by the extension and handed over in the page's HTML. */
export interface ActivityStrings {
  /** The canvas's accessible name. */
  readonly strip: string;
  readonly legend: string;
  readonly notLoaded: string;
  readonly other: string;
  readonly empty: string;
  /** {0}: events in the strip. */
  readonly total: string;
  /** {0}: events whose time cannot be read. */
  readonly undated: string;
  readonly hint: string;
  readonly clearFilter: string;
  /** {0}: events in the bucket. */
  readonly bucketTotal: string;
}

const MAX_BUCKETS = 10_000;
const MAX_SERIES = 100;
const MAX_RANGES = 1_000;
const MAX_WIDTH_PX = 100_000;
/** An IANA zone name as the runtime spells them (`America/Argentina/Buenos_Aires`, `Etc/GMT+3`). */
const ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

export function parseRange(value: unknown): TimeRange | undefined {
  if (!isObject(value) || !isInstant(value.fromMs) || !isInstant(value.toMs) || !(value.fromMs < value.toMs)) return undefined;
  return { fromMs: value.fromMs, toMs: value.toMs };
}

function parseCounts(value: unknown, buckets: number): number[] | undefined {
  const counts = listOf(value, MAX_BUCKETS, (n) => (isCount(n) ? n : undefined));
  return counts && counts.length === buckets ? counts : undefined;
}

export function parseActivityPicture(value: unknown): ActivityPicture | undefined {
  if (!isObject(value)) return undefined;
  const { key, total, undated, timeZone, step } = value;
  if (!isText(key) || !isCount(total) || !isCount(undated) || typeof timeZone !== 'string' || !ZONE.test(timeZone)) return undefined;
  if (!isObject(step) || typeof step.unit !== 'string' || !STEP_UNITS.includes(step.unit) || !isCount(step.count) || step.count === 0) return undefined;
  const edges = listOf(value.edges, MAX_BUCKETS + 1, (e) => (isInstant(e) ? e : undefined));
  if (!edges || edges.length === 1 || edges.some((e, i) => i > 0 && !(e > edges[i - 1]))) return undefined;
  const buckets = Math.max(0, edges.length - 1);
  const series = listOf(value.series, MAX_SERIES, (s) => {
    if (!isObject(s) || !isText(s.label)) return undefined;
    const counts = parseCounts(s.counts, buckets);
    return counts && { label: s.label, counts };
  });
  const otherCounts = value.otherCounts === undefined ? undefined : parseCounts(value.otherCounts, buckets);
  const notLoaded = listOf(value.notLoaded, MAX_RANGES, parseRange);
  const selection = value.selection === undefined ? undefined : parseRange(value.selection);
  const pressed = value.pressed === undefined ? undefined : listOf(value.pressed, MAX_SERIES, (i) => (isCount(i) && i < (series?.length ?? 0) ? i : undefined));
  if (!series || !notLoaded || (value.otherCounts !== undefined && !otherCounts)) return undefined;
  if ((value.selection !== undefined && !selection) || (value.pressed !== undefined && !pressed)) return undefined;
  return {
    key,
    edges,
    step: { unit: step.unit as StepUnit, count: step.count },
    series,
    otherCounts,
    notLoaded,
    total,
    undated,
    timeZone,
    selection,
    pressed,
  };
}

export function parseActivityHostMessage(value: unknown): ActivityHostMessage | undefined {
  if (!isObject(value) || value.type !== 'activity') return undefined;
  const picture = parseActivityPicture(value.picture);
  return picture && { type: 'activity', picture };
}

function isWidth(value: unknown): value is number {
  return isCount(value) && value > 0 && value <= MAX_WIDTH_PX;
}

export function parseActivityPageMessage(value: unknown): ActivityPageMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isOptionalText(value.key) && isWidth(value.widthPx) ? { type: 'ready', key: value.key, widthPx: value.widthPx } : undefined;
    case 'resize':
      return isWidth(value.widthPx) ? { type: 'resize', widthPx: value.widthPx } : undefined;
    case 'brush': {
      const range = parseRange(value.range);
      return range && { type: 'brush', range };
    }
    case 'clearBrush':
      return { type: 'clearBrush' };
    case 'category':
      return isText(value.key) && isCount(value.index) ? { type: 'category', key: value.key, index: value.index } : undefined;
    case 'rendered': {
      const { key, buckets, forbidden } = value;
      return isText(key) && isCount(buckets) && isCount(forbidden) ? { type: 'rendered', key, buckets, forbidden } : undefined;
    }
    default:
      return undefined;
  }
}
