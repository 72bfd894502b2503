/**
 * Nanosecond instants as bigint. Pismo timestamps carry nine fractional digits, which a Date would drop,
 * so generation, cursors and date filters all work in nanoseconds since the epoch.
 */
const NS_PER_S = 1_000_000_000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_DAY = 86_400n * NS_PER_S;

/** `2022-02-15T20:27:02.151790540Z`: always nine digits, so string order is time order. */
export function formatNs(ns: bigint): string {
  const seconds = ns / NS_PER_S;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${(ns % NS_PER_S).toString().padStart(9, '0')}Z`;
}

/** Exactly the shape formatNs writes (cursors must hold nothing else). */
export const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO 8601 date or date-time as nanoseconds; undefined when unreadable. A zone-less time is read as UTC.
 * A bare date is the start of that day, or its last nanosecond when `endOfDay` (so `endDate=2024-01-31`
 * includes the 31st).
 */
export function parseIsoNs(text: string, endOfDay = false): bigint | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  if (+mo < 1 || +mo > 12 || +h > 23 || +mi > 59 || +s > 59) return undefined;
  const ms = Date.UTC(+y, +mo - 1, +d, h === undefined ? 0 : +h, mi === undefined ? 0 : +mi, +s);
  if (new Date(ms).getUTCDate() !== +d) return undefined; // 2024-02-30
  const ns = BigInt(ms) * NS_PER_MS + BigInt(frac.padEnd(9, '0'));
  if (h === undefined) return endOfDay ? ns + NS_PER_DAY - 1n : ns;
  return ns - zoneOffsetNs(zone);
}

function zoneOffsetNs(zone: string | undefined): bigint {
  if (!zone || zone.toUpperCase() === 'Z') return 0n;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return BigInt(zone[0] === '-' ? -minutes : minutes) * 60n * NS_PER_S;
}

/** The wall clock read once, then advanced by the monotonic one, so "now" has real nanosecond digits. */
const START_NS = BigInt(Date.now()) * NS_PER_MS;
const START_HR = process.hrtime.bigint();

export function nowNs(): bigint {
  return START_NS + (process.hrtime.bigint() - START_HR);
}
