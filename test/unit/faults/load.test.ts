import * as assert from 'node:assert/strict';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PAGE_SIZE, rig } from './harness';

const TIMELINES = 20;
const PAGES = 10;

/** The live handles and requests by type, e.g. { TCPSocketWrap: 3, Timeout: 1 }. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** What is open now beyond `before`; polled, since undici's coarse timer and closing sockets take a moment. */
async function leftOpen(before: Record<string, number>, ms: number): Promise<Record<string, number>> {
  const extra = (): Record<string, number> =>
    Object.fromEntries(Object.entries(resources()).filter(([name, n]) => n > (before[name] ?? 0)));
  const deadline = Date.now() + ms;
  while (Object.keys(extra()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return extra();
}

describe('faults: load', () => {
  let server: DemoServer;

  before(async () => {
    server = await startDemoServer({ eventCount: 5000 });
  });

  after(() => server.close());

  it(`${TIMELINES} timelines page ${PAGES} pages each at once, through latency and 503 bursts, and leave nothing open`, async () => {
    // After one turn: mocha arms this test's timeout timer once the test function has returned its promise.
    await new Promise((resolve) => setImmediate(resolve));
    const before = resources();
    // The expected events, read by a client this test closes (fetch's shared pool would outlive it).
    const reference = rig(server);
    for (let page = 0; page < PAGES; page++) await reference.timeline.loadMore();
    const ids = reference.timeline.categories.flatMap((c) => c.events.map((e) => e.id));
    await reference.http.close();
    // Half the timelines meet a little latency on every request, the other half a burst of two 503s of their own.
    const rigs = Array.from({ length: TIMELINES }, (_, i) => {
      const fault = i % 2 === 0 ? 'latency;ms=5' : `503;times=2;key=load-${i}`;
      return rig(server, { baseUrl: `${server.url}/?${new URLSearchParams({ __fault: fault })}` });
    });
    const started = Date.now();
    await Promise.all(
      rigs.map(async ({ timeline }) => {
        for (let page = 0; page < PAGES; page++) await timeline.loadMore();
      }),
    );
    const elapsed = Date.now() - started;
    for (const { timeline, waits } of rigs) {
      assert.equal(timeline.error, undefined);
      assert.equal(timeline.pageCount, PAGES);
      assert.equal(timeline.eventCount, PAGES * PAGE_SIZE);
      for (const id of ids) assert.ok(timeline.event(id), `event ${id} missing`);
      assert.ok(waits.length === 0 || waits.length === 2);
    }
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    await Promise.all(rigs.map((r) => r.http.close()));
    assert.deepEqual(await leftOpen(before, 1000), {}, 'sockets or timers were left open');
  });
});
