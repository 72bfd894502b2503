/** Appending is for demos and tests of Check for Newer: bounded, so a loop cannot grow it without end. */
const MAX_APPENDED = 100_000;

/**
 * A synthetic timeline of `initialCount` events, index 0 newest, that can grow at its newest end. Both demo
 * APIs rebuild each event from (seed, index); what they share is how many events were added since.
 */
export abstract class GrowingTimeline {
  /** Events added newer than the rest: they sit at negative underlying indices. */
  protected appended = 0;

  constructor(
    readonly seed: number,
    protected readonly initialCount: number,
  ) {}

  get count(): number {
    return this.initialCount + this.appended;
  }

  /** Adds `n` events newer than every other, as if they had just happened (at most MAX_APPENDED in all). */
  append(n: number): void {
    if (!Number.isInteger(n) || n < 0 || this.appended + n > MAX_APPENDED) throw new RangeError(`append: at most ${MAX_APPENDED} events in all`);
    this.appended += n;
    this.grew();
  }

  /** Called after an append, for what depends on positions. */
  protected grew(): void {}
}
