import * as assert from 'node:assert/strict';
import { LoadBudget } from '../../../src/core/budget';
import type { TimelineEvent } from '../../../src/core/event';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { type Instant, instantSortKey, parseInstant } from '../../../src/core/instant';
import { loadUntil } from '../../../src/core/loadUntil';
import { Redactor } from '../../../src/core/redact';
import type { TimelineSource } from '../../../src/core/source';
import { Timeline, type TimelineOptions } from '../../../src/core/timeline';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';

/** 26 Pismo pages and 10 TalentLMS pages of 100 events. */
const EVENTS = 2600;
const LIMIT = 100;

function at(timestamp: string): Instant {
  const instant = parseInstant(timestamp, 0);
  if ('error' in instant) assert.fail(instant.error);
  return instant;
}

describe('loadUntil: read a timeline back to an instant, against the demo server', () => {
  let server: DemoServer;
  const clients: HttpClient[] = [];
  let requests = 0;
  /** Every event of each API, in the order pages bring them. */
  let pismoEvents: TimelineEvent[];
  let talentEvents: TimelineEvent[];

  before(async () => {
    server = await startDemoServer({ eventCount: EVENTS });
    pismoEvents = await readAll(pismo());
    talentEvents = await readAll(talent());
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  function http(): HttpClient {
    const client = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: () => requests++ });
    clients.push(client);
    return client;
  }

  function pismo(options: Partial<TimelineOptions> = {}, on: DemoServer = server): Timeline {
    const source = new PismoSource({ baseUrl: new URL(on.url), http: http(), auth: { token: async () => on.token } });
    return new Timeline(source, { limit: LIMIT, maxEmptyPages: 3, ...options });
  }

  function talent(): Timeline {
    const source: TimelineSource = new TalentLmsSource({ baseUrl: new URL(server.url), http: http(), apiKey: async () => server.token, apiVersion: '2025-01-01' });
    return new Timeline(source, { limit: LIMIT, maxEmptyPages: 3 });
  }

  async function readAll(timeline: Timeline): Promise<TimelineEvent[]> {
    while (timeline.hasMore) await timeline.loadMore();
    return [...timeline.events()];
  }

  /** The ids of the events at or after `instant`: what a load back to it must hold. */
  function sinceIds(events: readonly TimelineEvent[], instant: Instant): string[] {
    const from = instantSortKey(instant);
    return events.filter((e) => e.sortKey >= from).map((e) => e.id);
  }

  it('stops at the page holding the first Pismo event older than the instant', async () => {
    // page 5 holds events 400–499; the instant falls between events 450 and 451
    const instant = at(pismoEvents[450].timestamp);
    const timeline = pismo();
    const result = await loadUntil(timeline, instant);
    assert.deepEqual(result, { events: 500, pages: 5, complete: true, end: 'reached' });
    const held = new Set([...timeline.events()].map((e) => e.id));
    const wanted = sinceIds(pismoEvents, instant);
    assert.equal(wanted.length, 451);
    assert.ok(wanted.every((id) => held.has(id)));
  });

  it('reads one page more when the page\'s last event is exactly the instant: that event is held, the next is older', async () => {
    const timeline = pismo();
    const result = await loadUntil(timeline, at(pismoEvents[499].timestamp));
    assert.deepEqual([result.pages, result.end, timeline.eventCount], [6, 'reached', 600]);
  });

  it('keeps nanoseconds: an instant one nanosecond after an event leaves that event out of what it must hold', async () => {
    const event = pismoEvents[499].timestamp; // nine fractional digits
    assert.match(event, /\.\d{9}Z$/);
    // the next nanosecond, written as unix nanoseconds
    const later = at(String(at(event).ns + 1n));
    assert.equal(later.ns - at(event).ns, 1n);
    const timeline = pismo();
    assert.equal((await loadUntil(timeline, later)).pages, 5);
  });

  it('reads to the end when the instant is older than every event', async () => {
    const timeline = pismo();
    const result = await loadUntil(timeline, at('2000-01-01'));
    assert.deepEqual(result, { events: EVENTS, pages: 26, complete: true, end: 'end' });
    assert.equal(timeline.hasMore, false);
  });

  it('asks nothing when what is loaded already reaches back far enough', async () => {
    const timeline = pismo();
    await timeline.loadMore();
    await timeline.loadMore();
    const before = requests;
    const result = await loadUntil(timeline, at(pismoEvents[150].timestamp));
    assert.deepEqual(result, { events: 0, pages: 0, complete: true, end: 'reached' });
    assert.equal(requests, before);
  });

  it('stops when cancelled, keeps what it read, and reads no more', async () => {
    const timeline = pismo();
    const controller = new AbortController();
    const stop = timeline.onPage(() => {
      if (timeline.pageCount === 3) controller.abort();
    });
    const result = await loadUntil(timeline, at('2000-01-01'), { signal: controller.signal });
    stop();
    assert.equal(result.end, 'cancelled');
    assert.equal(result.complete, false);
    assert.equal(timeline.pageCount, 3);
    assert.equal(timeline.eventCount, 300);
    const before = requests;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(requests, before);
  });

  it('stops at the memory budget with its sentence', async () => {
    const budget = new LoadBudget(() => ({ maxBytes: Number.POSITIVE_INFINITY, maxEvents: 250 }));
    const timeline = pismo({ budget });
    const result = await loadUntil(timeline, at('2000-01-01'));
    assert.equal(result.end, 'error');
    assert.equal(result.complete, false);
    assert.equal(result.error?.kind, 'budget');
    assert.match(result.error?.message ?? '', /300 events are loaded in this window/);
    assert.equal(timeline.eventCount, 300);
    timeline.dispose();
  });

  it('does not call a timeline complete when its server repeated a cursor', async () => {
    const timeline = pismo();
    await timeline.loadMore();
    await timeline.loadMore();
    server.injectFault('repeat-cursor', { path: '/timeline/v1/timeline' });
    const result = await loadUntil(timeline, at('2000-01-01'));
    assert.deepEqual([result.end, result.complete, result.pages, result.error?.kind], ['error', false, 1, 'repeatCursor']);
    // paging ended there, with the rest unread: asked again, it says so again and reads nothing
    const again = await loadUntil(timeline, at('2000-01-01'));
    assert.deepEqual([again.end, again.complete, again.pages], ['error', false, 0]);
    server.clearFaults();
  });

  it('stops after maxPages, and goes on from there when called again', async () => {
    const timeline = pismo();
    const first = await loadUntil(timeline, at(pismoEvents[950].timestamp), { maxPages: 4 });
    assert.deepEqual(first, { events: 400, pages: 4, complete: false, end: 'maxPages' });
    const rest = await loadUntil(timeline, at(pismoEvents[950].timestamp));
    assert.deepEqual(rest, { events: 600, pages: 6, complete: true, end: 'reached' });
  });

  it('on a filtered timeline, stops at the first event read older than the instant, kept or not', async () => {
    // only DISPUTE events are kept; the instant is a page's last DISPUTE, so the next one kept is pages later
    const dispute = (i: number): boolean => pismoEvents[i].category === 'DISPUTE';
    const page = [2, 3, 4, 5, 6, 7, 8].find((p) => {
      const last = lastIndexWhere(dispute, (p - 1) * LIMIT, p * LIMIT);
      return last >= 0 && last < p * LIMIT - 1 && !dispute(p * LIMIT);
    });
    assert.ok(page !== undefined, 'no page fits');
    const instantIndex = lastIndexWhere(dispute, (page - 1) * LIMIT, page * LIMIT);
    const timeline = pismo({ filter: { categories: ['DISPUTE'] }, filterLocally: true });
    const result = await loadUntil(timeline, at(pismoEvents[instantIndex].timestamp));
    assert.deepEqual([result.pages, result.end], [page, 'reached']);
    const kept = pismoEvents.slice(0, page * LIMIT).filter((e) => e.category === 'DISPUTE').map((e) => e.id);
    assert.deepEqual([...timeline.events()].map((e) => e.id), kept);
  });

  function lastIndexWhere(test: (i: number) => boolean, from: number, to: number): number {
    for (let i = to - 1; i >= from; i--) if (test(i)) return i;
    return -1;
  }

  it('reads a TalentLMS timeline back to an instant of whole seconds', async () => {
    const instant = at(talentEvents[250].timestamp);
    assert.match(talentEvents[250].timestamp, /:\d{2}Z$/);
    const timeline = talent();
    const result = await loadUntil(timeline, instant);
    assert.equal(result.end, 'reached');
    assert.equal(result.complete, true);
    const firstOlder = talentEvents.findIndex((e) => e.sortKey < instantSortKey(instant));
    assert.equal(result.pages, Math.floor(firstOlder / LIMIT) + 1);
    const held = new Set([...timeline.events()].map((e) => e.id));
    assert.ok(sinceIds(talentEvents, instant).every((id) => held.has(id)));
  });

  it('reads to the end of a TalentLMS timeline', async () => {
    const result = await loadUntil(talent(), at('2000-01-01'));
    assert.deepEqual(result, { events: server.talentEventCount, pages: server.talentEventCount / LIMIT, complete: true, end: 'end' });
  });

  it('also reads a gap that a check for newer events left above the instant', async () => {
    const growing = await startDemoServer({ eventCount: 500 });
    try {
      const timeline = pismo({}, growing);
      await timeline.loadMore();
      const oldNewest = [...timeline.events()][0];
      growing.appendEvents(300);
      const newer = await timeline.checkNewer(1);
      assert.equal(newer.gap, true);
      const result = await loadUntil(timeline, at(oldNewest.timestamp));
      assert.equal(result.end, 'reached');
      assert.deepEqual(timeline.gaps, []);
      // every event from the newest down to the instant: the 300 new ones, then the first page's
      const reference = await readAll(pismo({}, growing));
      const held = new Set([...timeline.events()].map((e) => e.id));
      const wanted = reference.filter((e) => e.sortKey >= oldNewest.sortKey);
      assert.equal(wanted.length, 301);
      assert.ok(wanted.every((e) => held.has(e.id)));
    } finally {
      await growing.close();
    }
  });
});
