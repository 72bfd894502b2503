import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { auth0DemoClient } from '../../../src/demo/generic/apiRoutes';
import type { GenericPage } from '../../../src/sources/generic/genericSource';
import { Clients, failure, loadAll, newTimeline, presetMapping, presetSource } from './harness';

const EVENTS = 230;
const LIMIT = 40;
const PAGES = Math.ceil(EVENTS / LIMIT);
const signal = (): AbortSignal => new AbortController().signal;

describe('generic paging styles and stop rules, over HTTP on the demo server', () => {
  let server: DemoServer;
  const clients = new Clients();

  before(async () => {
    server = await startDemoServer({ apiEventCount: EVENTS });
  });

  after(async () => {
    await clients.closeAll();
    await server.close();
  });

  /** Loads a preset (or a variant of its mapping) to the end: the timeline and the URLs it asked for. */
  async function load(presetId: string, changes: Record<string, unknown> = {}, limit = LIMIT): Promise<{ events: number; urls: URL[]; emptyPages: number; timeline: ReturnType<typeof newTimeline> }> {
    const from = clients.log.length;
    const timeline = newTimeline(presetSource(server, clients, presetId, { mapping: presetMapping(presetId, changes) }), limit);
    let emptyPages = 0;
    timeline.onPage((events) => (emptyPages += events.length === 0 ? 1 : 0));
    await loadAll(timeline);
    assert.equal(timeline.error, undefined);
    return { events: timeline.eventCount, urls: clients.urls(from), emptyPages, timeline };
  }

  it('cursor from the last item (Stripe): starting_after = the last id while has_more, and not one request more', async () => {
    const { events, urls, timeline } = await load('stripe-events');
    assert.equal(events, EVENTS);
    assert.equal(urls.length, PAGES);
    assert.equal(urls[0].searchParams.has('starting_after'), false);
    const byId = new Map([...timeline.events()].map((e) => [e.id, e]));
    for (const url of urls.slice(1)) assert.ok(byId.has(url.searchParams.get('starting_after') ?? ''), url.href);
  });

  it('cursor in the body, "" at the end (Slack) or absent at the end (Kubernetes)', async () => {
    for (const id of ['slack-audit-logs', 'kubernetes-events']) {
      const { events, urls } = await load(id);
      assert.equal(events, EVENTS, id);
      assert.equal(urls.length, PAGES, id);
      assert.ok(urls.slice(1).every((u) => u.searchParams.get(id === 'slack-audit-logs' ? 'cursor' : 'continue')), id);
    }
  });

  it('an explicit flag wins: Svix ends at done=true although its iterator is still set', async () => {
    const { events, urls } = await load('svix-attempts');
    assert.equal(events, EVENTS);
    assert.equal(urls.length, PAGES, 'the last iterator was not followed');
    const withoutFlag = await load('svix-attempts', { paging: { style: 'cursor', next: '$.iterator', param: 'iterator' } });
    assert.equal(withoutFlag.urls.length, PAGES + 1, 'without the flag, the iterator is followed to an empty page');
  });

  it('a page that is empty while the cursor says more is followed (Datadog), and counts as read', async () => {
    const { events, urls, emptyPages } = await load('datadog-events');
    assert.equal(events, EVENTS);
    assert.equal(emptyPages, 1);
    assert.equal(urls.length, PAGES + 1);
  });

  it('nextUrl: Datadog\'s links.next, followed as given under the base URL', async () => {
    const { events, urls } = await load('datadog-events', { paging: { style: 'nextUrl', next: '$.links.next' } });
    assert.equal(events, EVENTS);
    assert.equal(urls.length, PAGES + 1);
    for (const url of urls.slice(1)) assert.ok(url.pathname === '/datadog/api/v2/events' && url.searchParams.has('page[cursor]'), url.href);
  });

  it('linkHeader: GitHub\'s audit log and Okta, newest first, follow rel="next" until there is none', async () => {
    for (const id of ['github-audit-log', 'okta-system-log']) {
      const { events, urls, timeline } = await load(id);
      assert.equal(events, EVENTS, id);
      assert.equal(urls.length, PAGES, id);
      assert.ok(urls.slice(1).every((u) => u.searchParams.has('after')), id);
      assert.equal(timeline.hasMore, false);
    }
  });

  it('page: GitHub events end at the first empty page; with total, TalentLMS ends without asking for it', async () => {
    const github = await load('github-events');
    assert.equal(github.events, EVENTS);
    assert.equal(github.urls.length, PAGES + 1);
    assert.deepEqual(github.urls.map((u) => u.searchParams.get('page')), Array.from({ length: PAGES + 1 }, (_, k) => String(k + 1)));
    const talentPages = Math.ceil(server.talentEventCount / 100);
    const talent = await load('talentlms', { query: {}, paging: { style: 'page', param: 'page[number]', sizeParam: 'page[size]', total: '$._meta.pagination.total_pages' } }, 100);
    assert.equal(talent.events, server.talentEventCount);
    assert.equal(talent.urls.length, talentPages);
  });

  it('offset: PagerDuty by its more flag, by a short page without it, and by total', async () => {
    const byFlag = await load('pagerduty-log-entries');
    assert.equal(byFlag.events, EVENTS);
    assert.deepEqual(byFlag.urls.map((u) => u.searchParams.get('offset')), Array.from({ length: PAGES }, (_, k) => String(k * LIMIT)));
    const byShortPage = await load('pagerduty-log-entries', { paging: { style: 'offset', param: 'offset' } });
    assert.equal(byShortPage.events, EVENTS);
    assert.equal(byShortPage.urls.length, PAGES);
    const exact = await load('pagerduty-log-entries', { query: { limit: '{pageSize}', total: 'true' }, paging: { style: 'offset', param: 'offset', total: '$.total' } }, EVENTS / 5);
    assert.equal(exact.events, EVENTS);
    assert.equal(exact.urls.length, 5, 'total says where it ends, even after a full page');
  });

  it('none: one request, one page', async () => {
    const { events, urls, timeline } = await load('slack-audit-logs', { paging: { style: 'none' } });
    assert.equal(events, LIMIT);
    assert.equal(urls.length, 1);
    assert.equal(timeline.hasMore, false);
  });

  it('a flag that says more with no cursor to go on is an error naming the path, not a silent end', async () => {
    const source = presetSource(server, clients, 'stripe-events', { mapping: presetMapping('stripe-events', { paging: { style: 'cursor', next: '$last.uuid', param: 'starting_after', hasMore: '$.has_more' } }) });
    const error = await failure(source.fetchPage({ limit: LIMIT }, signal()));
    assert.equal(error.kind, 'badShape');
    assert.equal(error.message, 'The page says there is more ($.has_more), but there is no cursor at $last.uuid: paging cannot go on.');
  });

  it('sends the server-side filters by name and format, and matches every page itself too', async () => {
    const since = '2025-06-30T10:00:00.5Z';
    const until = '2025-06-30T20:00:00Z';
    const from = clients.log.length;
    const stripe = newTimeline(presetSource(server, clients, 'stripe-events'), LIMIT, { filter: { types: ['invoice.paid'], since, until } });
    await loadAll(stripe);
    const first = clients.urls(from)[0];
    assert.equal(first.searchParams.get('type'), 'invoice.paid');
    assert.equal(first.searchParams.get('created[gte]'), String(Date.parse('2025-06-30T10:00:00Z') / 1000), 'since rounds down');
    assert.equal(first.searchParams.get('created[lte]'), String(Date.parse(until) / 1000));
    assert.ok(stripe.eventCount > 0);
    for (const e of stripe.events()) assert.ok(e.type === 'invoice.paid' && e.timestamp >= since.slice(0, 19) && e.timestamp <= until, e.id);

    const at = clients.log.length;
    const datadog = newTimeline(presetSource(server, clients, 'datadog-events'), LIMIT, { filter: { since, until } });
    await loadAll(datadog);
    const asked = clients.urls(at)[0];
    assert.equal(asked.searchParams.get('filter[from]'), String(Date.parse(since)));
    assert.equal(asked.searchParams.get('filter[to]'), String(Date.parse(until)));
    assert.ok(datadog.eventCount > 0 && datadog.eventCount < EVENTS);

    const audit = presetSource(server, clients, 'github-audit-log');
    const page = await audit.fetchPage({ limit: 100, filter: { text: 'action:repo.' } as never }, signal());
    assert.ok(page.events.length > 0 && page.events.every((e) => e.type.startsWith('repo.')));
  });

  it('reads the rate-limit budget from the headers the mapping names', async () => {
    const page = await presetSource(server, clients, 'github-events').fetchPage({ limit: LIMIT }, signal());
    assert.deepEqual(page.rateLimit, { remaining: 4999, limit: 5000 });
  });

  it('asks at most maxPageSize per page, and refuses a page far larger than asked', async () => {
    const from = clients.log.length;
    const page = await presetSource(server, clients, 'stripe-events').fetchPage({ limit: 1000 }, signal());
    assert.equal(clients.urls(from)[0].searchParams.get('limit'), '100');
    assert.equal(page.events.length, 100);
    const flood = presetSource(server, clients, 'slack-audit-logs', { mapping: presetMapping('slack-audit-logs', { query: { limit: '200' } }) });
    const error = await failure(flood.fetchPage({ limit: 2 }, signal()));
    assert.equal(error.kind, 'tooLarge');
  });

  it('mints an OAuth 2 client-credentials token on the same host once, and sends it as Bearer', async () => {
    const { clientId, clientSecret } = auth0DemoClient(server.token);
    const mapping = presetMapping('auth0-logs', { auth: { scheme: 'oauth2', tokenPath: '/oauth/token', clientId, params: { audience: 'https://demo.auth0.com/api/v2/' } } });
    const from = clients.log.length;
    const timeline = newTimeline(presetSource(server, clients, 'auth0-logs', { mapping, secrets: { clientSecret } }), LIMIT);
    await loadAll(timeline);
    assert.equal(timeline.eventCount, EVENTS);
    const log = clients.log.slice(from);
    assert.deepEqual(log.filter((e) => e.method === 'POST').map((e) => new URL(e.url).pathname), ['/auth0/oauth/token']);
    assert.equal(log[0].method, 'POST');
    const refused = presetSource(server, clients, 'auth0-logs', { mapping, secrets: { clientSecret: 'wrong' } });
    const error = await failure(refused.fetchPage({ limit: LIMIT }, signal()));
    assert.equal(error.kind, 'auth');
    assert.equal(error.message, 'The token endpoint refused the client id and secret (401): set the secret again.');
  });
});

describe('generic paging: caught up, where newer events are read from', () => {
  let server: DemoServer;
  const clients = new Clients();

  beforeEach(async () => {
    server = await startDemoServer({ apiEventCount: 90 });
  });

  afterEach(async () => {
    await clients.closeAll();
    await server.close();
  });

  /** Pages to the end by hand, as the Timeline would: the pages read. */
  async function pageToEnd(presetId: string, changes: Record<string, unknown> = {}): Promise<{ pages: GenericPage[]; source: ReturnType<typeof presetSource> }> {
    const source = presetSource(server, clients, presetId, { mapping: presetMapping(presetId, changes) });
    const pages: GenericPage[] = [];
    let cursor: string | undefined;
    do {
      const page = await source.fetchPage({ cursor, limit: LIMIT }, signal());
      pages.push(page);
      cursor = page.nextCursor;
      if (pages.length > 20) throw new Error('paging never ends');
    } while (cursor !== undefined);
    return { pages, source };
  }

  const keys = (events: readonly TimelineEvent[]): string[] => events.map((e) => e.sortKey);
  const ascending = (list: readonly string[]): boolean => list.every((k, i) => i === 0 || list[i - 1] < k);

  for (const [name, presetId, changes] of [
    ['Auth0 checkpoints', 'auth0-logs', {}],
    ['Okta polling (ascending, no until)', 'okta-system-log', { query: { limit: '{pageSize}' }, order: 'oldestFirst' }],
  ] as const) {
    it(`${name}: oldest first; a next link equal to the URL just used means caught up, and reading on from it brings what is new`, async () => {
      const { pages, source } = await pageToEnd(presetId, changes);
      const events = pages.flatMap((p) => p.events);
      assert.equal(events.length, 90);
      assert.ok(ascending(keys(events)), 'oldest first');
      const last = pages[pages.length - 1];
      assert.equal(last.events.length, 0, 'the end is an empty page with the same link');
      assert.equal(last.nextCursor, undefined);
      assert.ok(last.caughtUp, 'caught up');
      assert.equal(pages.filter((p) => p.caughtUp).length, 1);

      server.appendEvents(5);
      const newer = await source.fetchPage({ cursor: last.caughtUp, limit: LIMIT }, signal());
      assert.equal(newer.events.length, 5);
      assert.ok(ascending(keys(newer.events)));
      assert.ok(newer.events[0].sortKey > events[events.length - 1].sortKey, 'newer than everything read');
      assert.ok(newer.nextCursor, 'and a next link past them');
      const after = await source.fetchPage({ cursor: newer.nextCursor, limit: LIMIT }, signal());
      assert.deepEqual([after.events.length, after.caughtUp], [0, newer.nextCursor]);
    });
  }

  it('a caught-up source ends the Timeline without an error', async () => {
    const timeline = newTimeline(presetSource(server, clients, 'auth0-logs'), LIMIT);
    await loadAll(timeline);
    assert.equal(timeline.eventCount, 90);
    assert.equal(timeline.error, undefined);
    assert.equal(timeline.hasMore, false);
  });

  for (const [name, presetId, changes] of [
    ['Auth0 checkpoints', 'auth0-logs', {}],
    ['Okta polling', 'okta-system-log', { query: { limit: '{pageSize}' }, order: 'oldestFirst' }],
  ] as const) {
    it(`Check for Newer on an oldest-first timeline reads on from where it caught up (${name}), and brings each new event once`, async () => {
      const timeline = newTimeline(presetSource(server, clients, presetId, { mapping: presetMapping(presetId, changes) }), LIMIT);
      await loadAll(timeline);
      const held = timeline.eventCount;
      assert.ok(held > 0);
      const nothing = await timeline.checkNewer();
      assert.equal(nothing.added, 0, 'a check with nothing new added events');
      server.appendEvents(7);
      let heard = 0;
      const stop = timeline.onPage((events) => (heard += events.length));
      const newer = await timeline.checkNewer();
      stop();
      assert.equal(newer.added, 7);
      assert.equal(heard, 7, 'the page listeners did not hear of them');
      assert.equal(timeline.eventCount, held + 7);
      assert.equal(new Set([...timeline.events()].map((e) => e.id)).size, held + 7, 'an event came twice');
      assert.equal(newer.gap, false);
      assert.equal((await timeline.checkNewer()).added, 0, 'the next check brought them again');
    });
  }
});
