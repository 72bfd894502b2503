import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick } from '../random';
import { int, obj, str } from '../rawJson';
import { alnum, answer, apiRoute, hasBasic, hasScheme, seqId, seqOf, whole } from './apiHttp';
import { unixSeconds } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst, type Range } from './listing';

export const STRIPE_EVENTS_PATH = '/stripe/v1/events';
const TYPES = ['charge.succeeded', 'charge.failed', 'customer.created', 'customer.updated', 'invoice.paid', 'invoice.payment_failed', 'payment_intent.created', 'payment_intent.succeeded', 'checkout.session.completed', 'customer.subscription.updated'];
const OBJECTS: Record<string, [string, string]> = {
  charge: ['ch_', 'charge'],
  customer: ['cus_', 'customer'],
  invoice: ['in_', 'invoice'],
  payment_intent: ['pi_', 'payment_intent'],
  checkout: ['cs_', 'checkout.session'],
};

/**
 * `GET /v1/events`: newest first, `limit` 1–100 (default 10), `starting_after` / `ending_before` an event id,
 * `type` (with a `*` wildcard) and `created[gte|gt|lte|lt]` in unix seconds. The secret key is the Basic user
 * name (Bearer works too). `{object: "list", url, has_more, data}`.
 */
export function stripeEventsRoute(timeline: ApiTimeline, key: string): Route {
  const authorized = (r: DemoRequest): boolean => hasBasic(r, key, '') || hasScheme(r, 'Bearer', key);
  const refusal = (): DemoResponse => stripeError(401, 'Invalid API Key provided.');
  return apiRoute(STRIPE_EVENTS_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('limit'), 10, 1, 100);
    if (limit === undefined) return stripeError(400, 'Invalid integer: limit', 'limit');
    if (q.has('starting_after') && q.has('ending_before')) return stripeError(400, 'You may only specify one of these parameters: starting_after, ending_before.');
    const range = createdRange(q);
    if (!range) return stripeError(400, 'Invalid timestamp: created must be unix seconds.', 'created');
    const type = q.get('type');
    const keep = (p: number): boolean => type === null || matchesType(typeOf(timeline, p), type);
    const anchor = q.get('starting_after') ?? q.get('ending_before');
    const at = anchor === null ? undefined : timeline.position(seqOf('evt_1', anchor) ?? -1);
    if (anchor !== null && (at === undefined || event(timeline, at).id !== anchor)) return stripeError(404, `No such event: '${anchor.slice(0, 40)}'`, 'id');
    let positions: readonly number[];
    let hasMore: boolean;
    if (q.has('ending_before')) {
      const newer = newestFirst(timeline, 0, Number.MAX_SAFE_INTEGER, range, keep).positions.filter((p) => p < (at as number));
      positions = newer.slice(-limit);
      hasMore = newer.length > limit;
    } else {
      const listing = newestFirst(timeline, at === undefined ? 0 : at + 1, limit, range, keep);
      positions = listing.positions;
      hasMore = listing.next !== undefined;
    }
    const data = positions.map((p) => event(timeline, p).text);
    return answer(200, `{"object":"list","data":[${data.join(',')}],"has_more":${hasMore},"url":"/v1/events"}`, { 'request-id': `req_${positions.length}` });
  });
}

function createdRange(q: URLSearchParams): Range | undefined {
  const bound = (name: string, shift: bigint): bigint | undefined | null => {
    const text = q.get(`created[${name}]`);
    if (text === null) return undefined;
    return /^\d{1,12}$/.test(text) ? BigInt(text) * 1_000_000_000n + shift : null;
  };
  const gte = bound('gte', 0n);
  const gt = bound('gt', 1_000_000_000n);
  const lte = bound('lte', 999_999_999n);
  const lt = bound('lt', -1n);
  if ([gte, gt, lte, lt].includes(null)) return undefined;
  return { from: (gte ?? gt) as bigint | undefined, to: (lte ?? lt) as bigint | undefined };
}

function matchesType(type: string, wanted: string): boolean {
  return wanted.endsWith('*') ? type.startsWith(wanted.slice(0, -1)) : type === wanted;
}

function typeOf(timeline: ApiTimeline, p: number): string {
  return pick(timeline.random(p, API_SALT.stripe), TYPES);
}

function event(timeline: ApiTimeline, p: number): { id: string; text: string } {
  const random = timeline.random(p, API_SALT.stripe);
  const type = pick(random, TYPES);
  const id = seqId('evt_1', timeline.seq(p), random, 14);
  const [prefix, object] = OBJECTS[type.split('.')[0]];
  const amount = 100 + Math.floor(random() * 50_000);
  const manual = random() < 0.7;
  const objectJson = obj({
    id: str(`${prefix}${alnum(random, 24)}`),
    object: str(type.startsWith('customer.subscription') ? 'subscription' : object),
    amount: int(amount),
    currency: str(pick(random, ['usd', 'eur', 'brl'])),
    description: str(`${pick(random, ['Order', 'Invoice', 'Subscription'])} #${1000 + Math.floor(random() * 9000)}`),
  });
  const request = manual ? obj({ id: str(`req_${alnum(random, 14)}`), idempotency_key: str(alnum(random, 8)) }) : '{"id":null,"idempotency_key":null}';
  const text = obj({
    id: str(id),
    object: str('event'),
    api_version: str('2024-06-20'),
    created: int(unixSeconds(timeline.ns(p))),
    data: obj({ object: objectJson }),
    livemode: 'false',
    pending_webhooks: int(Math.floor(random() * 2)),
    request,
    type: str(type),
  });
  return { id, text };
}

function stripeError(status: number, message: string, param?: string): DemoResponse {
  return answer(status, JSON.stringify({ error: { message, param, type: 'invalid_request_error' } }));
}
