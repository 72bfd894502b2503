import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type DemoRequest, hasBearer } from './http';

/** Compared in constant time; an empty value never matches. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** Enough for any test or demo session; past it the oldest minted token is dropped. */
const MAX_MINTED = 10_000;

/**
 * The bearer tokens the Pismo routes accept: the server's own token, plus the account tokens minted by
 * `POST /passport/v2/s2s/access-token` until they expire or are revoked. Shared by the mint route (writes)
 * and the timeline route (reads).
 */
export class TokenRegistry {
  /** token → expiry, in ms since the epoch; insertion order is minting order. */
  private readonly minted = new Map<string, number>();

  constructor(
    private readonly mainToken: string,
    private readonly now: () => number = Date.now,
  ) {}

  get mintedCount(): number {
    return this.minted.size;
  }

  mint(ttlSeconds: number): string {
    const now = this.now();
    for (const [token, expiresAt] of this.minted) if (expiresAt <= now) this.minted.delete(token);
    if (this.minted.size >= MAX_MINTED) this.minted.delete(this.minted.keys().next().value as string);
    const token = randomBytes(32).toString('hex');
    this.minted.set(token, now + ttlSeconds * 1000);
    return token;
  }

  /** `Authorization: Bearer <token>` with the main token or a live minted one. */
  accepts(request: DemoRequest): boolean {
    if (hasBearer(request, this.mainToken)) return true;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.minted.get(token);
    if (token === undefined || expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.minted.delete(token);
    return false;
  }

  /** Every minted token stops working at once (the main token keeps working). */
  revokeMinted(): void {
    this.minted.clear();
  }
}
