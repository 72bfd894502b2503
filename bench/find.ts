/**
 * B6: finding a string in 100,000 loaded events (a Search over the Timeline, matches sorted) against
 * `Buffer.indexOf` of the same string over the same raw page bytes, every occurrence.
 * B7: a Search that reads 100 demo pages against the same 100 pages read back to back by a Timeline on the
 * same HttpClient, nothing searched: searching must not slow paging down. The two are interleaved page by page.
 */
import { Search } from '../src/core/find';
import type { TimelineSource } from '../src/core/source';
import type { Timeline } from '../src/core/timeline';
import { SPANNING_CORRELATION_ID } from '../src/demo/pismoScenarios';
import type { DemoServer } from '../src/demo/server';
import { ReplaySource, loadUntil, newTimeline, realSource } from './pismo';
import { log, median } from './util';

export interface FindResult {
  /** B6 ratio for the correlation id, with both medians in ms. */
  readonly ratio: number;
  readonly findMs: number;
  readonly indexOfMs: number;
  readonly matches: number;
  readonly events: number;
  readonly bytes: number;
  /** The same for a common word, which hits on every page (no goal: reported to show the other end). */
  readonly wordRatio: number;
  readonly wordFindMs: number;
  readonly wordIndexOfMs: number;
  readonly wordMatches: number;
}

export interface FindPagingResult {
  /** B7: Search over 100 pages ÷ the same pages read back to back. */
  readonly ratio: number;
  readonly searchMs: number;
  readonly readMs: number;
  readonly pages: number;
}

/** A word most pages hold in some case: the demo's DISPUTE events and dispute payloads. */
const WORD = 'dispute';
/** A query no event holds, so the search reads every page and scans every event. */
const ABSENT = '9f0e1d2c-absent-from-the-demo';

const noLoad = async (): Promise<void> => undefined;

function indexOfAll(bodies: readonly Buffer[], needle: Buffer): number {
  let n = 0;
  for (const body of bodies) for (let at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, at + 1)) n++;
  return n;
}

function timeSearch(timeline: Timeline, query: string): { ms: number; matches: number } {
  const t0 = performance.now();
  const search = new Search(timeline, query, noLoad);
  const matches = search.matches.length; // a search orders its matches when they are read
  const ms = performance.now() - t0;
  search.dispose();
  return { ms, matches };
}

function compare(timeline: Timeline, bodies: readonly Buffer[], query: string, rounds: number): { ratio: number; findMs: number; indexOfMs: number; matches: number } {
  const needle = Buffer.from(query, 'utf8');
  timeSearch(timeline, query); // warm-up
  indexOfAll(bodies, needle);
  const finds: number[] = [];
  const scans: number[] = [];
  let matches = 0;
  for (let r = 0; r < rounds; r++) {
    const steps = [
      () => {
        const t = timeSearch(timeline, query);
        finds.push(t.ms);
        matches = t.matches;
      },
      () => {
        const t0 = performance.now();
        if (indexOfAll(bodies, needle) < 0) throw new Error('unreachable');
        scans.push(performance.now() - t0);
      },
    ];
    if (r % 2) steps.reverse();
    for (const step of steps) step();
  }
  return { ratio: median(finds.map((f, i) => f / scans[i])), findMs: median(finds), indexOfMs: median(scans), matches };
}

export async function benchFind(bodies: readonly Buffer[], events: number, rounds: number): Promise<FindResult> {
  const timeline = newTimeline(new ReplaySource(bodies));
  await loadUntil(timeline, { events });
  const used = bodies.slice(0, timeline.pageCount);
  const id = compare(timeline, used, SPANNING_CORRELATION_ID, rounds * 2);
  if (id.matches === 0) throw new Error('the spanning chain was not found');
  const word = compare(timeline, used, WORD, rounds * 2);
  log(`  B6: id ${id.findMs.toFixed(2)} ms ÷ indexOf ${id.indexOfMs.toFixed(2)} ms, word ${word.findMs.toFixed(2)} ÷ ${word.indexOfMs.toFixed(2)} ms`);
  return {
    ...id,
    events: timeline.eventCount,
    bytes: timeline.byteCount,
    wordRatio: word.ratio,
    wordFindMs: word.findMs,
    wordIndexOfMs: word.indexOfMs,
    wordMatches: word.matches,
  };
}

/**
 * One round: two fresh Timelines on the same source (one HttpClient), one searched and one not, reading the same
 * pages interleaved page by page with alternating order, so drift and the machine's other load weigh on both.
 */
async function round(source: TimelineSource, pages: number, searchFirst: boolean): Promise<{ searchMs: number; readMs: number }> {
  const plain = newTimeline(source);
  const searched = newTimeline(source);
  const search = new Search(searched, ABSENT, () => searched.loadMore());
  const ms = { searchMs: 0, readMs: 0 };
  try {
    for (let p = 0; p < pages; p++) {
      const steps = [
        async (): Promise<void> => {
          const t0 = performance.now();
          await search.run(1);
          ms.searchMs += performance.now() - t0;
        },
        async (): Promise<void> => {
          const t0 = performance.now();
          await plain.loadMore();
          ms.readMs += performance.now() - t0;
        },
      ];
      if ((p % 2 === 0) !== searchFirst) steps.reverse();
      for (const step of steps) await step();
    }
  } finally {
    search.dispose();
  }
  if (plain.pageCount !== pages || searched.pageCount !== pages) throw new Error(`read ${plain.pageCount} and ${searched.pageCount} of ${pages} pages`);
  if (search.matches.length !== 0 || search.eventsScanned !== searched.eventCount) throw new Error('the search did not scan every event');
  return ms;
}

export async function benchFindPaging(server: DemoServer, pages: number, rounds: number): Promise<FindPagingResult> {
  const { source, http } = realSource(server);
  try {
    await round(source, Math.min(pages, 5), true); // warm-up
    const results: { searchMs: number; readMs: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      const result = await round(source, pages, r % 2 === 0);
      results.push(result);
      log(`  B7 round ${r + 1}/${rounds}: search ${result.searchMs.toFixed(0)} ms, read ${result.readMs.toFixed(0)} ms`);
    }
    return {
      ratio: median(results.map((r) => r.searchMs / r.readMs)),
      searchMs: median(results.map((r) => r.searchMs)),
      readMs: median(results.map((r) => r.readMs)),
      pages,
    };
  } finally {
    await http.close();
  }
}
