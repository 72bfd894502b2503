import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type DemoRequest, hasBearer } from './http';
import { ACCOUNT_ID } from './pismoData';

/** Compared in constant time; an empty value never matches. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** Enough for any test or demo session; past it the oldest minted token is dropped. */
const MAX_MINTED = 10_000;

/** What a token opens: one account's timeline, or none for a tenant-wide token (`accountId` undefined). */
export interface Grant {
  readonly accountId: string | undefined;
}

interface Minted extends Grant {
  /** In ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * The bearer tokens the Pismo routes accept: the server's own token (for the main account), plus the tokens
 * minted by the s2s and OAuth routes until they expire or are revoked, each for the account it was minted
 * for. Shared by the mint routes (writes) and the timeline route (reads).
 */
export class TokenRegistry {
  /** Insertion order is minting order. */
  private readonly minted = new Map<string, Minted>();
  /** Tokens minted per account since start; its keys are the tenant's accounts, so it stays small. */
  private readonly mints = new Map<string, number>();
  private scope: string | undefined;

  constructor(
    private readonly mainToken: string,
    private readonly now: () => number = Date.now,
    private readonly mainAccountId: string = String(ACCOUNT_ID),
  ) {}

  get mintedCount(): number {
    return this.minted.size;
  }

  /** The scope of the last token minted with one (OAuth's). */
  get lastScope(): string | undefined {
    return this.scope;
  }

  mintsFor(accountId: string): number {
    return this.mints.get(accountId) ?? 0;
  }

  /** A new token for `accountId` (undefined: tenant-wide). */
  mint(ttlSeconds: number, accountId?: string, scope?: string): string {
    const now = this.now();
    for (const [token, { expiresAt }] of this.minted) if (expiresAt <= now) this.minted.delete(token);
    if (this.minted.size >= MAX_MINTED) this.minted.delete(this.minted.keys().next().value as string);
    const token = randomBytes(32).toString('hex');
    this.minted.set(token, { expiresAt: now + ttlSeconds * 1000, accountId });
    if (accountId !== undefined) this.mints.set(accountId, this.mintsFor(accountId) + 1);
    if (scope !== undefined) this.scope = scope;
    return token;
  }

  /** What `Authorization: Bearer <token>` opens, for the main token or a live minted one; undefined for any other. */
  grant(request: DemoRequest): Grant | undefined {
    if (hasBearer(request, this.mainToken)) return { accountId: this.mainAccountId };
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const minted = token === undefined ? undefined : this.minted.get(token);
    if (token === undefined || minted === undefined) return undefined;
    if (minted.expiresAt > this.now()) return minted;
    this.minted.delete(token);
    return undefined;
  }

  accepts(request: DemoRequest): boolean {
    return this.grant(request) !== undefined;
  }

  /** Every minted token stops working at once (the main token keeps working). */
  revokeMinted(): void {
    this.minted.clear();
  }
}
