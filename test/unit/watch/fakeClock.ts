import type { Clock } from '../../../src/core/clock';

/** Node sets a timer's delay to 1 ms when it is past this (or NaN): a wait for a month comes back at once. */
const NODE_MAX_DELAY_MS = 2 ** 31 - 1;

/** Timers that run only when the test moves the clock, with Node's rule for delays too long for a timer. */
export class FakeClock implements Clock {
  private time: number;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  /** Every delay asked for, as given. */
  readonly delays: number[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    this.delays.push(ms);
    const id = ++this.ids;
    const delay = ms > NODE_MAX_DELAY_MS || Number.isNaN(ms) ? 1 : ms;
    this.timers.push({ at: this.time + delay, run, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward, running each timer due and letting what it started settle: a few turns of microtasks,
   * and `settled` (a check over real HTTP) when given.
   */
  async advance(ms: number, settled?: () => Promise<unknown>): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
      await settle();
      if (settled) {
        await settled();
        await settle();
      }
    }
    this.time = end;
  }
}

export const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
