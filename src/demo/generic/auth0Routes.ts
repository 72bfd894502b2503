import { BodyTooLargeError, type DemoRequest, type DemoResponse, type Route } from '../http';
import { type TokenRegistry, sameSecret } from '../passportTokens';
import { digits, pick } from '../random';
import { obj, str } from '../rawJson';
import { alnum, answer, apiRoute, header, origin, whole } from './apiHttp';
import { isoMillis } from './apiTime';
import { API_SALT, type ApiTimeline } from './apiTimeline';
import { oldestFirst } from './listing';

export const AUTH0_LOGS_PATH = '/auth0/api/v2/logs';
export const AUTH0_TOKEN_PATH = '/auth0/oauth/token';
export const AUTH0_CLIENT_ID = 'demo-m2m-client';
const TOKEN_TTL_SECONDS = 86_400;
const TYPES: readonly (readonly [string, string])[] = [
  ['s', 'Success Login'],
  ['s', 'Success Login'],
  ['f', 'Failed Login'],
  ['fp', 'Incorrect password'],
  ['slo', 'Success Logout'],
  ['sapi', 'Success API Operation'],
  ['seacft', 'Success Exchange'],
  ['ss', 'Success Signup'],
  ['limit_wc', 'Blocked Account'],
];
const USERS = [['ana@example.com', 'auth0|6650a1b2c3d4e5f600000001'], ['bruno@example.com', 'auth0|6650a1b2c3d4e5f600000002'], ['carla@example.com', 'auth0|6650a1b2c3d4e5f600000003']] as const;
const CLIENTS = [['AaiyAPdpYdesoKnqjj8HJqRn4T5titww', 'Demo Web App'], ['K8dF1yXoHbZ9m2VqTz0cR3sLwN6pE4uA', 'Demo Mobile']] as const;

/**
 * `GET /api/v2/logs` in checkpoint mode: `from` (a log_id: the logs after it, oldest first) and `take`
 * (≤ 100, default 50); any other parameter is ignored. The Link header's next carries the last log_id; once
 * nothing is newer the answer is `[]` with a next link equal to the URL just used. A first request without
 * `from` starts at the oldest log kept. Bearer: the server's token, or one minted at /oauth/token.
 */
export function auth0LogsRoute(timeline: ApiTimeline, tokens: TokenRegistry): Route {
  const authorized = (r: DemoRequest): boolean => tokens.accepts(r);
  const refusal = (): DemoResponse => answer(401, '{"statusCode":401,"error":"Unauthorized","message":"Invalid token","attributes":{"error":"Invalid token"}}');
  return apiRoute(AUTH0_LOGS_PATH, authorized, refusal, (request) => {
    const take = whole(request.query.get('take'), 50, 1, 100);
    const from = request.query.get('from');
    const last = from === null ? undefined : positionOfLogId(timeline, from);
    if (take === undefined || last === null) return answer(400, '{"statusCode":400,"error":"Bad Request","message":"Invalid request query string: take must be 1 to 100, from a log_id"}');
    const { positions } = oldestFirst(timeline, last, take);
    const items = positions.map((p) => auth0Log(timeline, p));
    const lastId = positions.length > 0 ? logId(timeline, positions[positions.length - 1]) : from;
    const next = new URLSearchParams();
    if (lastId !== null) next.set('from', lastId);
    next.set('take', String(take));
    return answer(200, `[${items.join(',')}]`, { link: `<${origin(request)}${AUTH0_LOGS_PATH}?${next.toString()}>; rel="next"`, 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '49' });
  });
}

/** `POST /oauth/token` with the client-credentials grant, as a form or JSON: a Management API token. */
export function auth0TokenRoute(tokens: TokenRegistry, clientSecret: string): Route {
  const credentials = async (request: DemoRequest): Promise<Record<string, string> | undefined> => {
    const text = request.body ? await request.body(16 * 1024) : '';
    if (header(request, 'content-type').startsWith('application/json')) {
      try {
        const json: unknown = JSON.parse(text);
        return json && typeof json === 'object' ? Object.fromEntries(Object.entries(json).filter(([, v]) => typeof v === 'string')) : undefined;
      } catch {
        return undefined;
      }
    }
    return Object.fromEntries(new URLSearchParams(text));
  };
  const valid = (c: Record<string, string> | undefined): boolean => c?.grant_type === 'client_credentials' && c.client_id === AUTH0_CLIENT_ID && sameSecret(c.client_secret ?? '', clientSecret);
  return {
    path: AUTH0_TOKEN_PATH,
    methods: ['POST'],
    authorized: async (request) => valid(await credentials(request).catch(() => undefined)),
    async handle(request) {
      let given: Record<string, string> | undefined;
      try {
        given = await credentials(request);
      } catch (e) {
        if (e instanceof BodyTooLargeError) return answer(413, '{"error":"invalid_request","error_description":"The body is too large"}');
        throw e;
      }
      if (given?.grant_type !== 'client_credentials') return answer(400, '{"error":"unsupported_grant_type","error_description":"Unsupported grant type"}');
      if (!valid(given)) return answer(401, '{"error":"access_denied","error_description":"Unauthorized"}');
      return answer(200, JSON.stringify({ access_token: tokens.mint(TOKEN_TTL_SECONDS), scope: 'read:logs', expires_in: TOKEN_TTL_SECONDS, token_type: 'Bearer' }));
    },
  };
}

/** `900` + the sequence number (12 digits) + 20 more: log_ids sort as the logs were written. */
function logId(timeline: ApiTimeline, p: number): string {
  return `900${String(timeline.seq(p)).padStart(12, '0')}${digits(timeline.random(p, API_SALT.auth0 + 100), 20)}`;
}

function positionOfLogId(timeline: ApiTimeline, id: string): number | null {
  const m = /^900(\d{12})\d{20}$/.exec(id);
  const p = m ? timeline.position(Number(m[1])) : undefined;
  return p !== undefined && logId(timeline, p) === id ? p : null;
}

function auth0Log(timeline: ApiTimeline, p: number): string {
  const random = timeline.random(p, API_SALT.auth0);
  const [type, description] = pick(random, TYPES);
  const [clientId, clientName] = pick(random, CLIENTS);
  const [userName, userId] = pick(random, USERS);
  return obj({
    date: str(isoMillis(timeline.ns(p))),
    type: str(type),
    description: str(description),
    connection: str('Username-Password-Authentication'),
    connection_id: str(`con_${alnum(random, 16)}`),
    client_id: str(clientId),
    client_name: str(clientName),
    ip: str(`203.0.113.${Math.floor(random() * 254) + 1}`),
    user_agent: str('Chrome 126.0.0 / Mac OS X 14.5.0'),
    user_id: str(userId),
    user_name: str(userName),
    strategy: str('auth0'),
    strategy_type: str('database'),
    log_id: str(logId(timeline, p)),
    tenant_name: str('demo'),
  });
}
