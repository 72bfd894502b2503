import { TimelineError } from '../core/errors';

/** Supplies a bearer token; `renew` is called once after a 401 (a minted token expired). */
export interface TokenProvider {
  token(signal: AbortSignal): Promise<string>;
  renew?(signal: AbortSignal): Promise<string>;
}

/** Renew this long before a token's stated expiry, so a page is never sent with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export interface MintedToken {
  readonly token: string;
  /** The token's stated lifetime; absent: until the server refuses it. */
  readonly expiresInSeconds?: number;
}

/**
 * Keeps a minted token until it expires and mints again when asked after a 401. Memory only: a token is never
 * stored. One mint at a time, shared by concurrent pages; it runs on its own (bounded by the HTTP timeouts), so
 * a caller that cancels stops waiting without failing the others.
 */
export class TokenCache implements TokenProvider {
  private current: { token: string; expiresAt: number } | undefined;
  private minting: Promise<string> | undefined;

  constructor(
    private readonly mint: (signal: AbortSignal) => Promise<MintedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  token(signal: AbortSignal): Promise<string> {
    if (this.current && this.current.expiresAt > this.now()) return Promise.resolve(this.current.token);
    return this.renew(signal);
  }

  renew(signal: AbortSignal): Promise<string> {
    this.current = undefined;
    this.minting ??= this.mintOnce().finally(() => (this.minting = undefined));
    return untilAborted(this.minting, signal);
  }

  private async mintOnce(): Promise<string> {
    const { token, expiresInSeconds: seconds } = await this.mint(new AbortController().signal);
    const lifetime = seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 - EXPIRY_MARGIN_MS : Infinity;
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
