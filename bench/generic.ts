/**
 * B11: the demo's Pismo timeline read through the generic source with the Pismo preset's mapping, against the
 * built-in PismoSource reading the same pages, both over HttpClient into a Timeline. The two are interleaved
 * page by page (which goes first alternates), each on its own keep-alive connection, so the server's cost and
 * the machine's drift weigh on both alike. The figure is generic ÷ built-in events per second.
 */
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../src/core/http';
import { Redactor } from '../src/core/redact';
import type { Timeline } from '../src/core/timeline';
import { parseBaseUrl } from '../src/core/url';
import type { DemoServer } from '../src/demo/server';
import { GenericSource } from '../src/sources/generic/genericSource';
import { parseMapping } from '../src/sources/generic/mappingSchema';
import { presetById } from '../src/sources/generic/presets';
import { newTimeline, realSource } from './pismo';
import { log, median } from './util';

export interface GenericResult {
  /** Median over rounds of generic ÷ built-in events per second. */
  readonly ratio: number;
  readonly genericEventsPerSecond: number;
  readonly builtInEventsPerSecond: number;
  readonly pages: number;
  readonly events: number;
  readonly rounds: number;
}

/** The generic source as a connection would build it: the Pismo preset's mapping, the demo's token. */
function genericSource(server: DemoServer): { source: GenericSource; http: HttpClient } {
  const preset = presetById('pismo');
  if (!preset) throw new Error('no Pismo preset');
  const baseUrl = parseBaseUrl(server.url);
  const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor() });
  const source = new GenericSource({ baseUrl, http, mapping: parseMapping(preset.mapping), secrets: async () => ({ token: server.token }) });
  return { source, http };
}

/** Loads one page into `timeline`, timed. */
async function timedPage(timeline: Timeline, into: { ms: number }): Promise<void> {
  const t0 = performance.now();
  await timeline.loadMore();
  into.ms += performance.now() - t0;
}

async function round(server: DemoServer, pages: number, genericFirst: boolean): Promise<{ generic: { events: number; ms: number }; builtIn: { events: number; ms: number } }> {
  const g = genericSource(server);
  const b = realSource(server);
  const genericTimeline = newTimeline(g.source);
  const builtInTimeline = newTimeline(b.source);
  const generic = { events: 0, ms: 0 };
  const builtIn = { events: 0, ms: 0 };
  try {
    for (let p = 0; p < pages && genericTimeline.hasMore && builtInTimeline.hasMore; p++) {
      const steps = [() => timedPage(genericTimeline, generic), () => timedPage(builtInTimeline, builtIn)];
      if ((p % 2 === 0) !== genericFirst) steps.reverse();
      for (const step of steps) await step();
    }
    generic.events = genericTimeline.eventCount;
    builtIn.events = builtInTimeline.eventCount;
    return { generic, builtIn };
  } finally {
    await Promise.all([g.http.close(), b.http.close()]);
  }
}

export async function benchGeneric(server: DemoServer, pages: number, rounds: number): Promise<GenericResult> {
  await round(server, Math.min(pages, 5), true); // warm-up: both paths, so the JIT has seen them
  const ratios: number[] = [];
  const genericEps: number[] = [];
  const builtInEps: number[] = [];
  let events = 0;
  for (let r = 0; r < rounds; r++) {
    const { generic, builtIn } = await round(server, pages, r % 2 === 0);
    if (generic.events !== builtIn.events) throw new Error(`the two sources read different events: ${generic.events} vs ${builtIn.events}`);
    const g = (generic.events / generic.ms) * 1000;
    const b = (builtIn.events / builtIn.ms) * 1000;
    genericEps.push(g);
    builtInEps.push(b);
    ratios.push(g / b);
    events = generic.events;
    log(`  B11 round ${r + 1}/${rounds}: generic ${Math.round(g)} ev/s, built-in ${Math.round(b)} ev/s, ratio ${(g / b).toFixed(3)}`);
  }
  return { ratio: median(ratios), genericEventsPerSecond: median(genericEps), builtInEventsPerSecond: median(builtInEps), pages, events, rounds };
}
