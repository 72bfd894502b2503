import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PAGE_SIZE, PISMO_PATH, type Rig, TEST_HTTP, rig, settle } from './harness';

/** The real sleep (no injected delay), so cancelling must cut a long wait short. */
const REAL_WAITS = { delay: undefined };
const RETRY_AFTER_S = 30;

describe('faults: every wait ends at once when the load is cancelled', () => {
  let server: DemoServer;
  const rigs: Rig[] = [];

  before(async () => {
    server = await startDemoServer({ eventCount: 500 });
  });

  afterEach(() => server.clearFaults());

  after(async () => {
    await Promise.all(rigs.map((r) => r.http.close()));
    await server.close();
  });

  /**
   * Loads page 1, injects the fault, starts Load more, cancels it once `ready` holds; what it settled with, how long
   * after the cancel, and how long after the faulty request started.
   */
  async function cancelDuring(fault: string, ready: (r: Rig) => boolean): Promise<{ error: unknown; ms: number; fromRequest: number; r: Rig }> {
    const r = rig(server, { http: REAL_WAITS });
    rigs.push(r);
    await r.timeline.loadMore();
    server.injectFault(fault, { path: PISMO_PATH });
    const requested = Date.now();
    const loading = settle(r.timeline.loadMore());
    for (let i = 0; i < 100 && !ready(r); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    r.timeline.cancel();
    const result = await loading;
    assert.ok('error' in result, 'the load was not cancelled');
    return { error: result.error, ms: Date.now() - started, fromRequest: Date.now() - requested, r };
  }

  it('cancels a 30 s Retry-After wait', async () => {
    const { error, ms, r } = await cancelDuring(`429;retry-after=${RETRY_AFTER_S}`, (x) => x.log.length === 1);
    assert.ok(error instanceof TimelineError && error.kind === 'cancelled', String(error));
    assert.ok(ms < (RETRY_AFTER_S * 1000) / 10, `cancelling a ${RETRY_AFTER_S} s wait took ${ms} ms`);
    assert.equal(r.timeline.eventCount, PAGE_SIZE);
    assert.equal(r.timeline.isLoading, false);
  });

  it('cancels a request whose body has stalled', async () => {
    // The stall holds past the 0.5 s timeout; cancelling after 100 ms must not wait for it.
    const from = Date.now();
    const { error, ms, fromRequest, r } = await cancelDuring('stall', () => Date.now() - from >= 100);
    assert.ok(error instanceof TimelineError && error.kind === 'cancelled', String(error));
    assert.ok(fromRequest < TEST_HTTP.timeoutMs, `the load ended ${fromRequest} ms after its request (${ms} after the cancel), not before its ${TEST_HTTP.timeoutMs} ms timeout`);
    assert.equal(r.timeline.eventCount, PAGE_SIZE);
    assert.deepEqual(r.log.map((e) => [e.status, e.error]), [[200, undefined], [200, 'The request was cancelled.']]);
  });
});
