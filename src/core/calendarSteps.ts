import { offsetChange, wallTime, wallToInstant, zoneOffset } from './zoneClock';

/**
 * Bucket boundaries for a histogram over time, aligned to the calendar of a time zone: a 15-minute bucket
 * starts at :00, :15, :30 or :45 on the zone's clock, a day at its midnight, a month on its first. Buckets
 * are half-open, [edge, next edge), and may differ in length: a day of daylight saving has 23 or 25 hours.
 */

export type StepUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface BucketStep {
  readonly unit: StepUnit;
  readonly count: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<StepUnit, number> = { second: SECOND, minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: 30.44 * DAY, year: 365.25 * DAY };

/** The sizes a bucket may have, smallest first. */
export const STEPS: readonly BucketStep[] = [
  { unit: 'second', count: 1 },
  { unit: 'second', count: 5 },
  { unit: 'second', count: 15 },
  { unit: 'minute', count: 1 },
  { unit: 'minute', count: 5 },
  { unit: 'minute', count: 15 },
  { unit: 'hour', count: 1 },
  { unit: 'hour', count: 3 },
  { unit: 'hour', count: 6 },
  { unit: 'hour', count: 12 },
  { unit: 'day', count: 1 },
  { unit: 'week', count: 1 },
  { unit: 'month', count: 1 },
  { unit: 'month', count: 3 },
  { unit: 'year', count: 1 },
];

/** A bucket's usual length (a month's and a year's on average). */
export function stepMs(step: BucketStep): number {
  return UNIT_MS[step.unit] * step.count;
}

/**
 * The smallest step that cuts `spanMs` into at most `maxBuckets` buckets (alignment may add one at each end).
 * Past a year per bucket, years go by 2, 5, 10, 20…: a timeline whose times run over centuries is hostile, not big.
 */
export function chooseStep(spanMs: number, maxBuckets: number): BucketStep {
  const fits = (step: BucketStep): boolean => Math.ceil(Math.max(0, spanMs) / stepMs(step)) + 2 <= maxBuckets;
  const found = STEPS.find(fits);
  if (found) return found;
  const years = Math.max(1, spanMs / stepMs({ unit: 'year', count: 1 }) / Math.max(1, maxBuckets - 2));
  const power = 10 ** Math.floor(Math.log10(years));
  const scaled = years / power;
  return { unit: 'year', count: (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power };
}

/**
 * The edges of the buckets covering [fromMs, toMs] in `zone`: the first at or before `fromMs`, the last after
 * `toMs`, so every instant of the range falls in exactly one bucket.
 */
export function bucketEdges(fromMs: number, toMs: number, step: BucketStep, zone: string): number[] {
  const to = Math.max(fromMs, toMs);
  return step.unit === 'second' || step.unit === 'minute' || step.unit === 'hour'
    ? clockEdges(fromMs, to, stepMs(step), zone)
    : calendarEdges(fromMs, to, step, zone);
}

/** Offsets never change twice within this long (the shortest stretch between changes is weeks). */
const PROBE = 12 * HOUR;

/** The stretches of constant offset covering [from, to]: where each starts, and its offset. */
function offsetStretches(zone: string, from: number, to: number): { start: number; offset: number }[] {
  const stretches = [{ start: from, offset: zoneOffset(zone, from) }];
  for (let t = from; t < to; ) {
    const probe = Math.min(t + PROBE, to);
    const change = offsetChange(zone, t, probe);
    if (change === undefined) t = probe;
    else {
      stretches.push({ start: change, offset: zoneOffset(zone, change) });
      t = change;
    }
  }
  return stretches;
}

/**
 * Steps of at most 12 hours, which divide a day: a boundary wherever the zone's clock reads a multiple of the
 * step, and where the clock jumps forward past one (the bucket that starts in the lost hour starts at the jump).
 * When the clock goes back, its repeated readings are boundaries again, so no bucket holds two hours as one.
 */
function clockEdges(from: number, to: number, size: number, zone: string): number[] {
  // boundaries are never further apart than a step, so the bucket holding `from` starts within a step before it
  const lo = from - size;
  const hi = to + size;
  const stretches = offsetStretches(zone, lo, hi);
  const boundaries: number[] = [];
  stretches.forEach(({ start, offset }, k) => {
    const end = k + 1 < stretches.length ? stretches[k + 1].start : hi + 1;
    const previous = k > 0 ? stretches[k - 1].offset : offset;
    if (offset > previous && Math.ceil((start + previous) / size) * size < start + offset) boundaries.push(start);
    for (let t = Math.ceil((start + offset) / size) * size - offset; t < end; t += size) {
      if (t !== boundaries[boundaries.length - 1]) boundaries.push(t);
    }
  });
  return coveringEdges(boundaries, from, to);
}

/** From the boundaries around a range, the last at or before `from` up to the first after `to`. */
function coveringEdges(boundaries: readonly number[], from: number, to: number): number[] {
  let first = 0;
  while (first + 1 < boundaries.length && boundaries[first + 1] <= from) first++;
  let last = first;
  while (last < boundaries.length - 1 && boundaries[last] <= to) last++;
  return boundaries.slice(first, last + 1);
}

/** Days, weeks (from Monday), months and years: each edge is the instant the zone's calendar turns to the next one. */
function calendarEdges(from: number, to: number, step: BucketStep, zone: string): number[] {
  let wall = unitStart(wallTime(zone, from), step);
  const edges = [wallToInstant(zone, wall)];
  while (edges[edges.length - 1] <= to) {
    wall = addUnits(wall, step);
    edges.push(wallToInstant(zone, wall));
  }
  return edges;
}

/** The wall time at which the step's bucket holding `wall` starts. */
function unitStart(wall: number, step: BucketStep): number {
  const d = new Date(wall);
  const start = new Date(0);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  if (step.unit === 'year') start.setUTCFullYear(year - mod(year, step.count), 0, 1);
  else if (step.unit === 'month') start.setUTCFullYear(year, month - mod(month, step.count), 1);
  else if (step.unit === 'week') start.setUTCFullYear(year, month, d.getUTCDate() - mod(d.getUTCDay() - 1, 7));
  else start.setUTCFullYear(year, month, d.getUTCDate());
  return start.getTime();
}

function addUnits(wall: number, step: BucketStep): number {
  const d = new Date(wall);
  if (step.unit === 'year') d.setUTCFullYear(d.getUTCFullYear() + step.count);
  else if (step.unit === 'month') d.setUTCMonth(d.getUTCMonth() + step.count);
  else d.setUTCDate(d.getUTCDate() + (step.unit === 'week' ? 7 : 1) * step.count);
  return d.getTime();
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
