import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick } from '../random';
import { int, obj, str } from '../rawJson';
import { alnum, answer, apiRoute, hasScheme, whole } from './apiHttp';
import { boundNs, isoSeconds } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst } from './listing';

export const PAGERDUTY_LOG_PATH = '/pagerduty/log_entries';
const ENTRIES: readonly (readonly [string, string])[] = [
  ['trigger_log_entry', 'Triggered through the API.'],
  ['notify_log_entry', 'Notified Ana Souza by SMS.'],
  ['acknowledge_log_entry', 'Acknowledged by Ana Souza.'],
  ['escalate_log_entry', 'Escalated to Bruno Lima.'],
  ['annotate_log_entry', 'Note added.'],
  ['resolve_log_entry', 'Resolved by Ana Souza.'],
];
const INCIDENTS = ['Q1DEMO0CHECKOUT', 'Q2DEMO0PAYMENTS', 'Q3DEMO0SEARCH'];

/**
 * `GET /log_entries` with `Authorization: Token token=<key>`: newest first, `offset` and `limit` (≤ 100,
 * default 25), `since`/`until`, `total=true`. `{log_entries, limit, offset, more, total}`.
 */
export function pagerdutyLogRoute(timeline: ApiTimeline, token: string): Route {
  const authorized = (r: DemoRequest): boolean => hasScheme(r, 'Token', `token=${token}`);
  const refusal = (): DemoResponse => answer(401, '{"error":{"message":"Unauthorized","code":2006}}');
  return apiRoute(PAGERDUTY_LOG_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('limit'), 25, 1, 100);
    const offset = whole(q.get('offset'), 0, 0, 1_000_000);
    const since = q.get('since');
    const until = q.get('until');
    const from = since === null ? undefined : boundNs(since, undefined);
    const to = until === null ? undefined : boundNs(until, undefined);
    if (limit === undefined || offset === undefined || (since !== null && from === undefined) || (until !== null && to === undefined)) {
      return answer(400, '{"error":{"message":"Invalid Input Provided","code":2001,"errors":["limit, offset, since or until is invalid"]}}');
    }
    const matching = newestFirst(timeline, 0, Number.MAX_SAFE_INTEGER, { from, to }).positions;
    const page = matching.slice(offset, offset + limit);
    const total = q.get('total') === 'true' ? int(matching.length) : 'null';
    return answer(200, `{"log_entries":[${page.map((p) => logEntry(timeline, p)).join(',')}],"limit":${limit},"offset":${offset},"more":${offset + limit < matching.length},"total":${total}}`);
  });
}

function logEntry(timeline: ApiTimeline, p: number): string {
  const random = timeline.random(p, API_SALT.pagerduty);
  const [type, summary] = pick(random, ENTRIES);
  const id = `R${timeline.seq(p).toString(36).toUpperCase()}${alnum(random, 18).toUpperCase()}`;
  const incident = pick(random, INCIDENTS);
  return obj({
    id: str(id),
    type: str(type),
    summary: str(summary),
    self: str(`https://api.pagerduty.com/log_entries/${id}`),
    html_url: 'null',
    created_at: str(isoSeconds(timeline.ns(p))),
    agent: obj({ id: str('PDEMOUSR'), type: str('user_reference'), summary: str('Ana Souza') }),
    channel: obj({ type: str(type === 'trigger_log_entry' ? 'api' : 'web_trigger') }),
    service: obj({ id: str('PDEMOSVC'), type: str('service_reference'), summary: str('Checkout') }),
    incident: obj({ id: str(incident), type: str('incident_reference'), summary: str(`[#${INCIDENTS.indexOf(incident) + 1}] High error rate`) }),
    teams: '[]',
    contexts: '[]',
  });
}
