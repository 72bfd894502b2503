import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick, uuid } from '../random';
import { obj, str } from '../rawJson';
import { afterCursor, alnum, answer, apiRoute, cursorAfter, hasScheme, origin, whole } from './apiHttp';
import { boundNs, isoMillis } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst, oldestFirst, type Range } from './listing';

export const OKTA_LOGS_PATH = '/okta/api/v1/logs';
const EVENTS: readonly (readonly [string, string, string])[] = [
  ['user.session.start', 'User login to Okta', 'INFO'],
  ['user.session.start', 'User login to Okta', 'INFO'],
  ['user.session.end', 'User logout from Okta', 'INFO'],
  ['user.authentication.sso', 'User single sign on to app', 'INFO'],
  ['user.authentication.auth_via_mfa', 'Authentication of user via MFA', 'INFO'],
  ['user.account.lock', 'Max sign in attempts exceeded', 'WARN'],
  ['user.lifecycle.create', 'Create okta user', 'INFO'],
  ['policy.evaluate_sign_on', 'Evaluation of sign-on policy', 'INFO'],
  ['app.user_membership.add', 'Add user to application membership', 'INFO'],
  ['system.api_token.create', 'Create API token', 'WARN'],
  ['user.authentication.verify', 'Verify user identity', 'ERROR'],
];
const PEOPLE = ['ana.souza@example.com', 'bruno.lima@example.com', 'carla.mendes@example.com', 'svc-integration@example.com'];

/**
 * `GET /api/v1/logs` with `Authorization: SSWS <token>`: `limit` (≤ 1000, default 100), `sortOrder`
 * ASCENDING (the default) or DESCENDING, `since`/`until`, `q` (keywords), `after` from the Link header. A
 * polling request (ascending, no `until`) always gets a next link: once nothing is newer, the page is empty
 * and the link is the one just used.
 */
export function oktaLogsRoute(timeline: ApiTimeline, token: string): Route {
  const authorized = (r: DemoRequest): boolean => hasScheme(r, 'SSWS', token);
  const refusal = (): DemoResponse => answer(401, '{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oaeDemo","errorCauses":[]}');
  return apiRoute(OKTA_LOGS_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('limit'), 100, 1, 1000);
    const order = q.get('sortOrder') ?? 'ASCENDING';
    if (limit === undefined || (order !== 'ASCENDING' && order !== 'DESCENDING')) return oktaError(400, 'limit must be a number, sortOrder ASCENDING or DESCENDING');
    const last = afterCursor(timeline, q.get('after'));
    const from = bound(q.get('since'));
    const to = bound(q.get('until'));
    if (last === null || from === null || to === null) return oktaError(400, 'Invalid after, since or until');
    const range: Range = { from, to };
    const words = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const keep = (p: number): boolean => words.every((w) => oktaText(timeline, p).includes(w));
    const listing = order === 'DESCENDING' ? newestFirst(timeline, last === undefined ? 0 : last + 1, limit, range, keep) : oldestFirst(timeline, last, limit, range, keep);
    const items = listing.positions.map((p) => oktaEvent(timeline, p));
    const polling = order === 'ASCENDING' && !q.has('until');
    const cursor = cursorAfter(timeline, listing.positions) ?? q.get('after');
    const link = (after: string | null): string => {
      const next = new URLSearchParams(q);
      if (after === null) next.delete('after');
      else next.set('after', after);
      return `${origin(request)}${OKTA_LOGS_PATH}?${next.toString()}`;
    };
    const links = [`<${link(q.get('after'))}>; rel="self"`];
    if (listing.next !== undefined || polling) links.push(`<${link(cursor)}>; rel="next"`);
    return answer(200, `[${items.join(',')}]`, { link: links.join(', '), 'x-rate-limit-limit': '120', 'x-rate-limit-remaining': '119', 'x-rate-limit-reset': '1751318100' });
  });
}

function bound(text: string | null): bigint | undefined | null {
  return text === null ? undefined : (boundNs(text, undefined) ?? null);
}

function oktaError(status: number, summary: string): DemoResponse {
  return answer(status, JSON.stringify({ errorCode: 'E0000001', errorSummary: `Api validation failed: ${summary}`, errorLink: 'E0000001', errorId: 'oaeDemo', errorCauses: [] }));
}

function draws(timeline: ApiTimeline, p: number): { event: readonly [string, string, string]; person: string; random: () => number } {
  const random = timeline.random(p, API_SALT.okta);
  return { event: pick(random, EVENTS), person: pick(random, PEOPLE), random };
}

function oktaText(timeline: ApiTimeline, p: number): string {
  const { event, person } = draws(timeline, p);
  return `${event[0]} ${event[1]} ${person}`.toLowerCase();
}

function oktaEvent(timeline: ApiTimeline, p: number): string {
  const { event, person, random } = draws(timeline, p);
  const [eventType, displayMessage, severity] = event;
  const session = `102${alnum(random, 22)}`;
  return obj({
    actor: obj({ id: str(`00u${alnum(random, 17)}`), type: str('User'), alternateId: str(person), displayName: str(person.split('@')[0]) }),
    client: obj({ ipAddress: str(`198.51.100.${Math.floor(random() * 254) + 1}`), userAgent: obj({ browser: str(pick(random, ['CHROME', 'FIREFOX', 'SAFARI'])), os: str(pick(random, ['Mac OS X', 'Windows', 'Linux'])) }), zone: str('null') }),
    authenticationContext: obj({ authenticationStep: '0', externalSessionId: str(session) }),
    displayMessage: str(displayMessage),
    eventType: str(eventType),
    outcome: obj({ result: str(severity === 'ERROR' ? 'FAILURE' : 'SUCCESS'), reason: severity === 'ERROR' ? str('INVALID_CREDENTIALS') : 'null' }),
    published: str(isoMillis(timeline.ns(p))),
    securityContext: obj({ asNumber: 'null', isProxy: 'false' }),
    severity: str(severity),
    debugContext: obj({ debugData: obj({ requestId: str(alnum(random, 27)), requestUri: str('/api/v1/authn') }) }),
    legacyEventType: str(eventType.replace(/\./g, '_')),
    transaction: obj({ type: str('WEB'), id: str(alnum(random, 27)), detail: '{}' }),
    uuid: str(uuid(random)),
    version: str('0'),
    request: obj({ ipChain: '[]' }),
    target: '[]',
  });
}
