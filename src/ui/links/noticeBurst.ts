import type { Clock } from '../../core/clock';

/** How long a shown notice stands for the ones after it: about as long as a notification stays up. */
export const NOTICE_BURST_MS = 10_000;

/**
 * One notification per burst: a page firing links in a loop must not bury the window in messages. A notice
 * within `burstMs` of the last one shown is counted instead of shown; the next one shown says how many were.
 * Plain logic with the clock as a parameter, so it is tested without waiting.
 */
export class NoticeBurst {
  private shownAt = Number.NEGATIVE_INFINITY;
  private unshown = 0;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly burstMs = NOTICE_BURST_MS,
  ) {}

  /** Whether to show this notice; when shown, how many were counted since the last one shown. */
  admit(): { readonly show: false } | { readonly show: true; readonly unshown: number } {
    const now = this.clock.now();
    if (now - this.shownAt < this.burstMs) {
      this.unshown++;
      return { show: false };
    }
    const unshown = this.unshown;
    this.shownAt = now;
    this.unshown = 0;
    return { show: true, unshown };
  }
}
