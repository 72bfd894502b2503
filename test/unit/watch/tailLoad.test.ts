import * as assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { systemClock } from '../../../src/core/clock';
import { QueuedSource, RequestQueue } from '../../../src/core/requestQueue';
import { DEFAULT_TAIL_OPTIONS, LiveTail, MIN_TAIL_INTERVAL_MS } from '../../../src/core/tail';
import { Timeline } from '../../../src/core/timeline';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { PismoSource } from '../../../src/sources/pismo';
import { type RemoteDemo, startRemoteDemo } from './demoProcess';

const TAILS = 20;
const RUN_MS = 8000;
/** The shortest interval the extension allows (timelineViewer.liveTail.intervalSeconds ≥ 2). */
const INTERVAL_MS = MIN_TAIL_INTERVAL_MS;

describe('twenty live tails', () => {
  let server: RemoteDemo;

  before(async () => {
    server = await startRemoteDemo(5000);
  });

  after(() => server.close());

  it('keep the event loop responsive: delay p99 under 50 ms (over the idle loop\'s) while the server grows', async () => {
    const clients = Array.from({ length: TAILS }, () => new HttpClient({ ...DEFAULT_HTTP_OPTIONS, timeoutMs: 10_000, redactor: new Redactor() }));
    const timelines = clients.map((http) => {
      // As a Session reads: one request at a time per connection.
      const pismo = new PismoSource({ baseUrl: new URL(server.url), http, auth: { token: async () => server.token } });
      return new Timeline(new QueuedSource(pismo, new RequestQueue()), { limit: 100, maxEmptyPages: 10 });
    });
    await Promise.all(timelines.map((t) => t.loadMore()));
    let checks = 0;
    let added = 0;
    const tails = timelines.map(
      (t) =>
        new LiveTail(
          { checkNewer: () => (checks++, t.checkNewer()), rateLimit: undefined },
          systemClock,
          { ...DEFAULT_TAIL_OPTIONS, intervalMs: INTERVAL_MS },
          (result) => void (added += result?.added ?? 0),
        ),
    );
    // The machine is shared: what the loop suffers from other processes is measured first, with the same
    // server running and no tail, and the bound applies to what the tails add to it.
    const baseline = await loopDelayP99(RUN_MS / 2);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    for (const tail of tails) tail.start(true);
    // The server gains an event every 200 ms, so every check finds some to merge.
    await new Promise<void>((resolve) => {
      const grow = setInterval(() => server.append(1), 200);
      setTimeout(() => {
        clearInterval(grow);
        resolve();
      }, RUN_MS);
    });
    for (const tail of tails) tail.stop();
    delay.disable();
    await Promise.all(timelines.map((t) => t.checkNewer().catch(() => undefined)));
    await Promise.all(clients.map((http) => http.close()));
    const p99 = delay.percentile(99) / 1e6;
    console.log(`      ${checks} checks, ${added} events merged, event-loop delay p99 ${p99.toFixed(1)} ms (idle ${baseline.toFixed(1)} ms), max ${(delay.max / 1e6).toFixed(1)} ms`);
    assert.ok(checks >= TAILS * 3, `only ${checks} checks ran`);
    assert.ok(added >= TAILS * 20, `only ${added} events were merged`);
    assert.ok(p99 - baseline < 50, `event-loop delay p99 ${p99.toFixed(1)} ms, ${baseline.toFixed(1)} ms without the tails`);
    for (const t of timelines) assert.equal(t.eventCount, timelines[0].eventCount, 'every tail caught up to the same events');
  });
});

async function loopDelayP99(ms: number): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  delay.disable();
  return delay.percentile(99) / 1e6;
}
