/**
 * Timestamps stay strings: a JavaScript Date drops Pismo's nanoseconds. Ordering uses a sort key built from
 * the string's own digits; display formats it back with every fractional digit kept.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DMY = /^(\d{2})\/(\d{2})\/(\d{4}),?\s+(\d{2}):(\d{2})(?::(\d{2}))?$/; // TalentLMS v1 "23/08/2020, 05:58:53"
const EPOCH_OFFSET = 100_000_000_000; // keeps keys of dates before 1970 positive and the same width
/**
 * The longest text read as a time: `2022-02-15T20:27:02.151790540123Z` with room to spare. Longer text is not a
 * time, and is refused before the patterns run over it (each row's tooltip and sort key would scan it again).
 */
const MAX_TIMESTAMP_CHARS = 64;

export interface ParsedTime {
  /** Whole seconds since the Unix epoch, UTC. */
  readonly epochSeconds: number;
  /** Nine digits of fraction. */
  readonly nanos: string;
}

export function parseTimestamp(raw: string | number | undefined | null): ParsedTime | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && raw.length > MAX_TIMESTAMP_CHARS) return undefined;
  const text = String(raw).trim();
  if (/^\d{9,10}$/.test(text)) return { epochSeconds: Number(text), nanos: '000000000' };
  if (/^\d{12,13}$/.test(text)) {
    const ms = Number(text);
    return { epochSeconds: Math.floor(ms / 1000), nanos: String(ms % 1000).padStart(3, '0') + '000000' };
  }
  let m = ISO.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
    const local = utcSeconds(+y, +mo, +d, +h, +mi, +s);
    return { epochSeconds: local - zoneOffsetSeconds(zone), nanos: frac.padEnd(9, '0') };
  }
  m = DMY.exec(text);
  if (m) {
    const [, d, mo, y, h, mi, s = '0'] = m;
    return { epochSeconds: utcSeconds(+y, +mo, +d, +h, +mi, +s), nanos: '000000000' };
  }
  return undefined;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, in integers (H. Hinnant's days_from_civil): Date.UTC
 * reads years 0–99 as 1900–1999 and would need a Date per call. A month or day out of range rolls over as
 * Date.UTC's does.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Seconds since the epoch of a UTC calendar time (hours, minutes and seconds past their range roll over). */
export function utcSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

function zoneOffsetSeconds(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
}

/** Seconds (offset) and nanoseconds as 8 and 6 base-32 digits: 40 bits hold years 0000–9999, 30 hold 10^9. */
const SECOND_DIGITS = 8;
const NANO_DIGITS = 6;
const SECOND_LIMIT = 32 ** SECOND_DIGITS;
const keyCodes = new Array<number>(SECOND_DIGITS + NANO_DIGITS);

/** A base-32 digit's character, in code-unit order: `0`–`9`, then `A`–`V` (Number#toString(32) and padStart take 40 % longer a key). */
function keyDigit(d: number): number {
  return d < 10 ? 0x30 + d : 0x37 + d;
}

/**
 * Larger is newer; an unreadable time sorts as the oldest. Fixed width, so string order is time order. Every
 * event holds its key, so it is short and flat: 14 base-32 digits (a 32-byte string, where the decimal
 * `seconds.nanos` of 22 characters takes 40, and a template literal of it would be a rope holding its parts).
 */
export function sortKey(raw: string | number | undefined | null): string {
  const t = parseTimestamp(raw);
  if (!t) return '';
  const seconds = Math.min(Math.max(t.epochSeconds + EPOCH_OFFSET, 0), SECOND_LIMIT - 1);
  let high = seconds;
  for (let i = SECOND_DIGITS - 1; i >= 0; i--, high = Math.floor(high / 32)) keyCodes[i] = keyDigit(high % 32);
  let low = Number(t.nanos);
  for (let i = keyCodes.length - 1; i >= SECOND_DIGITS; i--, low >>>= 5) keyCodes[i] = keyDigit(low & 31);
  return String.fromCharCode(...keyCodes);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2022-02-15 20:27:02.151790540 UTC` (every fractional digit the server sent, padded to nine). */
export function formatUtc(t: ParsedTime): string {
  const d = new Date(t.epochSeconds * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${t.nanos} UTC`;
}

/** The same instant in the machine's time zone, with its offset. */
export function formatLocal(t: ParsedTime): string {
  const d = new Date(t.epochSeconds * 1000);
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${t.nanos} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const UNITS: [number, string][] = [
  [365 * 24 * 3600, 'y'],
  [30 * 24 * 3600, 'mo'],
  [7 * 24 * 3600, 'w'],
  [24 * 3600, 'd'],
  [3600, 'h'],
  [60, 'm'],
];

/** "3h ago", "2d ago", "just now"; "in 5m" for a time ahead of the clock. */
export function relativeTime(t: ParsedTime, nowMs: number): string {
  const delta = Math.round(nowMs / 1000 - t.epochSeconds);
  const abs = Math.abs(delta);
  if (abs < 60) return 'just now';
  const [size, unit] = UNITS.find(([s]) => abs >= s) ?? UNITS[UNITS.length - 1];
  const n = Math.floor(abs / size);
  return delta >= 0 ? `${n}${unit} ago` : `in ${n}${unit}`;
}

/** How rows show an event's time (timelineViewer.timeFormat). */
export type TimeFormat = 'local' | 'utc' | 'relative' | 'iso';
export const TIME_FORMATS: readonly TimeFormat[] = ['local', 'utc', 'relative', 'iso'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A row's time: `14:03:27.512` today and `Jun 30 14:03:27` otherwise, in the machine's zone (`local`) or in UTC
 * (`utc`, marked so); "3h ago" (`relative`); or the server's own string (`iso`, nanoseconds and offset kept).
 * A time that cannot be read shows as sent.
 */
export function formatTime(raw: string, format: TimeFormat, nowMs: number): string {
  if (format === 'iso') return raw;
  const t = parseTimestamp(raw);
  if (!t) return raw;
  if (format === 'relative') return relativeTime(t, nowMs);
  const utc = format === 'utc';
  const parts = (date: Date): number[] =>
    utc
      ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
      : [date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  const [y, mo, d, h, mi, s] = parts(new Date(t.epochSeconds * 1000));
  const [ny, nmo, nd] = parts(new Date(nowMs));
  const clock = `${pad(h)}:${pad(mi)}:${pad(s)}`;
  const text = y === ny && mo === nmo && d === nd ? `${clock}.${t.nanos.slice(0, 3)}` : `${MONTHS[mo]} ${d} ${clock}`;
  return utc ? `${text} UTC` : text;
}
