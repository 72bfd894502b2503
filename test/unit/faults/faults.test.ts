import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { FAULTS } from '../../../src/demo/faults';
import { parseFaultSpec } from '../../../src/demo/faultSpec';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { MAX_EMPTY_PAGES, PAGE_SIZE, PISMO_PATH, type Rig, backoffs, groundTruth, rig, settle } from './harness';
import { FAULT_ROWS, type FaultRow } from './table';

/** Enough pages for the longest story: page 1, ten empty pages, then two more. */
const TRUTH_PAGES = MAX_EMPTY_PAGES + 5;

describe('faults: each row of the fault table, over real HTTP through HttpClient, PismoSource and Timeline', () => {
  let server: DemoServer;
  let truth: string[];
  const rigs: Rig[] = [];

  before(async () => {
    server = await startDemoServer({ eventCount: 2000 });
    truth = await groundTruth(server, TRUTH_PAGES);
  });

  afterEach(() => server.clearFaults());

  after(async () => {
    await Promise.all(rigs.map((r) => r.http.close()));
    await server.close();
  });

  it('covers every fault mode the demo server has', () => {
    const tested = new Set(FAULT_ROWS.map((row) => parseFaultSpec(row.fault).mode));
    assert.deepEqual(Object.keys(FAULTS).filter((mode) => !tested.has(mode)), []);
  });

  for (const row of FAULT_ROWS) {
    const title = `${row.fault} ×${row.times}: ${'ok' in row.outcome ? 'loads the page' : row.outcome.kind}, ${row.requests} request(s), then ${row.then}`;
    it(title, async () => {
      const r = rig(server);
      rigs.push(r);
      const { timeline, log, waits } = r;
      await timeline.loadMore();
      const firstPage = truth.slice(0, PAGE_SIZE);
      assert.equal(timeline.eventCount, PAGE_SIZE);

      server.injectFault(row.fault, { times: row.times, path: PISMO_PATH });
      log.length = 0;
      const started = Date.now();
      const result = await settle(timeline.loadMore());
      const elapsed = Date.now() - started;

      assert.ok(elapsed < (row.withinMs ?? 1000), `Load more took ${elapsed} ms`);
      assert.equal(log.length, row.requests, `requests: ${JSON.stringify(log)}`);
      assertWaits(row, waits);
      if ('ok' in row.outcome) {
        assert.ok('value' in result, `expected the page, got ${'error' in result ? String(result.error) : ''}`);
        assert.ok(result.value.added > 0);
      } else {
        assert.ok('error' in result && result.error instanceof TimelineError, 'expected a TimelineError');
        assert.equal(result.error.kind, row.outcome.kind, result.error.message);
        assert.equal(result.error.message, row.outcome.message);
        assert.equal(timeline.error, result.error);
      }
      for (const id of firstPage) assert.ok(timeline.event(id), `event ${id} from the first page was lost`);

      server.clearFaults();
      const before = timeline.eventCount;
      const retry = await timeline.loadMore();
      if (row.then === 'stops') {
        assert.equal(timeline.hasMore, false);
        assert.deepEqual(retry, { added: 0, pages: 0 });
      } else {
        assert.equal(timeline.error, undefined);
        assert.ok(timeline.eventCount > before, 'Retry added nothing');
      }
      assertLoaded(row, timeline.eventCount, (id) => timeline.event(id) !== undefined, truth);
    });
  }
});

function assertWaits(row: FaultRow, waits: readonly number[]): void {
  if (!row.waits) return assert.deepEqual(waits, []);
  if ('backoff' in row.waits) return assert.deepEqual(waits, backoffs(row.waits.backoff));
  const [min, max] = row.waits.retryAfter;
  assert.equal(waits.length, row.waits.count, `waits ${waits}`);
  for (const ms of waits) assert.ok(ms >= min && ms <= max, `waited ${ms} ms, not in [${min}, ${max}]`);
}

/** Each event once and, unless the fault hid some, exactly the server's first events in order. */
function assertLoaded(row: FaultRow, count: number, has: (id: string) => boolean, truth: readonly string[]): void {
  const present = truth.filter(has);
  if (row.gap) {
    assert.equal(present.length, count, 'an event that the server never sent was loaded');
    return;
  }
  assert.ok(count <= truth.length);
  assert.deepEqual(present, truth.slice(0, count), 'the loaded events are not the first ones, each once');
}
