/** TalentLMS's smaller plans allow 2,000 calls an hour. */
export const DEFAULT_RATE_LIMIT = 2000;
export const DEFAULT_RATE_WINDOW_MS = 3_600_000;

/**
 * One server-wide budget of calls per fixed window, reported the way TalentLMS does: `X-RateLimit-Limit` and
 * `X-RateLimit-Remaining` on every response, and a 429 with no Retry-After once it is spent. The window
 * starts with its first call.
 */
export class RateLimiter {
  private used = 0;
  private windowStart: number | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number = DEFAULT_RATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError('rateLimitPerWindow must be a whole number');
    if (!(windowMs > 0)) throw new RangeError('the rate-limit window must be positive');
  }

  get remaining(): number {
    this.roll();
    return this.limit - this.used;
  }

  /** Spends one call; false (and nothing spent) when the window's budget is gone. */
  take(): boolean {
    this.roll();
    this.windowStart ??= this.now();
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  headers(): Record<string, string> {
    return { 'X-RateLimit-Limit': String(this.limit), 'X-RateLimit-Remaining': String(this.remaining) };
  }

  private roll(): void {
    if (this.windowStart !== undefined && this.now() - this.windowStart >= this.windowMs) {
      this.windowStart = undefined;
      this.used = 0;
    }
  }
}
