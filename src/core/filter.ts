import { TimelineError } from './errors';
import type { TimelineEvent } from './event';
import { type ParsedTime, parseTimestamp, sortKey } from './time';

/**
 * What a source is asked for and what each page is matched against: concrete values only. Within a list
 * any value matches (OR); across categories, types and the range all must (AND). Times are ISO 8601
 * instants, both bounds inclusive.
 */
export interface PageFilter {
  readonly categories?: readonly string[];
  readonly types?: readonly string[];
  readonly since?: string;
  readonly until?: string;
}

/** The ranges offered as "last …": resolved against the clock each time a filtered timeline starts. */
export const RECENT_RANGES = { '15m': 15 * 60, '1h': 3600, '24h': 24 * 3600, '7d': 7 * 24 * 3600, '30d': 30 * 24 * 3600 } as const;
export type RecentRange = keyof typeof RECENT_RANGES;

/** The filter a user chose, as kept per connection: a "last …" range stays relative across reloads. */
export interface TimelineFilter extends PageFilter {
  readonly last?: RecentRange;
  /** The server refused the filter's parameters: match every page here instead of sending them. */
  readonly local?: boolean;
}

/** Values are typed by people and read from workspace state: bounded so none can bloat a request. */
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 200;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/**
 * Reads a filter from a command's arguments or from storage: the filter with its times written as canonical
 * UTC instants, or the sentence that says what is wrong, before any request is made.
 */
export function parseFilter(input: unknown): TimelineFilter | { error: string } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { error: 'A filter is an object with categories, types, since or until.' };
  const o = input as Record<string, unknown>;
  const categories = values(o.categories, 'categories');
  if (typeof categories === 'string') return { error: categories };
  const types = values(o.types, 'types');
  if (typeof types === 'string') return { error: types };
  if (o.last !== undefined && !(typeof o.last === 'string' && Object.hasOwn(RECENT_RANGES, o.last))) {
    return { error: `"last" must be one of ${Object.keys(RECENT_RANGES).join(', ')}.` };
  }
  const last = o.last as RecentRange | undefined;
  const since = instant(o.since, 'since', false);
  if (since !== undefined && typeof since !== 'object') return { error: since };
  const until = instant(o.until, 'until', true);
  if (until !== undefined && typeof until !== 'object') return { error: until };
  if (last && (since || until)) return { error: 'Give either a recent range ("last") or since/until, not both.' };
  if (since && until && sortKey(until.iso) < sortKey(since.iso)) return { error: `The range ends (${until.iso}) before it starts (${since.iso}).` };
  if (!categories && !types && !last && !since && !until) return { error: 'The filter is empty: choose at least one category, type or time range.' };
  return compact({ categories, types, since: since?.iso, until: until?.iso, last, local: o.local === true ? true : undefined });
}

function values(value: unknown, name: string): string[] | undefined | string {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) return `"${name}" must be a list of strings.`;
  const cleaned = [...new Set(list.map((v: string) => v.trim()).filter((v) => v !== ''))];
  if (cleaned.length > MAX_VALUES) return `"${name}" may hold at most ${MAX_VALUES} values.`;
  // eslint-disable-next-line no-control-regex -- a value with control characters is refused, not shown
  if (cleaned.some((v) => v.length > MAX_VALUE_LENGTH || /[\u0000-\u001f]/.test(v))) return `A value in "${name}" is too long or holds control characters.`;
  return cleaned.length ? cleaned : undefined;
}

/** An ISO 8601 date-time (a zone-less one is UTC) or a bare date: the start of that day, or its end for `until`. */
function instant(value: unknown, name: string, endOfDay: boolean): { iso: string } | string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const bare = BARE_DATE.test(text);
  const parsed = bare ? parseTimestamp(`${text}T${endOfDay ? '23:59:59.999999999' : '00:00'}Z`) : ISO_DATE_TIME.test(text) ? parseTimestamp(text) : undefined;
  if (!parsed || !Number.isFinite(parsed.epochSeconds) || !realDateTime(text)) {
    return `"${name}" is not a date: write an ISO 8601 instant such as 2025-06-30T21:00:00Z.`;
  }
  return { iso: isoInstant(parsed) };
}

/** Date.UTC rolls 2025-02-30 over into March and 24:00 into the next day: such times do not exist. */
function realDateTime(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  const [, h = '0', mi = '0', s = '0'] = /^.{10}[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text) ?? [];
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d && +h <= 23 && +mi <= 59 && +s <= 59;
}

/** `2025-06-30T21:00:00Z`, with the fraction only when there is one (nanoseconds kept). */
export function isoInstant(t: ParsedTime): string {
  const base = new Date(t.epochSeconds * 1000).toISOString().slice(0, 19);
  const fraction = t.nanos.replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The concrete filter to read pages with: a "last …" range becomes its start as of `nowMs`. */
export function resolveFilter(filter: TimelineFilter, nowMs: number): PageFilter {
  const { categories, types, since, until, last } = filter;
  const start = last === undefined ? since : isoInstant({ epochSeconds: Math.floor(nowMs / 1000) - RECENT_RANGES[last], nanos: '000000000' });
  return compact({ categories, types, since: start, until });
}

/** The same filter, written the same way: equal keys mean the same filtered timeline. */
export function filterKey(filter: TimelineFilter): string {
  const { categories, types, since, until, last, local } = filter;
  return JSON.stringify([categories ?? [], types ?? [], since ?? '', until ?? '', last ?? '', local === true]);
}

/**
 * Whether an event passes the filter: applied by the extension to every page, also when the server
 * filtered it, so a server that ignores a parameter still shows only what was asked for. An event's
 * category is the platform's own (`itemCategory`) when the tree groups by something else.
 */
export function eventMatcher(filter: PageFilter): (event: TimelineEvent) => boolean {
  const categories = filter.categories && new Set(filter.categories);
  const types = filter.types && new Set(filter.types);
  const from = filter.since === undefined ? undefined : sortKey(filter.since);
  const to = filter.until === undefined ? undefined : sortKey(filter.until);
  return (event) =>
    (!categories || categories.has(event.itemCategory ?? event.category)) &&
    (!types || types.has(event.type)) &&
    (from === undefined || (event.sortKey !== '' && event.sortKey >= from)) &&
    (to === undefined || (event.sortKey !== '' && event.sortKey <= to));
}

/**
 * A 400 or 422 to a request that carried filter parameters names them, so the error node can offer to
 * filter in the extension instead; any other failure passes through unchanged.
 */
export function filterRejection(error: unknown, sent: readonly (readonly [string, string])[]): unknown {
  const status = error instanceof TimelineError ? error.details.status : undefined;
  if (sent.length === 0 || (status !== 400 && status !== 422)) return error;
  const params = sent.map(([name, value]) => `${name}=${value}`).join(', ');
  return new TimelineError('filterRejected', `The server refused the filter ${params} (${status}): filter in the extension instead.`, { status });
}
