import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import type { PageFilter } from '../../../src/core/filter';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { type LoadResult, Timeline } from '../../../src/core/timeline';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource, type PismoOptions } from '../../../src/sources/pismo';
import type { PismoFilterParams } from '../../../src/sources/pismoFilter';
import { TalentLmsSource } from '../../../src/sources/talentlms';

const PISMO_EVENTS = 1200;
const LIMIT = 50;

interface Run {
  readonly timeline: Timeline;
  /** Every request's URL, query decoded. */
  readonly urls: URL[];
  /** What each loadMore call reported, including those that ended in the empty-page guard. */
  readonly loads: (LoadResult | TimelineError)[];
}

const ids = (events: readonly TimelineEvent[]): string[] => events.map((e) => e.id).sort();
const eventsOf = (timeline: Timeline): TimelineEvent[] => timeline.categories.flatMap((c) => [...c.events]);

describe('filters against the demo server, on both APIs', () => {
  let server: DemoServer;
  const clients: HttpClient[] = [];
  let allPismo: TimelineEvent[];
  let allTalent: TimelineEvent[];

  function http(urls: URL[]): HttpClient {
    const log = (e: RequestLogEntry): number => urls.push(new URL(e.url));
    const client = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: log, delay: async () => {} });
    clients.push(client);
    return client;
  }

  function pismo(filter?: PageFilter, options: { filterParams?: PismoFilterParams; filterLocally?: boolean; groupBy?: PismoOptions['groupBy'] } = {}): Run {
    const urls: URL[] = [];
    const source = new PismoSource({ baseUrl: new URL(server.url), http: http(urls), auth: { token: async () => server.token }, filterParams: options.filterParams, groupBy: options.groupBy });
    return { timeline: new Timeline(source, { limit: LIMIT, maxEmptyPages: 10, filter, filterLocally: options.filterLocally }), urls, loads: [] };
  }

  function talent(filter?: PageFilter): Run {
    const urls: URL[] = [];
    const source = new TalentLmsSource({ baseUrl: new URL(server.url), http: http(urls), apiKey: async () => server.token, apiVersion: '2025-01-01' });
    return { timeline: new Timeline(source, { limit: LIMIT, maxEmptyPages: 10, filter }), urls, loads: [] };
  }

  /** Loads to the end as a user pressing Load more (or Retry after the empty-page guard) would. */
  async function loadAll(run: Run): Promise<Run> {
    for (let i = 0; run.timeline.hasMore; i++) {
      if (i > 500) throw new Error('paging never ends');
      run.loads.push(await run.timeline.loadMore().catch((e: unknown) => e as TimelineError));
      const last = run.loads[run.loads.length - 1];
      if (last instanceof TimelineError && last.kind !== 'emptyRun') throw last;
    }
    return run;
  }

  before(async () => {
    server = await startDemoServer({ eventCount: PISMO_EVENTS, rateLimitPerWindow: 100_000 });
    allPismo = eventsOf((await loadAll(pismo())).timeline);
    allTalent = eventsOf((await loadAll(talent())).timeline);
    assert.equal(allPismo.length, PISMO_EVENTS);
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('Pismo: one category is sent, and paging goes on through short and empty filtered pages to the end', async () => {
    const run = await loadAll(pismo({ categories: ['DISPUTE'] }));
    const expected = allPismo.filter((e) => e.category === 'DISPUTE');
    assert.ok(expected.length > 0 && expected.length < PISMO_EVENTS / 10, `${expected.length} disputes`);
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    assert.ok(run.urls.every((u) => u.searchParams.get('category') === 'DISPUTE'), 'the category was not sent on every page');
    // The server read every page before filtering: as many pages as unfiltered, each short.
    assert.equal(run.timeline.pageCount, PISMO_EVENTS / LIMIT);
    assert.ok(run.loads.some((l) => !(l instanceof TimelineError) && l.pages > 1), 'no empty page was paged through');
  });

  it('Pismo: a run of empty filtered pages stops at the guard, and Load more goes on from there to every match', async () => {
    const rare = allPismo[PISMO_EVENTS - 3];
    const run = await loadAll(pismo({ types: [rare.type], categories: [rare.category], until: rare.timestamp }));
    const guard = run.loads.filter((l): l is TimelineError => l instanceof TimelineError);
    assert.ok(guard.length > 0, 'the empty-page guard never stopped the run');
    assert.match(guard[0].message, /No new events in the last 10 pages/);
    const expected = allPismo.filter((e) => e.type === rare.type && e.category === rare.category && e.sortKey <= rare.sortKey);
    assert.ok(expected.some((e) => e.id === rare.id));
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    assert.ok(run.urls.every((u) => u.searchParams.get('type') === rare.type && u.searchParams.get('endDate') === rare.timestamp));
  });

  it('Pismo: several values are matched by the extension (not sent), and the range is sent as beginDate/endDate', async () => {
    const [until, since] = [allPismo[200].timestamp, allPismo[900].timestamp];
    const run = await loadAll(pismo({ categories: ['CARD', 'CREDIT'], types: ['BLOCK', 'LIMIT_REACHED', 'ACTIVATION'], since, until }));
    const types = new Set(['BLOCK', 'LIMIT_REACHED', 'ACTIVATION']);
    const expected = allPismo.filter((e) => (e.category === 'CARD' || e.category === 'CREDIT') && types.has(e.type) && e.sortKey >= allPismo[900].sortKey && e.sortKey <= allPismo[200].sortKey);
    assert.ok(expected.length > 0);
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    for (const url of run.urls) {
      assert.equal(url.searchParams.has('category'), false);
      assert.equal(url.searchParams.has('type'), false);
      assert.equal(url.searchParams.get('beginDate'), since);
      assert.equal(url.searchParams.get('endDate'), until);
    }
  });

  it('Pismo: filterParams renames or turns off each parameter; what is not sent is still matched on each page', async () => {
    const run = await loadAll(pismo({ categories: ['DISPUTE'], since: allPismo[600].timestamp }, { filterParams: { category: 'eventCategory', beginDate: false } }));
    const expected = allPismo.filter((e) => e.category === 'DISPUTE' && e.sortKey >= allPismo[600].sortKey);
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    for (const url of run.urls) {
      assert.equal(url.searchParams.get('eventCategory'), 'DISPUTE');
      assert.equal(url.searchParams.has('category') || url.searchParams.has('beginDate'), false);
    }
    // Grouped by type, a category filter still means the item's category.
    const byType = await loadAll(pismo({ categories: ['DISPUTE'] }, { groupBy: 'type' }));
    assert.deepEqual(ids(eventsOf(byType.timeline)), ids(expected.length ? allPismo.filter((e) => e.category === 'DISPUTE') : []));
  });

  it('Pismo: a filterParams name that is not a plain parameter, or would overwrite paging, is a configuration error', () => {
    for (const [filterParams, named] of [[{ type: 'a&b' }, 'type'], [{ category: 'limit' }, 'category'], [{ beginDate: 'cursor' }, 'beginDate'], [{ endDate: 42 as never }, 'endDate']] as const) {
      // Thrown when the source is built (the extension builds it on the first page): an error node says what to fix.
      assert.throws(() => pismo({ types: ['BLOCK'] }, { filterParams }), (e: unknown) => e instanceof TimelineError && e.kind === 'config' && e.message.includes(`filterParams.${named} `));
    }
  });

  it('Pismo: a refused filter parameter names the filter; filtering in the extension instead reads on without it', async () => {
    const rejected = pismo({ types: ['card'] });
    const error = await rejected.timeline.loadMore().then(() => assert.fail('the demo should refuse type=card'), (e: unknown) => e);
    assert.ok(error instanceof TimelineError);
    assert.equal(error.kind, 'filterRejected');
    assert.match(error.message, /type=card \(400\)/);
    assert.equal(rejected.timeline.error, error);
    assert.equal(rejected.timeline.eventCount, 0);

    const local = await loadAll(pismo({ types: ['BLOCK'] , categories: ['CARD'] }, { filterLocally: true }));
    assert.ok(local.urls.every((u) => !u.searchParams.has('type') && !u.searchParams.has('category')));
    assert.deepEqual(ids(eventsOf(local.timeline)), ids(allPismo.filter((e) => e.type === 'BLOCK' && e.category === 'CARD')));
  });

  it('TalentLMS: one type and the range go to the server, which pages only the matches', async () => {
    const type = 'course_completion';
    const [newest, oldest] = [allTalent.map((e) => e.timestamp).sort().reverse()[100], allTalent.map((e) => e.timestamp).sort().reverse()[800]];
    const run = await loadAll(talent({ types: [type], since: oldest, until: newest }));
    const expected = allTalent.filter((e) => e.type === type && e.sortKey >= allTalent.find((x) => x.timestamp === oldest)!.sortKey && e.sortKey <= allTalent.find((x) => x.timestamp === newest)!.sortKey);
    assert.ok(expected.length > 0);
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    assert.equal(run.timeline.pageCount, Math.max(1, Math.ceil(expected.length / LIMIT)), 'the server did not filter');
    for (const url of run.urls) {
      assert.equal(url.searchParams.get('filter[event_type][eq]'), type);
      assert.equal(url.searchParams.get('filter[created_at][gte]'), oldest);
      assert.equal(url.searchParams.get('filter[created_at][lte]'), newest);
    }
  });

  it('TalentLMS: categories and several types are matched on each page, through short and empty pages', async () => {
    const run = await loadAll(talent({ categories: ['Certification', 'Automation'] }));
    const expected = allTalent.filter((e) => e.category === 'Certification' || e.category === 'Automation');
    assert.ok(expected.length > 0 && expected.length < allTalent.length / 4);
    assert.deepEqual(ids(eventsOf(run.timeline)), ids(expected));
    assert.equal(run.timeline.pageCount, Math.ceil(allTalent.length / LIMIT));
    assert.ok(run.urls.every((u) => ![...u.searchParams.keys()].some((k) => k.startsWith('filter['))));
  });

  it('TalentLMS: a refused filter parameter names it', async () => {
    const run = talent({ types: ['User login'] });
    const error = await run.timeline.loadMore().then(() => assert.fail('the demo should refuse the type'), (e: unknown) => e);
    assert.ok(error instanceof TimelineError);
    assert.equal(error.kind, 'filterRejected');
    assert.match(error.message, /filter\[event_type\]\[eq\]=User login \(400\)/);
  });
});
