/**
 * B2: memory retained by the model after loading N events through the extension's path (PismoSource over
 * HttpClient into a Timeline), after full garbage collection, divided by the raw bytes of those pages.
 * For comparison, the same for a naive store that keeps what JSON.parse returns.
 */
import type { DemoServer } from '../src/demo/server';
import type { Timeline } from '../src/core/timeline';
import { loadUntil, newTimeline, readRaw, realSource } from './pismo';
import { log, median, memory, settle } from './util';

export interface MemoryResult {
  readonly ratio: number;
  readonly naiveRatio: number;
  readonly retainedBytes: number;
  readonly naiveRetainedBytes: number;
  readonly rawBytes: number;
  readonly events: number;
  /** Retained bytes per event beyond its raw bytes. */
  readonly overheadPerEvent: number;
  readonly rounds: number;
}

/** Loads `events` events through the extension's path and reads what the model retains. */
async function leanRound(server: DemoServer, events: number): Promise<{ retained: number; raw: number; events: number; pages: number }> {
  const { source, http } = realSource(server);
  await settle();
  const before = memory();
  let timeline: Timeline | undefined = newTimeline(source);
  await loadUntil(timeline, { events });
  await http.close();
  await settle();
  const retained = memory() - before;
  const result = { retained, raw: timeline.byteCount, events: timeline.eventCount, pages: timeline.pageCount };
  timeline = undefined;
  return result;
}

/** The same pages kept as JSON.parse returns them. */
async function naiveRound(server: DemoServer, pages: number): Promise<{ retained: number; raw: number }> {
  await settle();
  const before = memory();
  let store: unknown[][] | undefined = [];
  const { bytes } = await readRaw(server, pages, (items) => store?.push(items));
  await settle();
  const retained = memory() - before;
  if (store.length !== pages) throw new Error('naive store lost pages');
  store = undefined;
  return { retained, raw: bytes };
}

export async function benchMemory(server: DemoServer, events: number, rounds: number): Promise<MemoryResult> {
  const lean: { retained: number; raw: number; events: number; pages: number }[] = [];
  const naive: { retained: number; raw: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const l = await leanRound(server, events);
    lean.push(l);
    const n = await naiveRound(server, l.pages);
    naive.push(n);
    log(`  B2 round ${r + 1}/${rounds}: lean ${(l.retained / l.raw).toFixed(3)}× of ${l.raw} raw bytes (${l.events} events), naive ${(n.retained / n.raw).toFixed(3)}×`);
  }
  await settle();
  const ratio = median(lean.map((l) => l.retained / l.raw));
  const retainedBytes = median(lean.map((l) => l.retained));
  const rawBytes = lean[0].raw;
  return {
    ratio,
    naiveRatio: median(naive.map((n) => n.retained / n.raw)),
    retainedBytes,
    naiveRetainedBytes: median(naive.map((n) => n.retained)),
    rawBytes,
    events: lean[0].events,
    overheadPerEvent: (retainedBytes - rawBytes) / lean[0].events,
    rounds,
  };
}
