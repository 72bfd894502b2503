import type { DemoRequest, DemoResponse, Route } from '../http';
import { pick, uuid } from '../random';
import { int, obj, str } from '../rawJson';
import { afterCursor, answer, apiRoute, cursorAfter, hasScheme, whole } from './apiHttp';
import { boundNs, unixSeconds } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { newestFirst } from './listing';

export const SLACK_LOGS_PATH = '/slack/audit/v1/logs';
const ACTIONS = ['user_login', 'user_login', 'user_logout', 'user_created', 'user_channel_join', 'file_downloaded', 'channel_created', 'app_installed', 'role_change_to_admin'];
const USERS = [['W0123ABCDE', 'ana', 'ana@example.com'], ['W0456FGHIJ', 'bruno', 'bruno@example.com'], ['W0789KLMNO', 'carla', 'carla@example.com']] as const;

/**
 * `GET /audit/v1/logs` with an owner's user token: newest first, `limit` (≤ 9999, default 100), `cursor` from
 * `response_metadata.next_cursor` ("" at the end), `oldest`/`latest` in unix seconds, `action` (a list).
 */
export function slackLogsRoute(timeline: ApiTimeline, token: string): Route {
  const authorized = (r: DemoRequest): boolean => hasScheme(r, 'Bearer', token);
  const refusal = (): DemoResponse => answer(401, '{"ok":false,"error":"invalid_auth"}');
  return apiRoute(SLACK_LOGS_PATH, authorized, refusal, (request) => {
    const q = request.query;
    const limit = whole(q.get('limit'), 100, 1, 9999);
    const last = afterCursor(timeline, q.get('cursor'));
    const oldest = q.get('oldest');
    const latest = q.get('latest');
    const from = oldest === null ? undefined : boundNs(oldest, 'seconds');
    const to = latest === null ? undefined : boundNs(latest, 'seconds');
    if (limit === undefined || last === null || (oldest !== null && from === undefined) || (latest !== null && to === undefined)) return answer(400, '{"ok":false,"error":"invalid_arguments"}');
    const actions = q.get('action')?.split(',').filter(Boolean);
    const keep = (p: number): boolean => !actions || actions.includes(draws(timeline, p).action);
    const listing = newestFirst(timeline, last === undefined ? 0 : last + 1, limit, { from, to: to === undefined ? undefined : to + 999_999_999n }, keep);
    const next = listing.next === undefined ? '' : (cursorAfter(timeline, listing.positions) ?? '');
    return answer(200, `{"entries":[${listing.positions.map((p) => slackEntry(timeline, p)).join(',')}],"response_metadata":${obj({ next_cursor: str(next) })}}`);
  });
}

function draws(timeline: ApiTimeline, p: number): { action: string; actor: (typeof USERS)[number]; random: () => number } {
  const random = timeline.random(p, API_SALT.slack);
  return { action: pick(random, ACTIONS), actor: pick(random, USERS), random };
}

function slackEntry(timeline: ApiTimeline, p: number): string {
  const { action, actor, random } = draws(timeline, p);
  const user = ([id, name, email]: readonly [string, string, string]): string => obj({ id: str(id), name: str(name), email: str(email), team: str('T0DEMO') });
  const entity = action.startsWith('user_')
    ? obj({ type: str('user'), user: user(pick(random, USERS)) })
    : obj({ type: str(action.startsWith('file') ? 'file' : action.startsWith('app') ? 'app' : 'channel'), id: str(`C0${Math.floor(random() * 1e8)}`) });
  return obj({
    id: str(uuid(random)),
    date_create: int(unixSeconds(timeline.ns(p))),
    action: str(action),
    actor: obj({ type: str('user'), user: user(actor) }),
    entity,
    context: obj({ location: obj({ type: str('enterprise'), id: str('E0DEMO'), name: str('Demo Grid'), domain: str('demo-grid') }), ua: str('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)'), ip_address: str(`192.0.2.${Math.floor(random() * 254) + 1}`) }),
  });
}
