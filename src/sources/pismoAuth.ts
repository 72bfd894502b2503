import { TimelineError } from '../core/errors';
import type { HttpClient } from '../core/http';
import { apiUrl } from '../core/url';
import { parseJsonBody, text } from './json';
import { type MintedToken, TokenCache } from './tokenCache';

/** The two names Pismo's public pages give the mint body's secret. */
export type MintSecretField = 'server_secret' | 'secret_key';
export const MINT_SECRET_FIELDS: readonly MintSecretField[] = ['server_secret', 'secret_key'];

/** An account as a token is minted for it: Pismo's account id, or the tenant's own (external) id for it. */
export interface AccountRef {
  readonly accountId: string;
  readonly external?: boolean;
}

export interface ServerCredentials extends AccountRef {
  readonly serverKey: string;
  readonly serverSecret: string;
  /** What the mint body calls the secret first (default `server_secret`); the other name is tried once on a 400. */
  readonly secretField?: MintSecretField;
}

export interface MinterHooks {
  /** Hears of every minted token, so logs and messages can mask it. */
  readonly onToken: (token: string) => void;
  /** A sentence for the log (which mint body the server took). */
  readonly onNote?: (line: string) => void;
  readonly now?: () => number;
}

/**
 * Mints account-level tokens with a server key and secret (`POST /passport/v2/s2s/access-token`), one account
 * per minter, so each account keeps its own token; mints again when asked after a 401.
 */
export class PismoTokenMinter extends TokenCache {
  constructor(baseUrl: URL, http: HttpClient, credentials: () => Promise<ServerCredentials>, hooks: MinterHooks) {
    /** The secret's field name the server took, once known: renewals send it first. */
    let accepted: MintSecretField | undefined;
    super(async (signal) => {
      const c = await credentials();
      const first = accepted ?? c.secretField ?? 'server_secret';
      try {
        return await mintS2s(baseUrl, http, c, first, hooks, signal);
      } catch (e) {
        if (!namesMissingField(e)) throw e;
        const other = MINT_SECRET_FIELDS.find((f) => f !== first) as MintSecretField;
        const token = await mintS2s(baseUrl, http, c, other, hooks, signal);
        accepted = other;
        hooks.onNote?.(`Pismo took the mint body's secret as "${other}", not "${first}": set the connection's "mintSecretField" to "${other}" to send it first.`);
        return token;
      }
    }, hooks.now);
  }
}

async function mintS2s(baseUrl: URL, http: HttpClient, c: ServerCredentials, field: MintSecretField, hooks: MinterHooks, signal: AbortSignal): Promise<MintedToken> {
  const body = { server_key: c.serverKey, [field]: c.serverSecret, [c.external ? 'external_account_id' : 'account_id']: c.accountId };
  const res = await refusedAsAuth(
    () => http.postJson(apiUrl(baseUrl, 'passport/v2/s2s/access-token'), body, { accept: 'application/json' }, signal),
    'Pismo refused the server key and secret when minting an account token: set them again.',
  );
  return minted(res.body, 'token', hooks);
}

/** A 400 whose message names the secret's field or a missing one: the other documented body may be the one. */
function namesMissingField(e: unknown): boolean {
  return e instanceof TimelineError && e.details.status === 400 && /secret_key|server_secret|required|missing/i.test(e.message);
}

export interface OAuthCredentials extends AccountRef {
  /** The OAuth client id: Pismo's server key. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scope groups; a narrow one is what Pismo recommends. */
  readonly scope: string;
}

/**
 * OAuth 2 client credentials (`POST /passport/v2/oauth/token`, form-encoded), with `uid` for an account-specific
 * token. Renewed before `expires_in` runs out and once after a 401; a refused client is final (no loop).
 */
export class PismoOAuthMinter extends TokenCache {
  constructor(baseUrl: URL, http: HttpClient, credentials: () => Promise<OAuthCredentials>, hooks: MinterHooks) {
    super(async (signal) => {
      const c = await credentials();
      if (c.external) throw new TimelineError('config', 'OAuth tokens are minted for an account by its Pismo account id, not an external id: open the account by its number.');
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: c.scope, uid: c.accountId });
      const res = await refusedAsAuth(
        () => http.postForm(apiUrl(baseUrl, 'passport/v2/oauth/token'), form, { accept: 'application/json' }, signal),
        'Pismo refused the OAuth client id and secret: set them again.',
      );
      return minted(res.body, 'access_token', hooks);
    }, hooks.now);
  }
}

/** A 401 or 403 from a token endpoint means the stored credentials are wrong: one auth error, offering Set Secret. */
async function refusedAsAuth<T>(send: () => Promise<T>, message: string): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (e instanceof TimelineError && (e.kind === 'auth' || e.kind === 'forbidden')) throw new TimelineError('auth', message, e.details);
    throw e;
  }
}

/** The token of a mint answer (`token` or `access_token`, whichever `expected` names first) and its lifetime. */
function minted(body: Buffer, expected: 'token' | 'access_token', hooks: MinterHooks): MintedToken {
  const json = parseJsonBody(body) as Record<string, unknown> | null;
  const token = text(json?.[expected]) ?? text(json?.[expected === 'token' ? 'access_token' : 'token']);
  if (!token) throw new TimelineError('badShape', `The token endpoint answered without a "${expected}".`);
  hooks.onToken(token);
  const seconds = Number(json?.expires_in);
  return { token, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : undefined };
}
