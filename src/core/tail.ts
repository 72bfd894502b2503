import type { Clock } from './clock';
import { type TimelineError, toTimelineError } from './errors';
import type { LimitRange } from './limits';
import type { Page } from './source';
import { DEFAULT_NEWER_MAX_PAGES, type NewerResult } from './timeline';

export interface TailOptions {
  /** Between the end of one check and the start of the next. */
  readonly intervalMs: number;
  /** The longest wait after failures (Retry-After may ask for more, and is honoured up to MAX_TAIL_WAIT_MS). */
  readonly maxBackoffMs: number;
  /**
   * Stop before the rate-limit budget runs out: when the server reports fewer calls left than this, the tail
   * stops and says so, leaving the rest of the budget to the user (and other clients of the same key).
   */
  readonly minRemainingCalls: number;
  /**
   * Each wait is shortened by up to this fraction, so tails started together (or reset by one network blip)
   * drift apart instead of reading and parsing their pages in the same instant; never lengthened, so a new
   * event still shows within one interval. 0 in tests.
   */
  readonly jitter?: number;
  readonly random?: () => number;
}

/** `liveTail.intervalSeconds`, as its schema bounds it. */
export const TAIL_INTERVAL_SECONDS: LimitRange = { min: 2, max: 3600, fallback: 5 };
/** `newer.maxPages`, read by each check of a tail and by Check for Newer. */
export const NEWER_MAX_PAGES: LimitRange = { min: 1, max: 1000, fallback: DEFAULT_NEWER_MAX_PAGES };

export const DEFAULT_TAIL_OPTIONS: TailOptions = { intervalMs: TAIL_INTERVAL_SECONDS.fallback * 1000, maxBackoffMs: 5 * 60_000, minRemainingCalls: 100, jitter: 0.2 };

/**
 * The longest a tail waits between checks, whatever the settings or a Retry-After say: Node fires a timer set
 * past 2^31−1 ms after 1 ms, so an unbounded wait would become a request every millisecond. A server asking
 * for longer stops the tail instead (`deferred`).
 */
export const MAX_TAIL_WAIT_MS = TAIL_INTERVAL_SECONDS.max * 1000;

/**
 * - `waiting`: the next check is scheduled; `checking`: one runs;
 * - `paused`: the view is hidden or the window unfocused, nothing is scheduled;
 * - `backoff`: the last check failed, the next waits longer;
 * - `budget`: stopped by the rate-limit floor; `failed`: stopped by an error retrying cannot fix;
 * - `deferred`: stopped because the server's Retry-After asks for more than the longest wait (see `retryAt`);
 * - `stopped`.
 */
export type TailState = 'waiting' | 'checking' | 'paused' | 'backoff' | 'budget' | 'failed' | 'deferred' | 'stopped';

const STOPPED: ReadonlySet<TailState> = new Set(['stopped', 'budget', 'failed', 'deferred']);

/** What the tail needs from a timeline: one check for newer events, and the budget its server reports. */
export interface TailTarget {
  checkNewer(): Promise<NewerResult>;
  readonly rateLimit: Page['rateLimit'];
}

/** Errors a retry cannot fix: the tail stops and says why instead of backing off for ever. */
const FINAL = new Set(['auth', 'config', 'forbidden', 'notFound', 'repeatCursor', 'badShape']);

/**
 * Checks a timeline for newer events on a schedule: every interval while active (view visible, window
 * focused), never two at once, waiting twice as long after each failure (or what Retry-After asks), and
 * stopping before a rate-limited server's budget runs out. Plain Node: the clock is a parameter.
 */
export class LiveTail {
  private current: TailState = 'stopped';
  private active = false;
  private timer: unknown;
  private failures = 0;
  private lastCheckAt: number | undefined;
  private nextAt: number | undefined;
  private lastError: TimelineError | undefined;
  private retryAfterAt: number | undefined;

  constructor(
    private readonly target: TailTarget,
    private readonly clock: Clock,
    private readonly options: TailOptions,
    /** Called after every check that added events, and on every state change. */
    private readonly onChange: (added?: NewerResult) => void,
  ) {}

  get state(): TailState {
    return this.current;
  }

  get isRunning(): boolean {
    return !STOPPED.has(this.current);
  }

  /** When the next check is due (clock time), while one is scheduled. */
  get nextCheckAt(): number | undefined {
    return this.nextAt;
  }

  get error(): TimelineError | undefined {
    return this.lastError;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** When the server said the next request may come (clock time, possibly past any date), once `deferred`. */
  get retryAt(): number | undefined {
    return this.retryAfterAt;
  }

  /** Starts tailing; the first check runs at once when active (within the jitter's share of an interval). */
  start(active: boolean): void {
    this.failures = 0;
    this.lastError = undefined;
    this.retryAfterAt = undefined;
    this.lastCheckAt = undefined;
    this.active = active;
    this.set(active ? 'waiting' : 'paused');
    if (active) this.schedule(this.options.intervalMs - this.delay());
  }

  stop(): void {
    this.cancelTimer();
    this.set('stopped');
  }

  /** Pauses when the view is hidden or the window loses focus; resumes where the interval left off. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (!this.isRunning) return;
    if (!active) {
      if (this.current === 'checking') return; // the check in flight ends, then nothing is scheduled
      this.cancelTimer();
      this.set('paused');
      return;
    }
    if (this.current !== 'paused') return;
    const since = this.lastCheckAt === undefined ? Infinity : this.clock.now() - this.lastCheckAt;
    this.set(this.failures > 0 ? 'backoff' : 'waiting');
    this.schedule(Math.max(0, this.delay() - since));
  }

  private schedule(wait: number): void {
    this.cancelTimer();
    const ms = Number.isFinite(wait) ? Math.min(MAX_TAIL_WAIT_MS, Math.max(0, wait)) : MAX_TAIL_WAIT_MS;
    this.nextAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => void this.check(), ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    this.nextAt = undefined;
    if (!this.isRunning || !this.active) return;
    this.set('checking');
    let result: NewerResult | undefined;
    let retryAfterMs: number | undefined;
    try {
      result = await this.target.checkNewer();
      this.failures = 0;
      this.lastError = undefined;
    } catch (e) {
      const error = toTimelineError(e);
      this.lastError = error;
      if (error.kind !== 'cancelled') this.failures++;
      retryAfterMs = error.details.retryAfterMs;
    }
    this.lastCheckAt = this.clock.now();
    if (this.current !== 'checking') return; // stopped while the check ran
    if (this.lastError && FINAL.has(this.lastError.kind)) {
      this.set('failed');
      return;
    }
    if (retryAfterMs !== undefined && retryAfterMs > MAX_TAIL_WAIT_MS) {
      this.retryAfterAt = this.lastCheckAt + retryAfterMs;
      this.set('deferred');
      return;
    }
    const rate = this.target.rateLimit;
    if (rate && rate.remaining < this.options.minRemainingCalls) {
      this.set('budget');
      return;
    }
    if (result && result.added > 0) this.onChange(result);
    if (!this.active) {
      this.set('paused');
      return;
    }
    this.set(this.failures > 0 ? 'backoff' : 'waiting');
    this.schedule(Math.max(this.delay(), retryAfterMs ?? 0));
  }

  /** The interval, doubled for each failure in a row, capped, and jittered (Retry-After is a floor). */
  private delay(): number {
    const { intervalMs, maxBackoffMs, jitter = 0, random = Math.random } = this.options;
    const base = this.failures === 0 ? intervalMs : Math.min(maxBackoffMs, intervalMs * 2 ** this.failures);
    return jitter === 0 ? base : Math.round(base * (1 - jitter * random()));
  }

  private set(state: TailState): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange();
  }
}
