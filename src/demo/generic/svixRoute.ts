import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick } from '../random';
import { int, obj, str } from '../rawJson';
import { alnum, answer, apiRoute, hasScheme, seqId, seqOf, whole } from './apiHttp';
import { boundNs, isoMillis } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst } from './listing';

export const SVIX_ATTEMPTS_PATH = '/svix/api/v1/app/app_demo/attempt/endpoint/ep_demo';
const EVENT_TYPES = ['invoice.paid', 'user.created', 'order.shipped', 'order.refunded'];
/** 0 success, 1 pending, 2 fail, 3 sending; weighted toward success. */
const STATUSES = [0, 0, 0, 0, 0, 2, 2, 1, 3];
const ID_PREFIX = 'atmpt_2';

/**
 * `GET /api/v1/app/{app}/attempt/endpoint/{endpoint}`: newest first, `limit` (1–250, default 50), `iterator`
 * (the last attempt's id), `status` (0–3), `before`/`after` (RFC 3339), `with_msg`. `{data, iterator,
 * prevIterator, done}`: `done` says whether this is the last page.
 */
export function svixAttemptsRoute(timeline: ApiTimeline, token: string): Route {
  const authorized = (r: DemoRequest): boolean => hasScheme(r, 'Bearer', token);
  const refusal = (): DemoResponse => answer(401, '{"code":"authentication_failed","detail":"Invalid token"}');
  return apiRoute(SVIX_ATTEMPTS_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('limit'), 50, 1, 250);
    const iterator = q.get('iterator');
    const last = iterator === null ? undefined : timeline.position(seqOf(ID_PREFIX, iterator) ?? -1);
    const status = q.get('status');
    const after = q.get('after');
    const before = q.get('before');
    const from = after === null ? undefined : boundNs(after, undefined);
    const to = before === null ? undefined : boundNs(before, undefined);
    if (limit === undefined || (iterator !== null && last === undefined) || (status !== null && !/^[0-3]$/.test(status)) || (after !== null && from === undefined) || (before !== null && to === undefined)) {
      return answer(422, '{"code":"validation","detail":[{"loc":["query"],"msg":"invalid limit, iterator, status, before or after","type":"value_error"}]}');
    }
    const keep = (p: number): boolean => status === null || draws(timeline, p).status === Number(status);
    const listing = newestFirst(timeline, last === undefined ? 0 : last + 1, limit, { from, to }, keep);
    const items = listing.positions.map((p) => attempt(timeline, p, q.get('with_msg') === 'true'));
    const lastId = listing.positions.length > 0 ? draws(timeline, listing.positions[listing.positions.length - 1]).id : undefined;
    const firstId = listing.positions.length > 0 ? draws(timeline, listing.positions[0]).id : undefined;
    return answer(200, `{"data":[${items.join(',')}],"iterator":${lastId ? str(lastId) : 'null'},"prevIterator":${firstId ? str(`-${firstId}`) : 'null'},"done":${listing.next === undefined}}`);
  });
}

function draws(timeline: ApiTimeline, p: number): { id: string; status: number; eventType: string; random: () => number } {
  const random = timeline.random(p, API_SALT.svix);
  const id = seqId(ID_PREFIX, timeline.seq(p), random, 20);
  return { id, status: pick(random, STATUSES), eventType: pick(random, EVENT_TYPES), random };
}

function attempt(timeline: ApiTimeline, p: number, withMsg: boolean): string {
  const { id, status, eventType, random } = draws(timeline, p);
  const msgId = `msg_2${alnum(random, 26)}`;
  const code = status === 0 ? 200 : status === 2 ? pick(random, [500, 502, 404]) : 0;
  const time = isoMillis(timeline.ns(p));
  return obj({
    id: str(id),
    url: str('https://example.com/webhooks/svix'),
    msgId: str(msgId),
    endpointId: str('ep_demo'),
    response: str(code === 200 ? '{"ok":true}' : code === 0 ? '' : 'Internal Server Error'),
    responseStatusCode: int(code),
    responseDurationMs: int(20 + Math.floor(random() * 900)),
    status: int(status),
    triggerType: int(0),
    timestamp: str(time),
    msg: withMsg ? obj({ id: str(msgId), eventType: str(eventType), timestamp: str(time), payload: obj({ type: str(eventType) }) }) : undefined,
  });
}
