import { parseTimestamp } from '../../core/time';
import type { FilterTimeFormat, TimeFormat } from './mapping';

/** Digits of a second each unit has: seconds 0, milliseconds 3, microseconds 6, nanoseconds 9. */
const UNIT_DIGITS: Readonly<Record<Exclude<TimeFormat, 'iso8601'>, number>> = { unixSeconds: 0, unixMillis: 3, unixMicros: 6, unixNanos: 9 };
const NUMBER = /^(-?)(\d{1,20})(?:\.(\d{1,9})\d*)?$/;
const NS_PER_S = 1_000_000_000n;
/** The years a Date can hold. */
const MAX_SECONDS = 8_640_000_000_000n;

/**
 * The ISO 8601 instant a unix time stands for, as many fraction digits as the unit and the value carry
 * (`1719782045` s → `2024-06-30T21:14:05Z`, `1719782045123` ms → `…05.123Z`). Worked on the digits, so
 * nothing is lost to floating point; undefined when the value is not such a number. A JSON number past 2^53
 * (nanoseconds) has already lost its last digits in JSON.parse; a string keeps them.
 */
export function unixToIso(value: string | number, format: Exclude<TimeFormat, 'iso8601'>): string | undefined {
  const m = NUMBER.exec(typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim());
  if (!m) return undefined;
  const [, sign, whole, fraction = ''] = m;
  const unit = UNIT_DIGITS[format];
  const scale = 9 - unit;
  let ns = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale) || '0');
  if (sign) ns = -ns;
  let seconds = ns / NS_PER_S;
  let nanos = ns % NS_PER_S;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += NS_PER_S;
  }
  if (seconds > MAX_SECONDS || seconds < -MAX_SECONDS) return undefined;
  const digits = Math.min(9, unit + fraction.length);
  const tail = digits === 0 ? '' : `.${nanos.toString().padStart(9, '0').slice(0, digits)}`;
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}${tail}Z`;
}

/**
 * A filter bound (an ISO 8601 instant) as the server's parameter takes it. Rounded outward (since down, until
 * up), so the server never leaves out an event the extension's own matching keeps.
 */
export function filterTime(iso: string, format: FilterTimeFormat, bound: 'since' | 'until'): string {
  if (format === 'iso8601') return iso;
  const t = parseTimestamp(iso);
  if (!t) return iso;
  const exact = BigInt(t.epochSeconds) * NS_PER_S + BigInt(t.nanos);
  const step = format === 'unixSeconds' ? NS_PER_S : 1_000_000n;
  const down = exact / step - (exact % step < 0n ? 1n : 0n);
  return String(bound === 'until' && exact % step !== 0n ? down + 1n : down);
}
