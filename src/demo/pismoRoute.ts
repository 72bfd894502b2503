import { encodeCursor } from './cursor';
import { type DemoRequest, type DemoResponse, type Route, hasBearer, json, jsonError, unauthorized } from './http';
import { type PismoTimeline, TENANT_ACCOUNT } from './pismoData';
import { type PageQuery, matches, parsePageQuery } from './pismoQuery';
import { parseIsoNs } from './time';

export const PISMO_TIMELINE_PATH = '/timeline/v1/timeline';
/** Pismo reads at most 1 MB of items per request. */
export const PAGE_BYTE_LIMIT = 1_048_576;

/** `GET /timeline/v1/timeline`: Pismo's account timeline with its cursor, its 1 MB rule and its filters. */
export function pismoTimelineRoute(timeline: PismoTimeline, token: string | ((request: DemoRequest) => boolean)): Route {
  const authorized = typeof token === 'string' ? (request: DemoRequest) => hasBearer(request, token) : token;
  return {
    path: PISMO_TIMELINE_PATH,
    methods: ['GET'],
    authorized,
    handle(request: DemoRequest): DemoResponse {
      if (!authorized(request)) return unauthorized();
      const query = parsePageQuery(request.query);
      if ('error' in query) return jsonError(400, query.error);
      if (query.cursor && query.cursor.tenantAccount !== TENANT_ACCOUNT) return jsonError(400, 'The cursor belongs to another account');
      return json(200, readPage(timeline, query));
    },
  };
}

/**
 * As documented: read up to `limit` items or 1 MB of them, whichever comes first, THEN filter. A filtered
 * page can therefore be short or empty while has_next is true. Positions count in the requested order.
 */
function readPage(timeline: PismoTimeline, query: PageQuery): string {
  const n = timeline.count;
  const indexAt = query.order === 'desc' ? (pos: number) => pos : (pos: number) => n - 1 - pos;
  let pos = query.cursor ? startAfter(timeline, query.cursor.timestamp, query.order) : 0;
  const items: string[] = [];
  let read = 0;
  let bytes = 0;
  let lastTimestamp = '';
  for (; pos < n && read < query.limit; pos++) {
    const event = timeline.event(indexAt(pos));
    const size = Buffer.byteLength(event.text, 'utf8');
    if (read > 0 && bytes + size > PAGE_BYTE_LIMIT) break; // one item always goes, or an oversized one would stall paging
    read++;
    bytes += size;
    lastTimestamp = event.timestamp;
    if (matches(query, event)) items.push(event.text);
  }
  const hasNext = pos < n;
  const cursor = hasNext ? JSON.stringify(encodeCursor({ tenantAccount: TENANT_ACCOUNT, timestamp: lastTimestamp })) : 'null';
  return `{"has_next":${hasNext},"next_cursor":${cursor},"count":${items.length},"items":[${items.join(',')}]}`;
}

/** The position just past the cursor's event (exclusive start key), in the requested order. */
function startAfter(timeline: PismoTimeline, timestamp: string, order: 'desc' | 'asc'): number {
  const ns = parseIsoNs(timestamp) ?? 0n; // decodeCursor accepted only canonical timestamps
  const first = timeline.firstAtOrBefore(ns);
  if (order === 'asc') return timeline.count - first;
  return first < timeline.count && timeline.timeNs(first) === ns ? first + 1 : first;
}
