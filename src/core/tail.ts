import type { Clock } from './clock';
import { type TimelineError, toTimelineError } from './errors';
import type { Page } from './source';
import type { NewerResult } from './timeline';

export interface TailOptions {
  /** Between the end of one check and the start of the next. */
  readonly intervalMs: number;
  /** The longest wait after failures (Retry-After may ask for more, and is honoured). */
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

export const DEFAULT_TAIL_OPTIONS: TailOptions = { intervalMs: 5_000, maxBackoffMs: 5 * 60_000, minRemainingCalls: 100, jitter: 0.2 };
export const MIN_TAIL_INTERVAL_MS = 2_000;

/**
 * - `waiting`: the next check is scheduled; `checking`: one runs;
 * - `paused`: the view is hidden or the window unfocused, nothing is scheduled;
 * - `backoff`: the last check failed, the next waits longer;
 * - `budget`: stopped by the rate-limit floor; `failed`: stopped by an error retrying cannot fix;
 * - `stopped`.
 */
export type TailState = 'waiting' | 'checking' | 'paused' | 'backoff' | 'budget' | 'failed' | 'stopped';

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
    return this.current !== 'stopped' && this.current !== 'budget' && this.current !== 'failed';
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

  /** Starts tailing; the first check runs at once when active (within the jitter's share of an interval). */
  start(active: boolean): void {
    this.failures = 0;
    this.lastError = undefined;
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

  private schedule(ms: number): void {
    this.cancelTimer();
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
