import { TimelineError } from '../core/errors';
import type { HttpClient } from '../core/http';
import { apiUrl } from '../core/url';
import { parseJsonBody, text } from './json';
import type { TokenProvider } from './pismo';

export interface ServerCredentials {
  readonly serverKey: string;
  readonly serverSecret: string;
  readonly accountId: string;
}

/** Renew this long before a minted token's stated expiry, so a page is never sent with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Mints account-level tokens with a server key and secret (`POST /passport/v2/s2s/access-token`), keeps
 * the token until it expires, and mints again when asked after a 401.
 */
export class PismoTokenMinter implements TokenProvider {
  private current: { token: string; expiresAt: number } | undefined;
  private minting: Promise<string> | undefined;

  constructor(
    private readonly baseUrl: URL,
    private readonly http: HttpClient,
    private readonly credentials: () => Promise<ServerCredentials>,
    private readonly onToken: (token: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  token(signal: AbortSignal): Promise<string> {
    if (this.current && this.current.expiresAt > this.now()) return Promise.resolve(this.current.token);
    return this.renew(signal);
  }

  /**
   * One mint at a time: concurrent pages share it. The mint runs on its own (bounded by the HTTP timeouts),
   * so a caller that cancels stops waiting without failing the others.
   */
  renew(signal: AbortSignal): Promise<string> {
    this.current = undefined;
    this.minting ??= this.mint(new AbortController().signal).finally(() => (this.minting = undefined));
    return untilAborted(this.minting, signal);
  }

  private async mint(signal: AbortSignal): Promise<string> {
    const { serverKey, serverSecret, accountId } = await this.credentials();
    const body = { server_key: serverKey, server_secret: serverSecret, account_id: accountId };
    let res;
    try {
      res = await this.http.postJson(apiUrl(this.baseUrl, 'passport/v2/s2s/access-token'), body, { accept: 'application/json' }, signal);
    } catch (e) {
      if (e instanceof TimelineError && (e.kind === 'auth' || e.kind === 'forbidden')) {
        throw new TimelineError('auth', 'Pismo refused the server key and secret when minting an account token: set them again.', e.details);
      }
      throw e;
    }
    const json = parseJsonBody(res.body) as Record<string, unknown> | null;
    const token = text(json?.token) ?? text(json?.access_token);
    if (!token) throw new TimelineError('badShape', 'The token endpoint answered without a "token".');
    this.onToken(token);
    const seconds = Number(json?.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 - EXPIRY_MARGIN_MS : Infinity;
    this.current = { token, expiresAt: this.now() + Math.max(0, lifetime) };
    return token;
  }
}

/** `promise`, unless `signal` aborts first: then a cancellation, while the promise goes on for others. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new TimelineError('cancelled', 'The request was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new TimelineError('cancelled', 'The request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
