/**
 * B1: events per second from the demo server into the Timeline model, against the raw ceiling (undici
 * `request` + `JSON.parse` of the same pages, nothing kept). Both read the same pages from the same
 * in-process server, alternating which goes first, so the server's own cost weighs on both alike.
 * The client-side figure compares the same two on recorded bodies, with no HTTP and no server.
 */
import { parsePismoPage } from '../src/sources/pismo';
import type { DemoServer } from '../src/demo/server';
import { RawReader, ReplaySource, loadUntil, newTimeline, realSource } from './pismo';
import { log, median } from './util';

export interface ThroughputResult {
  /** Median over rounds of real ÷ ceiling events per second. */
  readonly ratio: number;
  readonly realEventsPerSecond: number;
  readonly ceilingEventsPerSecond: number;
  /** Same ratio, client work only: parsePismoPage + Timeline vs JSON.parse(utf8 text), on recorded bodies. */
  readonly clientRatio: number;
  readonly clientRealMBps: number;
  readonly clientCeilingMBps: number;
  readonly pages: number;
  readonly events: number;
  readonly bytes: number;
  readonly rounds: number;
}

/**
 * One round: the same pages read by both paths, interleaved page by page (which path goes first alternates),
 * so drift and the machine's other load weigh on both alike. Each path has its own keep-alive connection.
 */
async function round(server: DemoServer, pages: number, realFirst: boolean): Promise<{ real: { events: number; ms: number }; ceiling: { events: number; ms: number; bytes: number } }> {
  const { source, http } = realSource(server);
  const timeline = newTimeline(source);
  const raw = new RawReader(server);
  const real = { events: 0, ms: 0 };
  const ceiling = { events: 0, ms: 0, bytes: 0 };
  try {
    for (let p = 0; p < pages && timeline.hasMore; p++) {
      const steps = [
        async (): Promise<void> => {
          const t0 = performance.now();
          await timeline.loadMore();
          real.ms += performance.now() - t0;
        },
        async (): Promise<void> => {
          const t0 = performance.now();
          const { events, bytes } = await raw.next();
          ceiling.ms += performance.now() - t0;
          ceiling.events += events;
          ceiling.bytes += bytes;
        },
      ];
      if ((p % 2 === 0) !== realFirst) steps.reverse();
      for (const step of steps) await step();
    }
    real.events = timeline.eventCount;
    return { real, ceiling };
  } finally {
    await Promise.all([http.close(), raw.close()]);
  }
}

/** Client-only: the same bodies parsed by JSON.parse (ceiling) and by the extension's parser into a Timeline. */
async function clientRound(bodies: readonly Buffer[]): Promise<{ ceilingMs: number; realMs: number }> {
  let t0 = performance.now();
  let n = 0;
  for (const body of bodies) n += (JSON.parse(body.toString('utf8')) as { items: unknown[] }).items.length;
  const ceilingMs = performance.now() - t0;
  t0 = performance.now();
  const timeline = newTimeline(new ReplaySource(bodies));
  await loadUntil(timeline, { pages: bodies.length });
  const realMs = performance.now() - t0;
  if (timeline.eventCount !== n) throw new Error(`replay lost events: ${timeline.eventCount} of ${n}`);
  return { ceilingMs, realMs };
}

export async function benchThroughput(server: DemoServer, bodies: readonly Buffer[], pages: number, rounds: number): Promise<ThroughputResult> {
  // warm-up: both paths, so the JIT has seen them
  await round(server, Math.min(pages, 5), true);
  parsePismoPage(bodies[0], 'category');
  const ratios: number[] = [];
  const realEps: number[] = [];
  const ceilingEps: number[] = [];
  let events = 0;
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const { real: b, ceiling: c } = await round(server, pages, r % 2 === 0);
    if (b.events !== c.events) throw new Error(`the two paths read different pages: ${b.events} vs ${c.events} events`);
    const real = (b.events / b.ms) * 1000;
    const ceiling = (c.events / c.ms) * 1000;
    realEps.push(real);
    ceilingEps.push(ceiling);
    ratios.push(real / ceiling);
    events = c.events;
    bytes = c.bytes;
    log(`  B1 round ${r + 1}/${rounds}: real ${Math.round(real)} ev/s, ceiling ${Math.round(ceiling)} ev/s, ratio ${(real / ceiling).toFixed(3)}`);
  }
  const clientRatios: number[] = [];
  const clientReal: number[] = [];
  const clientCeiling: number[] = [];
  const recordedBytes = bodies.reduce((s, b) => s + b.length, 0);
  await clientRound(bodies); // warm-up
  for (let r = 0; r < rounds; r++) {
    const { ceilingMs, realMs } = await clientRound(bodies);
    clientRatios.push(ceilingMs / realMs);
    clientReal.push(recordedBytes / realMs / 1000);
    clientCeiling.push(recordedBytes / ceilingMs / 1000);
  }
  return {
    ratio: median(ratios),
    realEventsPerSecond: median(realEps),
    ceilingEventsPerSecond: median(ceilingEps),
    clientRatio: median(clientRatios),
    clientRealMBps: median(clientReal),
    clientCeilingMBps: median(clientCeiling),
    pages,
    events,
    bytes,
    rounds,
  };
}
