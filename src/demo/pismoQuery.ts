import { type CursorKey, decodeCursor } from './cursor';
import type { TimelineEvent } from './pismoData';
import { parseIsoNs } from './time';

/** The documented name first; `nextCursor` and `next_cursor` are seen in other clients. */
export const CURSOR_PARAMS = ['cursor', 'nextCursor', 'next_cursor'] as const;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface PageQuery {
  readonly limit: number;
  readonly order: 'desc' | 'asc';
  readonly cursor: CursorKey | undefined;
  readonly types: ReadonlySet<string> | undefined;
  readonly categories: ReadonlySet<string> | undefined;
  readonly beginNs: bigint | undefined;
  readonly endNs: bigint | undefined;
}

/** The query, or the sentence a 400 carries. */
export function parsePageQuery(query: URLSearchParams): PageQuery | { error: string } {
  const limitText = query.get('limit');
  if (limitText !== null && !/^\s*-?\d+\s*$/.test(limitText)) return { error: 'limit must be an integer' };
  const limit = limitText === null ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Math.max(1, Number(limitText)));

  const order = (query.get('order') ?? 'desc').toLowerCase();
  if (order !== 'desc' && order !== 'asc') return { error: 'order must be asc or desc' };

  const cursorName = CURSOR_PARAMS.find((name) => query.has(name));
  const cursor = cursorName === undefined ? undefined : decodeCursor(query.get(cursorName) ?? '');
  if (cursorName !== undefined && !cursor) return { error: `${cursorName} is not a valid cursor` };

  const dates: (bigint | undefined)[] = [];
  for (const [name, endOfDay] of [['beginDate', false], ['endDate', true]] as const) {
    const text = query.get(name);
    const ns = text === null ? undefined : parseIsoNs(text, endOfDay);
    if (text !== null && ns === undefined) return { error: `${name} must be an ISO 8601 date or date-time` };
    dates.push(ns);
  }

  const types = valueSet(query, 'type');
  const categories = valueSet(query, 'category');
  for (const [name, set] of [['type', types], ['category', categories]] as const) {
    const odd = [...(set ?? [])].find((v) => !NAME.test(v));
    if (odd !== undefined) return { error: `${name} must be a name such as ${name === 'type' ? 'REFUSAL' : 'CARD'}: capital letters, digits and _ (got ${JSON.stringify(odd.slice(0, 40))})` };
  }
  return { limit, order, cursor, types, categories, beginNs: dates[0], endNs: dates[1] };
}

/** The shape of every documented type and category; the demo refuses others, as a strict server would. */
const NAME = /^[A-Z][A-Z0-9_]*$/;

/** `type=A&type=B` or `type=A,B`; undefined when the filter is absent. */
function valueSet(query: URLSearchParams, name: string): ReadonlySet<string> | undefined {
  const values = query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return values.length === 0 ? undefined : new Set(values);
}

/** The filters, applied after the read (see pismoRoute). */
export function matches(query: PageQuery, event: TimelineEvent): boolean {
  return (
    (!query.types || query.types.has(event.type)) &&
    (!query.categories || query.categories.has(event.category)) &&
    (query.beginNs === undefined || event.ns >= query.beginNs) &&
    (query.endNs === undefined || event.ns <= query.endNs)
  );
}
