// Twenty live tails in a process of their own, as the extension host runs them: the parent test forks this
// module with the demo server's address, and it answers with what it measured. A fresh process keeps the
// heap the rest of the unit suite leaves behind (and its garbage-collection pauses) out of the figure.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { systemClock } from '../../../src/core/clock';
import { mergeNewestFirst } from '../../../src/core/newestFirstMerge';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { QueuedSource, RequestQueue } from '../../../src/core/requestQueue';
import { DEFAULT_TAIL_OPTIONS, LiveTail, TAIL_INTERVAL_SECONDS } from '../../../src/core/tail';
import { Timeline } from '../../../src/core/timeline';
import { PismoSource } from '../../../src/sources/pismo';

export interface TailLoadResult {
  readonly checks: number;
  readonly added: number;
  /** Event-loop delay p99 (ms) while tailing, and over as long without tails just before. */
  readonly p99: number;
  readonly idleP99: number;
  readonly max: number;
  /** Each timeline's newest event, and how many gaps the timelines hold in all. */
  readonly newestIds: string[];
  readonly gaps: number;
}

/**
 * `beforeCatchUp` runs once the tails have stopped and before every timeline reads up to the server's newest
 * event: the caller stops growing the server there, so all timelines end on the same events.
 */
export async function measureTails(url: string, token: string, tails: number, ms: number, beforeCatchUp: () => Promise<void>): Promise<TailLoadResult> {
  const child = fork(__filename, [url, token, String(tails), String(ms)], { stdio: 'inherit' });
  await once(child, 'message');
  await beforeCatchUp();
  child.send('catch up');
  const [result] = (await once(child, 'message')) as [TailLoadResult];
  await once(child, 'exit');
  return result;
}

async function run(url: string, token: string, count: number, ms: number): Promise<TailLoadResult> {
  const clients = Array.from({ length: count }, () => new HttpClient({ ...DEFAULT_HTTP_OPTIONS, timeoutMs: 10_000, redactor: new Redactor() }));
  // As a Session reads: one request at a time per connection.
  const timelines = clients.map(
    (http) => new Timeline(new QueuedSource(new PismoSource({ baseUrl: new URL(url), http, auth: { token: async () => token } }), new RequestQueue()), { limit: 100, maxEmptyPages: 10 }),
  );
  await Promise.all(timelines.map((t) => t.loadMore()));
  const idleP99 = await loopDelay(ms / 2, async () => undefined);
  let checks = 0;
  let added = 0;
  const tails = timelines.map(
    (t) =>
      new LiveTail(
        { checkNewer: () => (checks++, t.checkNewer()), rateLimit: undefined },
        systemClock,
        // The shortest interval the extension allows (timelineViewer.liveTail.intervalSeconds ≥ 2).
        { ...DEFAULT_TAIL_OPTIONS, intervalMs: TAIL_INTERVAL_SECONDS.min * 1000 },
        (result) => void (added += result?.added ?? 0),
      ),
  );
  let max = 0;
  const p99 = await loopDelay(ms, async (histogram) => {
    for (const tail of tails) tail.start(true);
    await new Promise((resolve) => setTimeout(resolve, ms));
    for (const tail of tails) tail.stop();
    max = histogram.max / 1e6;
  });
  process.send?.('stopped');
  await once(process, 'message');
  // twice: the first may join a check that started before the server stopped growing
  for (let round = 0; round < 2; round++) await Promise.all(timelines.map((t) => t.checkNewer().catch(() => undefined)));
  await Promise.all(clients.map((http) => http.close()));
  const newest = (t: Timeline): string => mergeNewestFirst(t.categories.map((c) => c.events)).next().value?.id ?? '';
  return { checks, added, p99, idleP99, max, newestIds: timelines.map(newest), gaps: timelines.reduce((n, t) => n + t.gaps.length, 0) };
}

async function loopDelay(ms: number, during: (histogram: ReturnType<typeof monitorEventLoopDelay>) => Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await during(histogram);
  if (histogram.count === 0) await new Promise((resolve) => setTimeout(resolve, ms));
  histogram.disable();
  return histogram.percentile(99) / 1e6;
}

if (require.main === module) {
  const [url, token, count, ms] = process.argv.slice(2);
  void run(url, token, Number(count), Number(ms)).then((result) => process.send?.(result, () => process.exit(0)));
}
