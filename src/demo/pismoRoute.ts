import type { EventList } from './accountTimeline';
import { encodeCursor } from './cursor';
import { type DemoRequest, type DemoResponse, type Route, json, jsonError, unauthorized } from './http';
import type { TokenRegistry } from './passportTokens';
import { postCustomEvent } from './pismoCustomEvents';
import { type PageQuery, matches, parsePageQuery } from './pismoQuery';
import type { PismoTenant } from './pismoTenant';
import { parseIsoNs } from './time';

export const PISMO_TIMELINE_PATH = '/timeline/v1/timeline';
/** Pismo reads at most 1 MB of items per request. */
export const PAGE_BYTE_LIMIT = 1_048_576;

/**
 * `GET /timeline/v1/timeline`: the timeline of the token's account, with Pismo's cursor, its 1 MB rule and
 * its filters; `POST` adds a custom event to it (see pismoCustomEvents). The account is the token's, never
 * a parameter: a tenant-wide token has none, so it is a 403.
 */
export function pismoTimelineRoute(tenant: PismoTenant, tokens: TokenRegistry): Route {
  return {
    path: PISMO_TIMELINE_PATH,
    methods: ['GET', 'POST'],
    authorized: (request) => tokens.accepts(request),
    handle(request: DemoRequest): DemoResponse | Promise<DemoResponse> {
      const grant = tokens.grant(request);
      if (!grant) return unauthorized();
      if (grant.accountId === undefined) return jsonError(403, 'This token is not account-specific: mint one for an account (account_id, or uid with OAuth).');
      if (request.method === 'POST') return postCustomEvent(tenant, grant.accountId, request);
      const query = parsePageQuery(request.query);
      if ('error' in query) return jsonError(400, query.error);
      const timeline = tenant.timeline(grant.accountId);
      if (query.cursor && query.cursor.tenantAccount !== timeline.tenantAccount) return jsonError(400, 'The cursor belongs to another account');
      return json(200, readPage(timeline, query));
    },
  };
}

/**
 * As documented: read up to `limit` items or 1 MB of them, whichever comes first, THEN filter. A filtered
 * page can therefore be short or empty while has_next is true. Positions count in the requested order.
 */
function readPage(timeline: EventList, query: PageQuery): string {
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
  const cursor = hasNext ? JSON.stringify(encodeCursor({ tenantAccount: timeline.tenantAccount, timestamp: lastTimestamp })) : 'null';
  return `{"has_next":${hasNext},"next_cursor":${cursor},"count":${items.length},"items":[${items.join(',')}]}`;
}

/** The position just past the cursor's event (exclusive start key), in the requested order. */
function startAfter(timeline: EventList, timestamp: string, order: 'desc' | 'asc'): number {
  const ns = parseIsoNs(timestamp) ?? 0n; // decodeCursor accepted only canonical timestamps
  const first = timeline.firstAtOrBefore(ns);
  if (order === 'asc') return timeline.count - first;
  return first < timeline.count && timeline.timeNs(first) === ns ? first + 1 : first;
}
