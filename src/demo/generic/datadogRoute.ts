import { createHash } from 'node:crypto';
import type { DemoRequest, DemoResponse, Route } from '../http';
import { sameSecret } from '../passportTokens';
import { pick } from '../random';
import { arr, int, obj, str } from '../rawJson';
import { alnum, answer, apiRoute, header, opaque, origin, unopaque, whole } from './apiHttp';
import { boundNs, isoMillis } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst, oldestFirst } from './listing';

export const DATADOG_EVENTS_PATH = '/datadog/api/v2/events';
const SERVICES = ['checkout', 'payments', 'search', 'auth'];
const KINDS: readonly (readonly [string, string, string])[] = [
  ['alert', 'error', '[Triggered] High error rate on'],
  ['alert', 'success', '[Recovered] High error rate on'],
  ['change', 'info', 'Config changed for'],
  ['deployment', 'info', 'Deployed a new version of'],
  ['error_tracking_alert', 'warning', 'New issue in'],
];

/** The application key the demo expects beside the API key (the server's token). */
export function datadogApplicationKey(token: string): string {
  return createHash('sha256').update(`datadog-application-key:${token}`).digest('hex').slice(0, 40);
}

/**
 * `GET /api/v2/events` with DD-API-KEY and DD-APPLICATION-KEY: `page[limit]` (≤ 1000, default 10), `page[cursor]`
 * from `meta.page.after` (absent at the end), `sort` -timestamp (default) or timestamp, `filter[from]`/`filter[to]`
 * (ms or ISO 8601), `filter[query]` (words in the message). The page after the first is empty and still has a
 * cursor, as a search across shards can answer: a short or empty page is not the end.
 */
export function datadogEventsRoute(timeline: ApiTimeline, apiKey: string): Route {
  const applicationKey = datadogApplicationKey(apiKey);
  const authorized = (r: DemoRequest): boolean => sameSecret(header(r, 'dd-api-key'), apiKey) && sameSecret(header(r, 'dd-application-key'), applicationKey);
  const refusal = (): DemoResponse => answer(403, '{"errors":["Forbidden"]}');
  return apiRoute(DATADOG_EVENTS_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('page[limit]'), 10, 1, 1000);
    const sort = q.get('sort') ?? '-timestamp';
    const cursor = q.get('page[cursor]');
    const state = cursor === null ? {} : unopaque(cursor);
    const last = typeof state?.s === 'number' ? timeline.position(state.s) : undefined;
    const fromText = q.get('filter[from]');
    const toText = q.get('filter[to]');
    const from = fromText === null ? undefined : boundNs(fromText, 'millis');
    const to = toText === null ? undefined : boundNs(toText, 'millis');
    const bad = limit === undefined || (sort !== '-timestamp' && sort !== 'timestamp') || !state || (state.s !== undefined && last === undefined) || (fromText !== null && from === undefined) || (toText !== null && to === undefined);
    if (bad) return answer(400, '{"errors":["Bad Request: check page[limit], page[cursor], sort and filter[from]/filter[to]"]}');
    const meta = (after: string | undefined): string => obj({ elapsed: int(7), page: after === undefined ? undefined : obj({ after: str(after) }), request_id: str('pddv1ChZwVlMzVGdleUdE'), status: str('done') });
    const links = (after: string | undefined): string => (after === undefined ? '{}' : obj({ next: str(`${origin(request)}${DATADOG_EVENTS_PATH}?page%5Bcursor%5D=${after}&page%5Blimit%5D=${limit}`) }));
    if (state.empty === true) {
      const after = opaque({ s: state.s });
      return answer(200, `{"data":[],"meta":${meta(after)},"links":${links(after)}}`, rateHeaders());
    }
    const words = (q.get('filter[query]') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const keep = (p: number): boolean => words.every((w) => draws(timeline, p).message.toLowerCase().includes(w));
    const range = { from, to: to === undefined ? undefined : to + 999_999n };
    const listing = sort === '-timestamp' ? newestFirst(timeline, last === undefined ? 0 : last + 1, limit as number, range, keep) : oldestFirst(timeline, last, limit as number, range, keep);
    const lastSeq = listing.positions.length > 0 ? timeline.seq(listing.positions[listing.positions.length - 1]) : undefined;
    const after = listing.next === undefined ? undefined : opaque({ s: lastSeq, empty: cursor === null ? true : undefined });
    return answer(200, `{"data":${arr(listing.positions.map((p) => datadogEvent(timeline, p)))},"meta":${meta(after)},"links":${links(after)}}`, rateHeaders());
  });
}

function rateHeaders(): Record<string, string> {
  return { 'x-ratelimit-limit': '1000', 'x-ratelimit-period': '3600', 'x-ratelimit-remaining': '999', 'x-ratelimit-reset': '3600', 'x-ratelimit-name': 'events_list' };
}

function draws(timeline: ApiTimeline, p: number): { kind: readonly [string, string, string]; service: string; message: string; random: () => number } {
  const random = timeline.random(p, API_SALT.datadog);
  const kind = pick(random, KINDS);
  const service = pick(random, SERVICES);
  return { kind, service, message: `${kind[2]} ${service}`, random };
}

function datadogEvent(timeline: ApiTimeline, p: number): string {
  const { kind, service, message, random } = draws(timeline, p);
  const [type, status] = kind;
  const tags = arr([str('env:prod'), str(`service:${service}`), str(`source:${type === 'deployment' ? 'github' : 'datadog'}`)]);
  return obj({
    id: str(`AAAAAZ${timeline.seq(p).toString(36)}${alnum(random, 18)}`),
    type: str('event'),
    attributes: obj({
      timestamp: str(isoMillis(timeline.ns(p))),
      message: str(message),
      tags,
      attributes: obj({
        aggregation_key: str(`${type}-${service}`),
        evt: obj({ id: str(String(7_000_000_000_000 + timeline.seq(p))), type: str(type), source_id: int(type === 'deployment' ? 1 : 36) }),
        service: str(service),
        status: str(status),
        title: str(message),
        priority: str(status === 'error' ? 'normal' : 'low'),
      }),
    }),
  });
}
