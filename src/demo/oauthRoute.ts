import { type DemoRequest, type DemoResponse, type Route, json, readBody } from './http';
import { MAX_PASSPORT_BODY_BYTES, type PassportOptions } from './passportRoute';
import { sameSecret } from './passportTokens';

export const OAUTH_TOKEN_PATH = '/passport/v2/oauth/token';

/**
 * `POST /passport/v2/oauth/token`, OAuth 2 client credentials: `grant_type=client_credentials`, the server key
 * and secret as `client_id` and `client_secret` (or HTTP Basic), a `scope`, and an optional `uid` for an
 * account-specific token (without it the token is tenant-wide). Form-encoded as OAuth has it; JSON is taken
 * too. Errors are OAuth's `{"error"}` codes, and never repeat a credential.
 */
export function oauthTokenRoute(options: PassportOptions): Route {
  return {
    path: OAUTH_TOKEN_PATH,
    methods: ['POST'],
    async authorized(request: DemoRequest): Promise<boolean> {
      const form = await readForm(request).catch(() => undefined);
      return form instanceof URLSearchParams && clientOk(request, form, options);
    },
    async handle(request: DemoRequest): Promise<DemoResponse> {
      const form = await readForm(request);
      if (!(form instanceof URLSearchParams)) return form;
      if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
      if (!clientOk(request, form, options)) return oauthError(401, 'invalid_client', { 'www-authenticate': 'Basic realm="passport"' });
      const scope = form.get('scope');
      if (scope === null || scope.trim() === '') return oauthError(400, 'invalid_scope');
      const uid = form.get('uid') ?? undefined;
      if (uid !== undefined && !options.tenant.has(uid)) return oauthError(403, 'access_denied');
      const token = options.tokens.mint(options.ttlSeconds, uid, scope);
      return json(200, `{"access_token":${JSON.stringify(token)},"token_type":"Bearer","expires_in":${options.ttlSeconds}}`, { 'cache-control': 'no-store' });
    },
  };
}

function oauthError(status: number, error: string, headers?: Record<string, string>): DemoResponse {
  return json(status, JSON.stringify({ error }), headers);
}

/** The body's fields, from a form or a JSON object (whose numbers, such as a `uid`, are read as text). */
async function readForm(request: DemoRequest): Promise<URLSearchParams | DemoResponse> {
  const text = await readBody(request, MAX_PASSPORT_BODY_BYTES);
  if (typeof text !== 'string') return text;
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return new URLSearchParams(text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return oauthError(400, 'invalid_request');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return oauthError(400, 'invalid_request');
  const fields = Object.entries(body as Record<string, unknown>).filter((field): field is [string, string | number] => typeof field[1] === 'string' || typeof field[1] === 'number');
  return new URLSearchParams(fields.map(([name, value]) => [name, String(value)]));
}

/** HTTP Basic when the request has it, else `client_id` and `client_secret` in the body; both compared in constant time. */
function clientOk(request: DemoRequest, form: URLSearchParams, options: PassportOptions): boolean {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const [id, secret] = basic === undefined ? [form.get('client_id') ?? '', form.get('client_secret') ?? ''] : splitBasic(basic);
  const idOk = sameSecret(id, options.serverKey);
  const secretOk = sameSecret(secret, options.serverSecret);
  return idOk && secretOk;
}

function splitBasic(encoded: string): [string, string] {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? ['', ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
