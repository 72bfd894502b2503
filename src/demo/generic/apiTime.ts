import { formatNs, parseIsoNs } from '../time';

/** An instant as each API writes it: ISO 8601 at second, millisecond or microsecond precision, or unix numbers. */
export const isoSeconds = (ns: bigint): string => `${formatNs(ns).slice(0, 19)}Z`;
export const isoMillis = (ns: bigint): string => `${formatNs(ns).slice(0, 23)}Z`;
export const isoMicros = (ns: bigint): string => `${formatNs(ns).slice(0, 26)}Z`;
export const unixSeconds = (ns: bigint): number => Number(ns / 1_000_000_000n);
export const unixMillis = (ns: bigint): number => Number(ns / 1_000_000n);

/** A query's time bound (ISO 8601, or unix `seconds`/`millis` digits) as nanoseconds; undefined when unreadable. */
export function boundNs(text: string, unix: 'seconds' | 'millis' | undefined, endOfDay = false): bigint | undefined {
  if (unix && /^\d{1,16}$/.test(text.trim())) return BigInt(text.trim()) * (unix === 'seconds' ? 1_000_000_000n : 1_000_000n);
  return parseIsoNs(text, endOfDay);
}
