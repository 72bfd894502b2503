import type { Step } from './pismoScenarios';

/**
 * Events placed by index, whatever the seed, so finding across pages can be shown and tested: a correlation
 * chain spread over the first three pages (at 100 events a page) and a correlation id that only the oldest
 * event has, so it is on the last page of any timeline.
 */

/** A purchase, disputed a day later, then cancelled: one correlation id across pages 1, 2 and 3. */
export const SPANNING_CORRELATION_ID = 'c3a1f00d-5a1e-4e0b-9c2d-7b40f4d24654';
const SPANNING: ReadonlyMap<number, Step> = new Map<number, Step>([
  [3, ['TRANSACTION', 'CANCELLATION']],
  [150, ['DISPUTE', 'CREATE']],
  [260, ['TRANSACTION', 'AUTHORIZE']],
]);

/** The oldest event's correlation id, on no other event. */
export const LAST_PAGE_CORRELATION_ID = 'e1d0a7c4-2b9f-4c3e-8a15-f0ca57000000';
const LAST_PAGE_STEP: Step = ['CARD', 'CREATION'];

export interface Scenario {
  readonly correlationId: string;
  readonly step: Step;
  /** Separates this chain's shared context stream from the ordinary chains'. */
  readonly key: number;
}

/** The scenario event at `index` of a `count`-event timeline, if any. */
export function scenarioAt(index: number, count: number): Scenario | undefined {
  if (index === count - 1) return { correlationId: LAST_PAGE_CORRELATION_ID, step: LAST_PAGE_STEP, key: 2 };
  const step = SPANNING.get(index);
  return step && { correlationId: SPANNING_CORRELATION_ID, step, key: 1 };
}

/** True when the block of indices [start, start + size) holds a scenario event: its other events stand alone. */
export function blockHasScenario(start: number, size: number, count: number): boolean {
  for (let i = start; i < start + size; i++) if (scenarioAt(i, count)) return true;
  return false;
}
