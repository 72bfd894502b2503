import { isoInstant } from './filter';
import { daysFromCivil, sortKey } from './time';

/**
 * An instant as a person types it, in whichever form they have it at hand: ISO 8601 (any precision, any
 * offset; a zone-less time is UTC, as the filter reads it), unix seconds, milliseconds, microseconds or
 * nanoseconds told apart by their number of digits, a time ago (`2h`, `30m`, `7d`), or `now`. Nanoseconds are
 * kept: Pismo's timestamps carry nine fractional digits, so a bound must be able to fall between two of them.
 */
export interface Instant {
  /** Nanoseconds since the Unix epoch, UTC. */
  readonly ns: bigint;
  /** The same instant in canonical ISO 8601 UTC, with the fraction only as long as needed: what a PageFilter holds. */
  readonly iso: string;
}

export interface InstantOptions {
  /** A bare date means its last nanosecond instead of its first, so `until:2025-06-30` includes that day. */
  readonly endOfDay?: boolean;
}

/** Longer text is not a time; it is refused before any pattern runs over it. */
const MAX_INSTANT_CHARS = 64;
const NS_PER_S = 1_000_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_S;
/** Before year 1000 the time functions' two-digit-year rules would misread the ISO text this writes. */
const MIN_NS = BigInt(daysFromCivil(1000, 1, 1)) * NS_PER_DAY;
const MAX_NS = BigInt(daysFromCivil(10000, 1, 1)) * NS_PER_DAY - 1n;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const UNIX = /^(\d+)(?:\.(\d+))?$/;
const AGO = /^(\d{1,9})\s*(s|m|h|d|w)(?:\s+ago)?$/i;
const UNIT_SECONDS: Readonly<Record<string, bigint>> = { s: 1n, m: 60n, h: 3600n, d: 86_400n, w: 604_800n };

/**
 * Unix times by their digits, each range starting in 1973: 9–11 digits are seconds, 12–14 milliseconds, 15–17
 * microseconds, 18–20 nanoseconds. `fraction` is how many digits of a decimal part still fall above a nanosecond.
 */
const UNIX_UNITS: readonly { readonly maxDigits: number; readonly ns: bigint; readonly fraction: number }[] = [
  { maxDigits: 11, ns: NS_PER_S, fraction: 9 },
  { maxDigits: 14, ns: 1_000_000n, fraction: 6 },
  { maxDigits: 17, ns: 1_000n, fraction: 3 },
  { maxDigits: 20, ns: 1n, fraction: 0 },
];
const MIN_UNIX_DIGITS = 9;

export const INSTANT_FORMS = 'an ISO 8601 time (2025-06-30T21:00:00Z, any offset, or 2025-06-30), unix seconds, milliseconds or nanoseconds (1719770000), or a time ago (2h, 30m, 7d)';

/** The instant `text` names, read against the clock at `nowMs`, or the sentence that says what is wrong. */
export function parseInstant(text: string, nowMs: number, options: InstantOptions = {}): Instant | { error: string } {
  if (text.length > MAX_INSTANT_CHARS) return { error: `That is too long to be a time: write ${INSTANT_FORMS}.` };
  const trimmed = text.trim();
  const ns = trimmed.toLowerCase() === 'now' ? BigInt(Math.floor(nowMs)) * 1_000_000n : read(trimmed, nowMs, options.endOfDay === true);
  if (typeof ns === 'string') return { error: ns };
  if (ns < MIN_NS || ns > MAX_NS) return { error: 'That time is outside the years 1000 to 9999.' };
  return { ns, iso: isoOf(ns) };
}

/** The sort key of an instant, comparable with events' (see time.ts). */
export function instantSortKey(instant: Instant): string {
  return sortKey(instant.iso);
}

function read(text: string, nowMs: number, endOfDay: boolean): bigint | string {
  const iso = ISO.exec(text);
  if (iso) return readIso(iso, endOfDay);
  const unix = UNIX.exec(text);
  if (unix) return readUnix(unix[1], unix[2] ?? '');
  const ago = AGO.exec(text);
  if (ago) return BigInt(Math.floor(nowMs)) * 1_000_000n - BigInt(ago[1]) * UNIT_SECONDS[ago[2].toLowerCase()] * NS_PER_S;
  return `That is not a time: write ${INSTANT_FORMS}.`;
}

function readIso(m: RegExpExecArray, endOfDay: boolean): bigint | string {
  const [, y, mo, d, h, mi = '0', s = '0', fraction = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'That date does not exist: check the month and the day.';
  const dayNs = BigInt(daysFromCivil(year, month, day)) * NS_PER_DAY;
  if (h === undefined) return endOfDay ? dayNs + NS_PER_DAY - 1n : dayNs;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return 'That time of day does not exist: hours go to 23, minutes and seconds to 59.';
  const offset = zoneOffsetSeconds(zone);
  if (offset === undefined) return 'That offset does not exist: write Z, or one from -18:00 to +18:00.';
  const seconds = BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s) - offset);
  return dayNs + seconds * NS_PER_S + BigInt(fraction.slice(0, 9).padEnd(9, '0'));
}

function readUnix(whole: string, fraction: string): bigint | string {
  const digits = whole.replace(/^0+(?=\d)/, '').length;
  if (digits < MIN_UNIX_DIGITS) return `That number is too short for a unix time (seconds have 10 digits now): write a date as 2025-06-30, or ${INSTANT_FORMS}.`;
  const unit = UNIX_UNITS.find((u) => digits <= u.maxDigits);
  if (!unit) return 'That number is too long for a unix time: nanoseconds have 19 digits now.';
  const below = unit.fraction === 0 ? 0n : BigInt(fraction.slice(0, unit.fraction).padEnd(unit.fraction, '0'));
  return BigInt(whole) * unit.ns + below;
}

/** Seconds east of UTC; undefined for an offset no zone has. */
function zoneOffsetSeconds(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoOf(ns: bigint): string {
  const seconds = ns / NS_PER_S - (ns % NS_PER_S < 0n ? 1n : 0n);
  const nanos = ns - seconds * NS_PER_S;
  return isoInstant({ epochSeconds: Number(seconds), nanos: nanos.toString().padStart(9, '0') });
}
