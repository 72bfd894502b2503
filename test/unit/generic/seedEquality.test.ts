import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import type { PageFilter } from '../../../src/core/filter';
import { Timeline } from '../../../src/core/timeline';
import { parseBaseUrl } from '../../../src/core/url';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';
import { Clients, eventView, failure, loadAll, newTimeline, presetSource, treeView } from './harness';

const LIMIT = 100;
const PISMO_PATH = '/timeline/v1/timeline';
const TALENT_PATH = '/api/v2/timeline';

/** Both timelines, loaded the same way, show the same tree: categories, order, fields and bytes of every event. */
function assertSameTree(generic: Timeline, builtIn: Timeline, view?: (e: TimelineEvent) => Record<string, unknown>): void {
  assert.equal(generic.eventCount, builtIn.eventCount);
  assert.deepEqual(treeView(generic, view), treeView(builtIn, view));
  assert.equal(generic.pageCount, builtIn.pageCount, 'the same pages were read');
  assert.equal(generic.hasMore, builtIn.hasMore);
}

describe('Pismo and TalentLMS written as generic mappings load what the built-in sources load', () => {
  let server: DemoServer;
  const clients = new Clients();

  before(async () => {
    server = await startDemoServer({ eventCount: 1500, talentEventCount: 700 });
  });

  after(async () => {
    await clients.closeAll();
    await server.close();
  });

  afterEach(() => server.clearFaults());

  function pismo(): PismoSource {
    const baseUrl = parseBaseUrl(server.url);
    return new PismoSource({ baseUrl, http: clients.http(baseUrl), auth: { token: async () => server.token } });
  }

  function talent(): TalentLmsSource {
    const baseUrl = parseBaseUrl(server.url);
    return new TalentLmsSource({ baseUrl, http: clients.http(baseUrl), apiKey: async () => server.token, apiVersion: '2025-01-01' });
  }

  async function both(builtIn: () => PismoSource | TalentLmsSource, presetId: string, filter?: PageFilter, fault?: { mode: string; path: string; times: number }): Promise<[Timeline, Timeline]> {
    const out: Timeline[] = [];
    for (const source of [() => presetSource(server, clients, presetId), builtIn]) {
      if (fault) server.injectFault(fault.mode, { path: fault.path, times: fault.times });
      const timeline = newTimeline(source(), LIMIT, { filter });
      await loadAll(timeline);
      out.push(timeline);
      server.clearFaults();
    }
    return [out[0], out[1]];
  }

  it('Pismo: every event, category, order and byte, the whole timeline', async () => {
    const [generic, builtIn] = await both(pismo, 'pismo');
    assert.equal(generic.eventCount, server.eventCount);
    assertSameTree(generic, builtIn, (e) => ({ ...eventView(e), label: e.label, accountId: e.accountId }));
  });

  it('Pismo: a filtered timeline, where pages come back empty with has_next and are followed', async () => {
    const from = clients.log.length;
    // rare: most pages of 100 hold none, and Pismo filters after reading, so they come back empty with has_next
    const filter = { types: ['DELETION'] };
    const generic = newTimeline(presetSource(server, clients, 'pismo'), LIMIT, { filter });
    let emptyPages = 0;
    generic.onPage((events) => (emptyPages += events.length === 0 ? 1 : 0));
    await loadAll(generic);
    const builtIn = newTimeline(pismo(), LIMIT, { filter });
    await loadAll(builtIn);
    assert.ok(generic.eventCount > 0);
    assert.ok(emptyPages > 3, `${emptyPages} empty pages`);
    assertSameTree(generic, builtIn);
    const urls = clients.urls(from);
    assert.ok(urls.every((u) => u.searchParams.get('type') === 'DELETION'), 'the type filter goes to the server');
  });

  // empty-pages drops the items of the pages it hits, keeping has_next and the cursor: paging must go on past them
  for (const [fault, lost] of [['empty-pages', 3 * LIMIT], ['503', 0], ['reset', 0], ['duplicates', 0]] as const) {
    it(`Pismo through the demo's ${fault} fault: the same events`, async () => {
      const [generic, builtIn] = await both(pismo, 'pismo', undefined, { mode: fault, path: PISMO_PATH, times: 3 });
      assert.equal(generic.eventCount, server.eventCount - lost);
      assertSameTree(generic, builtIn);
    });
  }

  it('Pismo: a truncated page is the same error for both, and Retry goes on', async () => {
    for (const make of [() => presetSource(server, clients, 'pismo'), pismo]) {
      const timeline = newTimeline(make(), LIMIT);
      await timeline.loadMore();
      server.injectFault('truncated', { path: PISMO_PATH });
      assert.equal((await failure(timeline.loadMore())).kind, 'badJson');
      await loadAll(timeline);
      assert.equal(timeline.eventCount, server.eventCount);
    }
  });

  it('Pismo: a cursor handed back unchanged ends paging with the same events (the generic source reads it as caught up)', async () => {
    const generic = newTimeline(presetSource(server, clients, 'pismo'), LIMIT);
    const builtIn = newTimeline(pismo(), LIMIT);
    for (const timeline of [generic, builtIn]) {
      await timeline.loadMore();
      server.injectFault('repeat-cursor', { path: PISMO_PATH });
      await timeline.loadMore().catch((e: unknown) => assert.equal((e as { kind?: string }).kind, 'repeatCursor'));
    }
    assert.equal(generic.error, undefined);
    assert.equal(builtIn.error?.kind, 'repeatCursor');
    assert.equal(generic.hasMore, false);
    assert.equal(builtIn.hasMore, false);
    assertSameTree(generic, builtIn);
  });

  it('TalentLMS: every event, category, order and byte, following _links.next', async () => {
    const [generic, builtIn] = await both(talent, 'talentlms');
    assert.equal(generic.eventCount, server.talentEventCount);
    assertSameTree(generic, builtIn);
    assert.ok(generic.categories.some((c) => c.name === 'Other'), 'types no table lists fall under Other');
    // the demo's budget is server-wide, so only its limit is the same for both
    assert.equal(generic.rateLimit?.limit, builtIn.rateLimit?.limit);
    assert.ok(Number.isInteger(generic.rateLimit?.remaining));
  });

  it('TalentLMS: filtered by type and time on the server, the same events', async () => {
    const filter = { types: ['course_completion'], since: '2025-06-28T00:00:00Z' };
    const from = clients.log.length;
    const [generic, builtIn] = await both(talent, 'talentlms', filter);
    assert.ok(generic.eventCount > 0);
    assertSameTree(generic, builtIn);
    const first = clients.urls(from)[0];
    assert.equal(first.searchParams.get('filter[event_type][eq]'), 'course_completion');
    assert.equal(first.searchParams.get('filter[created_at][gte]'), '2025-06-28T00:00:00Z');
  });

  it('TalentLMS through 503s: the same events', async () => {
    const [generic, builtIn] = await both(talent, 'talentlms', undefined, { mode: '503', path: TALENT_PATH, times: 2 });
    assertSameTree(generic, builtIn);
    assert.equal(generic.eventCount, server.talentEventCount);
  });
});
