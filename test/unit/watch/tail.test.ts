import * as assert from 'node:assert/strict';
import type { Clock } from '../../../src/core/clock';
import { TimelineError } from '../../../src/core/errors';
import type { Page } from '../../../src/core/source';
import { LiveTail, type TailTarget } from '../../../src/core/tail';
import type { NewerResult } from '../../../src/core/timeline';

/** Timers that run only when the test moves the clock. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time forward, running each timer due (and letting the checks it starts settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
      await settle();
    }
    this.time = end;
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const NOTHING: NewerResult = { added: 0, pages: 1, events: [], gap: false };

/** A target whose checks answer from a script and record when they ran. */
class Target implements TailTarget {
  readonly at: number[] = [];
  rateLimit: Page['rateLimit'];
  constructor(
    private readonly clock: FakeClock,
    private readonly answers: (NewerResult | TimelineError)[] = [],
  ) {}
  async checkNewer(): Promise<NewerResult> {
    this.at.push(this.clock.now());
    const next = this.answers.shift() ?? NOTHING;
    if (next instanceof TimelineError) throw next;
    return next;
  }
}

const options = { intervalMs: 5000, maxBackoffMs: 60_000, minRemainingCalls: 100 };

describe('LiveTail', () => {
  it('checks at once, then every interval while active', async () => {
    const clock = new FakeClock();
    const target = new Target(clock);
    const tail = new LiveTail(target, clock, options, () => undefined);
    tail.start(true);
    await clock.advance(15_000);
    assert.deepEqual(target.at, [0, 5000, 10_000, 15_000]);
    assert.equal(tail.state, 'waiting');
    tail.stop();
    await clock.advance(20_000);
    assert.equal(target.at.length, 4);
    assert.equal(clock.pending, 0);
  });

  it('pauses while the view is hidden or the window unfocused, and resumes where the interval left off', async () => {
    const clock = new FakeClock();
    const target = new Target(clock);
    const tail = new LiveTail(target, clock, options, () => undefined);
    tail.start(true);
    await clock.advance(2000);
    tail.setActive(false);
    assert.equal(tail.state, 'paused');
    assert.equal(clock.pending, 0, 'nothing is scheduled while paused');
    await clock.advance(60_000);
    assert.deepEqual(target.at, [0]);
    tail.setActive(true); // 62 s since the last check: due at once
    await clock.advance(0);
    assert.deepEqual(target.at, [0, 62_000]);
    await clock.advance(1000);
    tail.setActive(false);
    tail.setActive(true); // 1 s since the last check: 4 s to go
    await clock.advance(3999);
    assert.equal(target.at.length, 2);
    await clock.advance(1);
    assert.deepEqual(target.at, [0, 62_000, 67_000]);
  });

  it('starts paused when started hidden, and checks once shown', async () => {
    const clock = new FakeClock();
    const target = new Target(clock);
    const tail = new LiveTail(target, clock, options, () => undefined);
    tail.start(false);
    await clock.advance(30_000);
    assert.deepEqual(target.at, []);
    tail.setActive(true);
    await clock.advance(0);
    assert.deepEqual(target.at, [30_000]);
  });

  it('backs off on errors, doubling up to the cap, and returns to the interval after a success', async () => {
    const clock = new FakeClock();
    const failure = (): TimelineError => new TimelineError('server', 'The server failed (503).');
    const target = new Target(clock, [failure(), failure(), failure(), failure(), failure(), NOTHING]);
    const tail = new LiveTail(target, clock, { ...options, maxBackoffMs: 60_000 }, () => undefined);
    tail.start(true);
    await clock.advance(0);
    assert.equal(tail.state, 'backoff');
    await clock.advance(200_000);
    const gaps = target.at.slice(1).map((t, i) => t - target.at[i]);
    assert.deepEqual(gaps.slice(0, 6), [10_000, 20_000, 40_000, 60_000, 60_000, 5000]);
    assert.equal(tail.consecutiveFailures, 0);
  });

  it('honours Retry-After on 429', async () => {
    const clock = new FakeClock();
    const limited = new TimelineError('rateLimited', 'Rate limit reached (429).', { status: 429, retryAfterMs: 120_000 });
    const target = new Target(clock, [limited]);
    const tail = new LiveTail(target, clock, options, () => undefined);
    tail.start(true);
    await clock.advance(0);
    assert.equal(tail.nextCheckAt, 120_000);
    await clock.advance(120_000);
    assert.deepEqual(target.at, [0, 120_000]);
  });

  it('stops before the rate-limit budget runs out, and on errors a retry cannot fix', async () => {
    const clock = new FakeClock();
    const target = new Target(clock);
    const tail = new LiveTail(target, clock, options, () => undefined);
    target.rateLimit = { remaining: 150, limit: 2000 };
    tail.start(true);
    await clock.advance(5000);
    assert.equal(target.at.length, 2);
    target.rateLimit = { remaining: 99, limit: 2000 };
    await clock.advance(5000);
    assert.equal(tail.state, 'budget');
    assert.equal(tail.isRunning, false);
    await clock.advance(60_000);
    assert.equal(target.at.length, 3);

    const auth = new Target(clock, [new TimelineError('auth', 'The server rejected the API key (401).')]);
    const stopped = new LiveTail(auth, clock, options, () => undefined);
    stopped.start(true);
    await clock.advance(60_000);
    assert.equal(stopped.state, 'failed');
    assert.equal(auth.at.length, 1);
  });

  it('reports the events each check added', async () => {
    const clock = new FakeClock();
    const added: NewerResult = { added: 2, pages: 1, events: [], gap: false };
    const target = new Target(clock, [NOTHING, added]);
    const seen: NewerResult[] = [];
    const tail = new LiveTail(target, clock, options, (result) => result && seen.push(result));
    tail.start(true);
    await clock.advance(5000);
    assert.deepEqual(seen, [added]);
  });

  it('never runs two checks at once: hiding and showing during a slow check schedules nothing extra', async () => {
    const clock = new FakeClock();
    let release!: () => void;
    let running = 0;
    let calls = 0;
    const target: TailTarget = {
      rateLimit: undefined,
      checkNewer: () => {
        calls++;
        running++;
        return new Promise((resolve) => (release = () => (running--, resolve(NOTHING))));
      },
    };
    const tail = new LiveTail(target, clock, options, () => undefined);
    tail.start(true);
    await clock.advance(0);
    tail.setActive(false);
    tail.setActive(true);
    await clock.advance(20_000);
    assert.equal(calls, 1);
    release();
    await settle();
    await clock.advance(5000);
    assert.equal(calls, 2);
    assert.equal(running, 1);
    tail.stop();
  });
});

describe('LiveTail jitter', () => {
  it('shortens waits by up to the jitter fraction, never lengthens them', async () => {
    const clock = new FakeClock();
    const target = new Target(clock);
    const draws = [0.5, 0, 1, 0.5];
    const tail = new LiveTail(target, clock, { ...options, jitter: 0.2, random: () => draws.shift() ?? 0 }, () => undefined);
    tail.start(true);
    await clock.advance(20_000);
    // The first check within 20 % of an interval, then waits of 100 %, 80 %, 90 %.
    assert.deepEqual(target.at.slice(0, 4), [500, 5500, 9500, 14_000]);
    tail.stop();
  });
});
