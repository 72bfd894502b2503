import { type Random, mix, pick, streamFor } from './random';

/** [category, type]: the category is the broad group (TRANSACTION), the type the specific event (REFUSAL). */
export type Step = readonly [category: string, type: string];

/** Events that happen on their own; repeats weight the draw. */
const SINGLES: readonly Step[] = [
  ['TRANSACTION', 'AUTHORIZE'], ['TRANSACTION', 'AUTHORIZE'], ['TRANSACTION', 'AUTHORIZE'], ['TRANSACTION', 'AUTHORIZE'],
  ['TRANSACTION', 'REFUSAL'], ['TRANSACTION', 'CANCELLATION'],
  ['CASH_IN', 'CONFIRMATION'], ['CASH_IN', 'CONFIRMATION'], ['CASH_IN', 'DENIED'],
  ['CASH_OUT', 'CONFIRMATION'], ['CASH_OUT', 'DENIED'],
  ['CARD', 'BLOCK'], ['CARD', 'UNBLOCK'], ['CARD', 'ACTIVATION'],
  ['CREDIT', 'LIMIT_NEAR'], ['CREDIT', 'LIMIT_REACHED'],
  ['DISPUTE', 'CREATE'],
  ['STATEMENT', 'CLOSE'], ['STATEMENT', 'PAYMENT'], ['STATEMENT', 'OVERDUE'],
  ['TOKENIZATION', 'PROVISIONING'],
];

/** Related events, oldest first; every event of one chain shares a correlation_id and a context. */
const CHAINS: Readonly<Record<2 | 3 | 4, readonly (readonly Step[])[]>> = {
  2: [
    [['TRANSACTION', 'AUTHORIZE'], ['TRANSACTION', 'CANCELLATION']],
    [['CASH_IN', 'AUTHORIZATION'], ['CASH_IN', 'CONFIRMATION']],
    [['CASH_IN', 'AUTHORIZATION'], ['CASH_IN', 'CANCELLATION']],
    [['CASH_OUT', 'AUTHORIZATION'], ['CASH_OUT', 'CONFIRMATION']],
    [['CASH_OUT', 'AUTHORIZATION'], ['CASH_OUT', 'DENIED']],
    [['CARD', 'BLOCK'], ['CARD', 'UNBLOCK']],
    [['TRANSACTION', 'AUTHORIZE'], ['CREDIT', 'LIMIT_NEAR']],
    [['STATEMENT', 'CLOSE'], ['STATEMENT', 'PAYMENT']],
    [['TOKENIZATION', 'PROVISIONING'], ['TOKENIZATION', 'ACTIVATION']],
  ],
  3: [
    [['CARD', 'CREATION'], ['CARD', 'PRODUCTION'], ['CARD', 'DELIVERY']],
    [['TRANSACTION', 'AUTHORIZE'], ['CREDIT', 'LIMIT_REACHED'], ['TRANSACTION', 'REFUSAL']],
    [['STATEMENT', 'CLOSE'], ['STATEMENT', 'OVERDUE'], ['STATEMENT', 'PAYMENT']],
    [['TRANSACTION', 'AUTHORIZE'], ['DISPUTE', 'CREATE'], ['TRANSACTION', 'CANCELLATION']],
    [['CASH_OUT', 'AUTHORIZATION'], ['CASH_OUT', 'CONFIRMATION'], ['CASH_OUT', 'CANCELLATION']],
  ],
  4: [
    [['CARD', 'CREATION'], ['CARD', 'PRODUCTION'], ['CARD', 'DELIVERY'], ['CARD', 'ACTIVATION']],
    [['TOKENIZATION', 'PROVISIONING'], ['TOKENIZATION', 'ACTIVATION'], ['TOKENIZATION', 'SUSPENSION'], ['TOKENIZATION', 'DELETION']],
    [['TRANSACTION', 'AUTHORIZE'], ['CREDIT', 'LIMIT_NEAR'], ['CREDIT', 'LIMIT_REACHED'], ['TRANSACTION', 'REFUSAL']],
    [['CARD', 'BLOCK'], ['DISPUTE', 'CREATE'], ['TRANSACTION', 'CANCELLATION'], ['CARD', 'UNBLOCK']],
  ],
};

/**
 * Indices are cut into blocks of four, each split into chains by one of these compositions (repeats weight
 * the draw toward short chains). A chain is a run of adjacent indices, so related events sit close in time.
 */
const SPLITS: readonly (readonly number[])[] = [
  [1, 1, 1, 1], [1, 1, 1, 1], [2, 1, 1], [1, 2, 1], [1, 1, 2], [2, 2], [2, 2], [3, 1], [1, 3], [4],
];
const BLOCK = 4;

/** Separates the streams drawn from one seed. */
export const SALT = { time: 1, split: 2, chain: 3, event: 4, scenario: 5 } as const;

export interface ChainPosition {
  /** Index of the chain's newest event (indices grow toward the past). */
  readonly start: number;
  readonly length: number;
  /** This event's place in the story. */
  readonly step: Step;
  /** The chain's own stream, already past the scenario draw: every member reads the same values from it. */
  readonly random: Random;
}

/** `count`: the timeline's size; a block holding a scenario event (below) is cut into singles. */
export function chainAt(seed: number, index: number, count: number): ChainPosition {
  const blockStart = index - (((index % BLOCK) + BLOCK) % BLOCK); // appended events have negative indices
  const split = blockHasScenario(blockStart, BLOCK, count) ? SPLITS[0] : SPLITS[mix(seed, SALT.split, blockStart) % SPLITS.length];
  let start = blockStart;
  let length = split[0];
  for (let k = 1; start + length <= index; k++) {
    start += length;
    length = split[k];
  }
  const random = streamFor(seed, SALT.chain, start);
  const steps = length === 1 ? [pick(random, SINGLES)] : pick(random, CHAINS[length as 2 | 3 | 4]);
  return { start, length, step: steps[start + length - 1 - index], random };
}

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
