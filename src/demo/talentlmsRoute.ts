import type { DemoRequest, DemoResponse, Route } from './http';
import { sameSecret } from './passportTokens';
import { int, obj, str } from './rawJson';
import type { TalentTimeline } from './talentlmsData';
import type { RateLimiter } from './talentlmsRateLimit';
import { type TalentQuery, parseTalentQuery } from './talentlmsQuery';

export const TALENT_TIMELINE_PATH = '/api/v2/timeline';
export const DEFAULT_TALENT_EVENT_COUNT = 1000;

export interface TalentRouteOptions {
  /** The `X-API-Key` that is accepted (the server's token). */
  readonly apiKey: string;
  /** Server-wide, shared by every caller. */
  readonly limiter: RateLimiter;
  /** false: pages carry no `_links`, only `_meta.pagination`, so a client must page by number. */
  readonly links: boolean;
}

/**
 * `GET /api/v2/timeline`: TalentLMS's platform timeline in the v2 list envelope, newest first. Checks, in
 * order: the API key (401, not counted), the rate limit (429, no Retry-After), `X-API-Version` (400),
 * `Accept` (406), the query (400). Every answer carries `X-RateLimit-Limit` and `X-RateLimit-Remaining`.
 *
 * `_meta.pagination.total_results` counts the events matching the filters (what the pages cover);
 * `total_items` counts the whole timeline.
 */
export function talentTimelineRoute(timeline: TalentTimeline, options: TalentRouteOptions): Route {
  const { apiKey, limiter } = options;
  const authorized = (request: DemoRequest): boolean => sameSecret(header(request, 'x-api-key'), apiKey);
  return {
    path: TALENT_TIMELINE_PATH,
    methods: ['GET'],
    authorized,
    handle(request: DemoRequest): DemoResponse {
      const fail = (status: number, message: string): DemoResponse => talentError(status, message, limiter.headers());
      if (!authorized(request)) return fail(401, 'The API key is missing or invalid: send it in the X-API-Key header.');
      if (!limiter.take()) return fail(429, `Too many requests: the limit of ${limiter.limit} calls for this period has been reached.`);
      const version = header(request, 'x-api-version');
      if (!version) return fail(400, 'The X-API-Version header is required, for example X-API-Version: 2025-01-01.');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) return fail(400, 'X-API-Version must be a date such as 2025-01-01.');
      if (!acceptsJson(header(request, 'accept'))) return fail(406, 'This endpoint answers with application/json only.');
      const query = parseTalentQuery(request.query);
      if ('error' in query) return fail(400, query.error);
      return { status: 200, body: page(timeline, query, options.links ? linkBase(request) : undefined), headers: limiter.headers() };
    },
  };
}

/** v2's error body. */
function talentError(status: number, message: string, headers: Record<string, string>): DemoResponse {
  const type = status >= 500 ? 'api_error' : 'invalid_request_error';
  return { status, body: JSON.stringify({ type, message }), headers };
}

function header(request: DemoRequest, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

function acceptsJson(accept: string): boolean {
  if (accept === '') return true;
  return accept.split(',').some((range) => ['*/*', 'application/*', 'application/json'].includes(range.split(';')[0].trim().toLowerCase()));
}

/** The matching events as positions in the timeline: a range of indices, or a slice of one type's indices. */
interface Selection {
  readonly total: number;
  at(k: number): number;
}

function select(timeline: TalentTimeline, query: TalentQuery): Selection {
  const lo = query.toS === undefined ? 0 : timeline.firstAtOrBefore(query.toS);
  const hi = Math.max(lo, query.fromS === undefined ? timeline.count : timeline.firstAtOrBefore(query.fromS - 1));
  if (query.eventType === undefined) return { total: hi - lo, at: (k) => lo + k };
  const list = timeline.indicesOf(query.eventType);
  const start = lowerBound(list, lo);
  return { total: lowerBound(list, hi) - start, at: (k) => list[start + k] };
}

function lowerBound(list: Uint32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `http://HOST/api/v2/timeline`, on the host the client called (so the link passes a same-origin check
 * whether it called 127.0.0.1 or localhost); a path-only link when the Host header is absent or odd.
 */
function linkBase(request: DemoRequest): string {
  const host = header(request, 'host');
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? `http://${host}${TALENT_TIMELINE_PATH}` : TALENT_TIMELINE_PATH;
}

function page(timeline: TalentTimeline, query: TalentQuery, base: string | undefined): string {
  const { total, at } = select(timeline, query);
  const totalPages = Math.ceil(total / query.size);
  const items: string[] = [];
  for (let k = (query.page - 1) * query.size; k < Math.min(total, query.page * query.size); k++) items.push(timeline.event(at(k)).text);
  const pagination = obj({ page: int(query.page), page_size: int(query.size), total_items: int(timeline.count), total_pages: int(totalPages), total_results: int(total) });
  const last = Math.max(1, totalPages);
  const link = (n: number | undefined): string => (base === undefined || n === undefined ? 'null' : str(`${base}?${pageQuery(query, n)}`));
  const links = obj({
    self: link(query.page),
    first: link(1),
    last: link(last),
    prev: link(query.page > 1 ? Math.min(query.page - 1, last) : undefined),
    next: link(query.page < totalPages ? query.page + 1 : undefined),
  });
  return `{"_data":[${items.join(',')}],${base === undefined ? '' : `"_links":${links},`}"_meta":${obj({ pagination })}}`;
}

/** Brackets are left readable, as in v2's own links; values are encoded. */
function pageQuery(query: TalentQuery, n: number): string {
  const parts = [`page[number]=${n}`, `page[size]=${query.size}`, ...query.filters.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)];
  return parts.join('&');
}
