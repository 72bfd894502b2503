/**
 * B12: a field query over 100,000 loaded events against B6's plain query (the spanning correlation id) over the
 * same events: a field query must not decode every event. Both run through the same loop over the Timeline's
 * events, each with its matcher built inside the timing, as a Search builds it, in alternating order.
 */
import type { TimelineEvent } from '../src/core/event';
import { EventMatcher } from '../src/core/match';
import { parseQuery } from '../src/core/query/parse';
import { QueryMatcher } from '../src/core/query/queryMatcher';
import { rawText } from '../src/core/rawPage';
import type { Timeline } from '../src/core/timeline';
import { SPANNING_CORRELATION_ID } from '../src/demo/pismoScenarios';
import { ReplaySource, loadUntil, newTimeline } from './pismo';
import { log, median } from './util';

export interface QueryResult {
  /** B12: `data.amount:<the disputed purchase's amount>` ÷ the plain correlation id, medians in ms. */
  readonly ratio: number;
  readonly fieldMs: number;
  readonly plainMs: number;
  readonly fieldQuery: string;
  readonly matches: number;
  readonly events: number;
  /** A path to the same correlation id ÷ the plain id: what walking paths costs over the same byte scan. */
  readonly sameValueRatio: number;
  readonly sameValueMs: number;
  /** `data.status:DENIED` ÷ the plain word, a value on every page (no goal: reported to show the other end). */
  readonly commonRatio: number;
  readonly commonFieldMs: number;
  readonly commonPlainMs: number;
  readonly commonMatches: number;
}

type Matcher = { matches(event: TimelineEvent): boolean };

function scan(timeline: Timeline, make: () => Matcher): { ms: number; matches: number } {
  const t0 = performance.now();
  const matcher = make();
  let matches = 0;
  for (const event of timeline.events()) if (matcher.matches(event)) matches++;
  return { ms: performance.now() - t0, matches };
}

function fieldMatcher(query: string): () => Matcher {
  return () => {
    const parsed = parseQuery(query, { nowMs: Date.now() });
    if ('error' in parsed) throw new Error(parsed.error);
    return new QueryMatcher(parsed);
  };
}

/** Medians of `rounds` interleaved timings of a field query and a plain one, and of their per-round ratio. */
function compare(timeline: Timeline, field: string, plain: string, rounds: number): { ratio: number; fieldMs: number; plainMs: number; matches: number } {
  const makeField = fieldMatcher(field);
  const makePlain = (): Matcher => new EventMatcher(plain);
  scan(timeline, makeField); // warm-up
  scan(timeline, makePlain);
  const fields: number[] = [];
  const plains: number[] = [];
  let matches = 0;
  for (let r = 0; r < rounds; r++) {
    const steps = [
      () => {
        const t = scan(timeline, makeField);
        fields.push(t.ms);
        matches = t.matches;
      },
      () => plains.push(scan(timeline, makePlain).ms),
    ];
    if (r % 2) steps.reverse();
    for (const step of steps) step();
  }
  return { ratio: median(fields.map((f, i) => f / plains[i])), fieldMs: median(fields), plainMs: median(plains), matches };
}

/** The amount of the demo's disputed purchase, as the server wrote it. */
function disputedAmount(timeline: Timeline): string {
  const dispute = timeline.related(SPANNING_CORRELATION_ID).find((e) => e.category === 'DISPUTE');
  const amount = dispute && /"amount":(-?[\d.]+)/.exec(rawText(dispute.raw))?.[1];
  if (!amount) throw new Error('the disputed purchase was not loaded');
  return amount;
}

export async function benchQuery(bodies: readonly Buffer[], events: number, rounds: number): Promise<QueryResult> {
  const timeline = newTimeline(new ReplaySource(bodies));
  await loadUntil(timeline, { events });
  const fieldQuery = `data.amount:${disputedAmount(timeline)}`;
  const amount = compare(timeline, fieldQuery, SPANNING_CORRELATION_ID, rounds * 2);
  if (amount.matches < 3) throw new Error(`${fieldQuery} found ${amount.matches} events, not the disputed purchase's three`);
  const same = compare(timeline, `$.correlation_id:${SPANNING_CORRELATION_ID}`, SPANNING_CORRELATION_ID, rounds * 2);
  if (same.matches !== 3) throw new Error(`the spanning chain has 3 events, the path found ${same.matches}`);
  const common = compare(timeline, 'data.status:DENIED', 'DENIED', rounds * 2);
  log(`  B12: ${fieldQuery} ${amount.fieldMs.toFixed(2)} ms ÷ plain ${amount.plainMs.toFixed(2)} ms; same value ${same.fieldMs.toFixed(2)} ms; DENIED ${common.fieldMs.toFixed(2)} ÷ ${common.plainMs.toFixed(2)} ms`);
  return {
    ratio: amount.ratio,
    fieldMs: amount.fieldMs,
    plainMs: amount.plainMs,
    fieldQuery,
    matches: amount.matches,
    events: timeline.eventCount,
    sameValueRatio: same.ratio,
    sameValueMs: same.fieldMs,
    commonRatio: common.ratio,
    commonFieldMs: common.fieldMs,
    commonPlainMs: common.plainMs,
    commonMatches: common.matches,
  };
}
