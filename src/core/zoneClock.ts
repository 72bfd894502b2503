/**
 * Wall clocks of IANA time zones, from the runtime's own zone data (Intl), so daylight saving and historical
 * offsets are the platform's. A "wall" time is a local date and time written as if it were UTC milliseconds:
 * `Date.UTC(2024, 2, 10, 3)` is 03:00 on 10 March wherever the zone is.
 */
import { utcSeconds } from './time';

const clocks = new Map<string, Intl.DateTimeFormat>();

function clock(zone: string): Intl.DateTimeFormat {
  let format = clocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    clocks.set(zone, format);
  }
  return format;
}

/** Whether the runtime knows the zone (`UTC`, `America/New_York`…). */
export function isTimeZone(zone: string): boolean {
  try {
    clock(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall time at an instant (whole seconds: zones have never had offsets finer than that). */
export function wallTime(zone: string, instantMs: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let before = false;
  for (const part of clock(zone).formatToParts(instantMs)) {
    const n = Number(part.value);
    if (part.type === 'year') year = n;
    else if (part.type === 'month') month = n;
    else if (part.type === 'day') day = n;
    else if (part.type === 'hour') hour = n;
    else if (part.type === 'minute') minute = n;
    else if (part.type === 'second') second = n;
    else if (part.type === 'era') before = part.value.startsWith('B');
  }
  return utcSeconds(before ? 1 - year : year, month, day, hour, minute, second) * 1000 + (instantMs - Math.floor(instantMs / 1000) * 1000);
}

/** Milliseconds the zone's clock is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffset(zone: string, instantMs: number): number {
  return wallTime(zone, instantMs) - instantMs;
}

const DAY_MS = 86_400_000;

/**
 * The first instant at which the zone's clock reads `wall`. A time the clock skipped (the hour lost to
 * daylight saving) has none: then the instant the clock jumped past it. A time read twice (the hour
 * repeated in autumn) gives the earlier instant. No zone changes its offset twice within two days.
 */
export function wallToInstant(zone: string, wall: number): number {
  const before = zoneOffset(zone, wall - DAY_MS);
  const after = zoneOffset(zone, wall + DAY_MS);
  const readsWall = (offset: number): boolean => zoneOffset(zone, wall - offset) === offset;
  if (before === after && readsWall(before)) return wall - before;
  const found = [before, after].filter(readsWall).map((offset) => wall - offset);
  if (found.length > 0) return Math.min(...found);
  // skipped: the clock read less than `wall` at the later offset's instant and more at the earlier one's
  return firstInstant(wall - Math.max(before, after), wall - Math.min(before, after), (t) => wallTime(zone, t) >= wall);
}

/**
 * The first instant in (`from`, `to`] at which the zone's offset differs from its offset at `from`, or
 * undefined when it stays the same at `to` (offsets change at whole seconds, found by bisection).
 */
export function offsetChange(zone: string, from: number, to: number): number | undefined {
  const offset = zoneOffset(zone, from);
  if (zoneOffset(zone, to) === offset) return undefined;
  return firstInstant(from, to, (t) => zoneOffset(zone, t) !== offset);
}

/** The least millisecond in (`lo`, `hi`] where `test` holds, `test` being false at `lo` and true at `hi`. */
function firstInstant(lo: number, hi: number, test: (t: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
