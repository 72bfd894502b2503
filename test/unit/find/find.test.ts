import * as assert from 'node:assert/strict';
import { LoadBudget } from '../../../src/core/budget';
import { TimelineError } from '../../../src/core/errors';
import { Search } from '../../../src/core/find';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { parseQuery } from '../../../src/core/query/parse';
import { QueryMatcher } from '../../../src/core/query/queryMatcher';
import { Redactor } from '../../../src/core/redact';
import { Timeline } from '../../../src/core/timeline';
import { LAST_PAGE_CORRELATION_ID, SPANNING_CORRELATION_ID } from '../../../src/demo/pismoScenarios';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';

/** 26 pages of 100 events. */
const EVENTS = 2600;
const LIMIT = 100;

describe('Search: find across pages against the demo server', () => {
  let server: DemoServer;
  const clients: HttpClient[] = [];
  let requests = 0;

  before(async () => {
    server = await startDemoServer({ eventCount: EVENTS });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  /** A fresh connection: a Timeline over PismoSource over HttpClient, nothing loaded. */
  function fresh(budget?: LoadBudget): Timeline {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: () => requests++ });
    clients.push(http);
    const source = new PismoSource({ baseUrl: new URL(server.url), http, auth: { token: async () => server.token } });
    return new Timeline(source, { limit: LIMIT, maxEmptyPages: 10, budget });
  }

  /** As Session.loadMore: a failure stays on the timeline. */
  const loader = (timeline: Timeline) => () => timeline.loadMore().catch(() => undefined);

  it('finds a correlation id that only the last of 26 pages holds, from a fresh connection', async () => {
    const timeline = fresh();
    const search = new Search(timeline, LAST_PAGE_CORRELATION_ID, loader(timeline));
    const result = await search.run(100);
    assert.equal(result.end, 'end');
    assert.equal(result.complete, true);
    assert.equal(result.pagesRead, 26);
    assert.equal(timeline.pageCount, 26);
    assert.deepEqual(result.matches.map((e) => e.correlationId), [LAST_PAGE_CORRELATION_ID]);
    // the oldest event of the timeline, and the only one with that id
    const oldest = [...timeline.events()].reduce((a, b) => (a.sortKey < b.sortKey ? a : b));
    assert.equal(result.matches[0].id, oldest.id);
    assert.equal(search.eventsScanned, EVENTS);
  });

  it('finds a whole correlation chain spread over pages 1, 2 and 3, newest first', async () => {
    const timeline = fresh();
    await timeline.loadMore();
    const search = new Search(timeline, SPANNING_CORRELATION_ID.toUpperCase(), loader(timeline));
    // the loaded page's match is there at once, before any request
    assert.equal(search.matches.length, 1);
    const result = await search.run(100);
    assert.deepEqual(result.matches.map((e) => e.type), ['CANCELLATION', 'CREATE', 'AUTHORIZE']);
    assert.ok(result.matches.every((e) => e.correlationId === SPANNING_CORRELATION_ID));
    assert.ok(result.matches[0].sortKey > result.matches[1].sortKey && result.matches[1].sortKey > result.matches[2].sortKey);
    assert.equal(result.pagesRead, 25);
    assert.deepEqual(timeline.related(SPANNING_CORRELATION_ID).map((e) => e.id), result.matches.map((e) => e.id));
  });

  it('stops at the event whose id it was asked for', async () => {
    const target = await idOnPage(3);
    const timeline = fresh();
    const result = await new Search(timeline, target, loader(timeline)).run(100);
    assert.equal(result.end, 'found');
    assert.equal(result.complete, true);
    assert.equal(result.pagesRead, 3);
    assert.deepEqual(result.matches.map((e) => e.id), [target]);
  });

  it('stops after maxPages, then searches further from there', async () => {
    const timeline = fresh();
    const search = new Search(timeline, SPANNING_CORRELATION_ID, loader(timeline));
    const first = await search.run(2);
    assert.deepEqual([first.end, first.complete, first.pagesRead, timeline.pageCount], ['maxPages', false, 2, 2]);
    assert.equal(first.matches.length, 2);
    const further = await search.run(2);
    assert.deepEqual([further.end, further.pagesRead, timeline.pageCount, further.matches.length], ['maxPages', 4, 4, 3]);
  });

  it('keeps every page read when cancelled, and reads no more', async () => {
    const timeline = fresh();
    const controller = new AbortController();
    const search = new Search(timeline, LAST_PAGE_CORRELATION_ID, loader(timeline), () => {
      if (timeline.pageCount === 4) controller.abort();
    });
    const result = await search.run(100, controller.signal);
    assert.equal(result.end, 'cancelled');
    assert.equal(result.complete, false);
    assert.equal(timeline.eventCount, timeline.pageCount * LIMIT);
    assert.ok(timeline.pageCount >= 4 && timeline.pageCount <= 5, `${timeline.pageCount} pages`);
    const before = requests;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(requests, before);
    assert.equal(timeline.isLoading, false);
  });

  it('a replaced search stops after its page and leaves the timeline to the next one', async () => {
    const timeline = fresh();
    const first = new Search(timeline, LAST_PAGE_CORRELATION_ID, loader(timeline));
    const running = first.run(100);
    first.dispose();
    const ended = await running;
    assert.equal(ended.end, 'cancelled');
    assert.ok(timeline.pageCount <= 1, `${timeline.pageCount} pages`);
    const second = await new Search(timeline, SPANNING_CORRELATION_ID, loader(timeline)).run(2);
    assert.equal(second.end, 'maxPages');
    assert.equal(timeline.error, undefined);
  });

  it('stops at the memory budget with a sentence, keeping what was loaded; dropping a timeline frees its share', async () => {
    const budget = new LoadBudget(() => ({ maxBytes: Number.POSITIVE_INFINITY, maxEvents: 250 }));
    const timeline = fresh(budget);
    const result = await new Search(timeline, LAST_PAGE_CORRELATION_ID, loader(timeline)).run(100);
    assert.equal(result.end, 'error');
    assert.ok(result.error instanceof TimelineError && result.error.kind === 'budget');
    assert.match(result.error.message, /300 events are loaded in this window.*Refresh/);
    assert.equal(timeline.eventCount, 300);
    // a second timeline of the same window shares the budget
    const other = fresh(budget);
    await assert.rejects(other.loadMore(), (e: unknown) => e instanceof TimelineError && e.kind === 'budget');
    timeline.dispose();
    await other.loadMore();
    assert.equal(other.eventCount, LIMIT);
  });

  it('counts raw bytes against the budget too', async () => {
    const budget = new LoadBudget(() => ({ maxBytes: 1, maxEvents: Number.POSITIVE_INFINITY }));
    const timeline = fresh(budget);
    await timeline.loadMore();
    await assert.rejects(timeline.loadMore(), /MB of events are loaded in this window/);
    assert.equal(timeline.pageCount, 1);
  });

  it('finds TalentLMS events by the label the platform gives their type, on every page', async () => {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor() });
    clients.push(http);
    const source = new TalentLmsSource({ baseUrl: new URL(server.url), http, apiKey: async () => server.token, apiVersion: '2025-01-01' });
    const timeline = new Timeline(source, { limit: LIMIT, maxEmptyPages: 10 });
    const result = await new Search(timeline, 'user COMPLETED course', loader(timeline)).run(100);
    assert.equal(result.end, 'end');
    assert.equal(result.pagesRead, server.talentEventCount / LIMIT);
    const expected = [...timeline.events()].filter((e) => e.type === 'course_completion');
    assert.ok(expected.length > 1);
    assert.deepEqual(new Set(result.matches.map((e) => e.id)), new Set(expected.map((e) => e.id)));
  });

  it('runs a field query handed to it as a matcher, on every page, as a plain query runs', async () => {
    const timeline = fresh();
    const result = await new Search(timeline, fieldQuery(`category:DISPUTE $.correlation_id:${SPANNING_CORRELATION_ID}`), loader(timeline)).run(100);
    assert.equal(result.end, 'end');
    assert.equal(result.pagesRead, EVENTS / LIMIT);
    assert.deepEqual(result.matches.map((e) => [e.category, e.correlationId]), [['DISPUTE', SPANNING_CORRELATION_ID]]);
  });

  it('stops reading once it is past a since: term, complete', async () => {
    const probe = fresh();
    for (let i = 0; i < 3; i++) await probe.loadMore();
    const third = [...probe.events()][2 * LIMIT + 50];
    const timeline = fresh();
    const result = await new Search(timeline, fieldQuery(`since:${third.timestamp}`), loader(timeline)).run(100);
    assert.deepEqual([result.end, result.complete, result.pagesRead], ['end', true, 3]);
    assert.ok(result.matches.length >= 2 * LIMIT + 51 && result.matches.every((e) => e.sortKey >= third.sortKey));
  });

  function fieldQuery(text: string): QueryMatcher {
    const query = parseQuery(text, { nowMs: Date.now() });
    if ('error' in query) assert.fail(query.error);
    return new QueryMatcher(query);
  }

  /** The id of the first event of page `n` (1-based), read with a timeline of its own. */
  async function idOnPage(n: number): Promise<string> {
    const timeline = fresh();
    for (let i = 0; i < n; i++) await timeline.loadMore();
    return [...timeline.events()][(n - 1) * LIMIT].id;
  }
});
