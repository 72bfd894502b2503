import { TimelineError } from '../../core/errors';
import type { HttpClient } from '../../core/http';
import { apiUrl, isUnderBase } from '../../core/url';
import { parseJsonBody, text } from '../json';
import type { GenericAuth } from './mapping';
import { TokenCache } from '../tokenCache';

/** One secret a connection's auth needs, for the UI to ask for and keep in the secret store. */
export interface SecretSlot {
  /** The key of the secret in GenericSecrets: `token`, `password`, `clientSecret`, `header:dd-api-key`. */
  readonly id: string;
  /** What to ask the user for. */
  readonly label: string;
}

/** The secrets of one connection by slot id, as the secret store gives them. */
export type GenericSecrets = Readonly<Record<string, string | undefined>>;

/** The secrets `auth` needs, in the order to ask for them. */
export function secretSlots(auth: GenericAuth): SecretSlot[] {
  switch (auth.scheme) {
    case 'none':
      return [];
    case 'bearer':
      return [{ id: 'token', label: 'Bearer token' }];
    case 'basic':
      return [{ id: 'password', label: auth.username ? `Password of ${auth.username}` : 'API key (sent as the user name)' }];
    case 'header':
      return auth.headers.map((h) => ({ id: headerSecretId(h.name), label: h.name }));
    case 'oauth2':
      return [{ id: 'clientSecret', label: `Client secret of ${auth.clientId}` }];
  }
}

const headerSecretId = (name: string): string => `header:${name.toLowerCase()}`;

/** The headers that authenticate each request; `renew` is called once after a 401 (a minted token expired). */
export interface AuthHeaders {
  headers(signal: AbortSignal): Promise<Record<string, string>>;
  renew?(signal: AbortSignal): Promise<Record<string, string>>;
}

export interface AuthContext {
  readonly baseUrl: URL;
  readonly http: HttpClient;
  /** Hears of every minted token, so logs and messages can mask it. */
  readonly onToken: (token: string) => void;
}

/** What `auth` sends given the connection's secrets; a missing secret is an error that says which. */
export function authHeaders(auth: GenericAuth, secrets: GenericSecrets, context: AuthContext): AuthHeaders {
  const fixed = (make: () => Record<string, string>): AuthHeaders => ({ headers: async () => make() });
  switch (auth.scheme) {
    case 'none':
      return fixed(() => ({}));
    case 'bearer':
      return fixed(() => ({ authorization: `Bearer ${secret(secrets, 'token', 'bearer token')}` }));
    case 'basic':
      return fixed(() => {
        const password = secret(secrets, 'password', auth.username ? `password of ${auth.username}` : 'API key');
        return { authorization: basic(auth.username ?? password, auth.username === undefined ? '' : password) };
      });
    case 'header':
      return fixed(() => Object.fromEntries(auth.headers.map((h) => [h.name.toLowerCase(), `${h.prefix}${secret(secrets, headerSecretId(h.name), h.name)}`])));
    case 'oauth2': {
      const tokens = new TokenCache((signal) => mintClientToken(auth, secrets, context, signal));
      const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
      return { headers: async (signal) => bearer(await tokens.token(signal)), renew: async (signal) => bearer(await tokens.renew(signal)) };
    }
  }
}

function secret(secrets: GenericSecrets, id: string, what: string): string {
  const value = Object.hasOwn(secrets, id) ? secrets[id] : undefined;
  if (!value) throw new TimelineError('auth', `No ${what} is set for this connection: use Set Secret.`);
  // eslint-disable-next-line no-control-regex -- a line break in a header value would start another header
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new TimelineError('config', `The stored ${what} holds a line break or a control character: set it again.`);
  return value;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * The client-credentials grant (RFC 6749 §4.4) at the token path, which must lie under the base URL like every
 * request: the client secret goes nowhere else.
 */
async function mintClientToken(auth: Extract<GenericAuth, { scheme: 'oauth2' }>, secrets: GenericSecrets, context: AuthContext, signal: AbortSignal): Promise<{ token: string; expiresInSeconds?: number }> {
  const url = apiUrl(context.baseUrl, auth.tokenPath);
  if (!isUnderBase(url, context.baseUrl)) throw new TimelineError('config', 'The token path leads outside the base URL: the client secret was not sent.');
  const clientSecret = secret(secrets, 'clientSecret', `client secret of ${auth.clientId}`);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.credentials === 'basic') headers.authorization = basic(encodeURIComponent(auth.clientId), encodeURIComponent(clientSecret));
  else {
    form.set('client_id', auth.clientId);
    form.set('client_secret', clientSecret);
  }
  if (auth.scope) form.set('scope', auth.scope);
  for (const [name, value] of auth.params) form.set(name, value);
  let res;
  try {
    res = await context.http.postForm(url, form, headers, signal);
  } catch (e) {
    if (e instanceof TimelineError && (e.kind === 'auth' || e.kind === 'forbidden' || e.details.status === 400)) {
      throw new TimelineError('auth', `The token endpoint refused the client id and secret (${e.details.status}): set the secret again.`, e.details);
    }
    throw e;
  }
  const json = parseJsonBody(res.body);
  const o = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const token = Object.hasOwn(o, 'access_token') ? text(o.access_token) : undefined;
  if (!token) throw new TimelineError('badShape', 'The token endpoint answered without an "access_token".');
  context.onToken(token);
  const seconds = Object.hasOwn(o, 'expires_in') ? Number(o.expires_in) : undefined;
  return { token, expiresInSeconds: seconds };
}
