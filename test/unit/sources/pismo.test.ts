import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { rawText } from '../../../src/core/rawPage';
import { Redactor } from '../../../src/core/redact';
import { Timeline } from '../../../src/core/timeline';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { parsePismoPage, PismoSource, type PismoOptions } from '../../../src/sources/pismo';
import { type Item, pageAll } from '../demo/helpers';

const EVENT_COUNT = 1200;
const LIMIT = 100;
const PISMO_CATEGORIES = new Set(['CARD', 'CASH_IN', 'CASH_OUT', 'CREDIT', 'DISPUTE', 'STATEMENT', 'TRANSACTION', 'TOKENIZATION']);

/** Pages until the timeline says it has no more; a cap turns a paging loop into a failure. */
async function loadAll(timeline: Timeline): Promise<void> {
  for (let i = 0; timeline.hasMore; i++) {
    if (i > 1000) throw new Error('paging never ends');
    await timeline.loadMore();
  }
}

const eventsOf = (timeline: Timeline): TimelineEvent[] => timeline.categories.flatMap((c) => [...c.events]);

describe('PismoSource against the demo server', () => {
  let server: DemoServer;
  /** The demo's items by id, cut out of the bodies by the demo helpers (not by RawPage). */
  const itemText = new Map<string, string>();
  const item = new Map<string, Item>();
  const log: RequestLogEntry[] = [];
  const errors: TimelineError[] = [];
  const clients: HttpClient[] = [];

  function source(options: Partial<PismoOptions> = {}): PismoSource {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: (e) => log.push(e), delay: async () => {} });
    clients.push(http);
    return new PismoSource({ baseUrl: new URL(server.url), http, auth: { token: async () => server.token }, ...options });
  }

  before(async () => {
    server = await startDemoServer({ eventCount: EVENT_COUNT });
    for (const page of await pageAll(server, { limit: String(LIMIT) })) {
      page.body.items.forEach((it, k) => {
        item.set(it.tenant_account_timestamp, it);
        itemText.set(it.tenant_account_timestamp, page.itemTexts[k]);
      });
    }
  });

  after(async () => {
    // No secret in any log line or error message, across every test of this file.
    const said = [...log.map((e) => JSON.stringify(e)), ...errors.map((e) => e.message)];
    assert.ok(said.length > 0);
    for (const line of said) assert.ok(!line.includes(server.token), `a secret leaked: ${line}`);
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('pages the whole timeline to the end: every event once', async () => {
    const timeline = new Timeline(source(), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    const events = eventsOf(timeline);
    assert.equal(timeline.eventCount, server.eventCount);
    assert.equal(events.length, server.eventCount);
    assert.equal(new Set(events.map((e) => e.id)).size, server.eventCount);
    assert.deepEqual(new Set(events.map((e) => e.id)), new Set(item.keys()));
    assert.equal(timeline.pageCount, EVENT_COUNT / LIMIT);
    assert.equal(timeline.hasMore, false);
    assert.equal(timeline.error, undefined);
  });

  it("keeps each item's text exactly as the server sent it, big integers included", async () => {
    const timeline = new Timeline(source(), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    let torture = 0;
    for (const event of eventsOf(timeline)) {
      const text = rawText(event.raw);
      assert.equal(text, itemText.get(event.id), event.id);
      assert.deepEqual(JSON.parse(text), item.get(event.id));
      if (text.includes('"authorization_code"')) {
        torture++;
        assert.ok(text.includes('"authorization_code":12345678901234567890'), event.id);
        assert.ok(text.includes('"fx_rate":1.10'), event.id);
      }
      assert.equal(event.timestamp, item.get(event.id)?.timestamp);
      assert.equal(event.correlationId, item.get(event.id)?.correlation_id);
    }
    assert.equal(torture, EVENT_COUNT / 50);
  });

  it('groups by Pismo category by default, and by type when asked', async () => {
    const byCategory = new Timeline(source(), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(byCategory);
    const categories = byCategory.categories.map((c) => c.name);
    assert.deepEqual(new Set(categories), new Set([...item.values()].map((i) => i.category)));
    for (const name of categories) assert.ok(PISMO_CATEGORIES.has(name), name);
    for (const category of byCategory.categories) {
      for (const e of category.events) {
        assert.equal(item.get(e.id)?.category, category.name);
        assert.equal(e.label, `${category.name} · ${e.type}`);
      }
    }

    const byType = new Timeline(source({ groupBy: 'type' }), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(byType);
    assert.deepEqual(new Set(byType.categories.map((c) => c.name)), new Set([...item.values()].map((i) => i.type)));
    for (const category of byType.categories) for (const e of category.events) assert.equal(item.get(e.id)?.type, category.name);
    assert.equal(byType.eventCount, EVENT_COUNT);
  });

  it('turns a wrong token into an auth error with a sentence, keeping what was loaded', async () => {
    let token = server.token;
    const timeline = new Timeline(source({ auth: { token: async () => token } }), { limit: LIMIT, maxEmptyPages: 5 });
    await timeline.loadMore();
    assert.equal(timeline.eventCount, LIMIT);
    token = 'not-the-demo-token';
    const error = await timeline.loadMore().then(
      () => assert.fail('expected a 401'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof TimelineError);
    errors.push(error);
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.status, 401);
    assert.match(error.message, /^[A-Z].* credentials .*\(401\)/);
    assert.ok(!error.message.includes(token));
    assert.equal(timeline.eventCount, LIMIT, 'the loaded page stays');
    assert.equal(timeline.error, error);
    assert.equal(timeline.hasMore, true);

    token = server.token; // Retry continues where it stopped
    await loadAll(timeline);
    assert.equal(timeline.eventCount, EVENT_COUNT);
  });

  it('sends the cursor under the configured parameter name (nextCursor)', async () => {
    const from = log.length;
    const timeline = new Timeline(source({ cursorParam: 'nextCursor' }), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    assert.equal(timeline.eventCount, EVENT_COUNT);
    const urls = log.slice(from).map((e) => new URL(e.url));
    assert.equal(urls.length, EVENT_COUNT / LIMIT);
    assert.equal(urls[0].searchParams.has('nextCursor'), false);
    for (const url of urls.slice(1)) {
      assert.ok(url.searchParams.has('nextCursor'), url.href);
      assert.equal(url.searchParams.has('cursor'), false, url.href);
    }
  });
});

describe('parsePismoPage', () => {
  it('reads a page without items that still speaks of paging as an empty page, keeping the cursor', () => {
    const page = parsePismoPage(Buffer.from('{"has_next":true,"next_cursor":"abc","count":0}'), 'category');
    assert.deepEqual(page.events, []);
    assert.equal(page.nextCursor, 'abc');
  });

  it("gives each event of a tenant's many accounts its own account, category, time and amount", () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      type: 'PURCHASE',
      category: ['CARD', 'CREDIT', 'DISPUTE'][i % 3],
      account_id: i % 7 === 0 ? undefined : `acc-${i % 60}`,
      timestamp: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.${i}Z`,
      tenant_account_timestamp: i % 5 === 0 ? undefined : `T-${'x'.repeat(i % 9)}-acc-${i % 60}-2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.${i}Z`,
      data: i % 2 ? { amount: `${i}.00`, currency: 'BRL' } : {},
    }));
    const page = parsePismoPage(Buffer.from(JSON.stringify({ items, has_next: false })), 'type');
    assert.equal(page.events.length, items.length);
    page.events.forEach((event, i) => {
      const e = event as TimelineEvent & { accountId?: string; itemCategory: string };
      assert.equal(e.accountId, items[i].account_id, `account of ${i}`);
      assert.equal(e.itemCategory, items[i].category, `category of ${i}`);
      assert.equal(e.timestamp, items[i].timestamp, `time of ${i}`);
      assert.equal(e.summary, i % 2 ? `${i}.00 BRL` : undefined, `amount of ${i}`);
      if (items[i].tenant_account_timestamp) assert.equal(e.id, items[i].tenant_account_timestamp);
    });
  });

  it('shows an amount as the page writes it: trailing zeros and digits past 2^53 kept, a string amount too', () => {
    const body = '{"has_next":false,"items":[' +
      '{"tenant_account_timestamp":"T-1-2024-01-01T00:00:01Z","timestamp":"2024-01-01T00:00:01Z","type":"P","category":"C","data":{"amount":12.50,"currency":"BRL"}},' +
      '{"tenant_account_timestamp":"T-1-2024-01-01T00:00:02Z","timestamp":"2024-01-01T00:00:02Z","type":"P","category":"C","data":{"principal_amount":90071992547409931.05}},' +
      '{"tenant_account_timestamp":"T-1-2024-01-01T00:00:03Z","timestamp":"2024-01-01T00:00:03Z","type":"P","category":"C","data":{"value":"0.10","currency_code":"USD"}}]}';
    const page = parsePismoPage(Buffer.from(body), 'category');
    assert.deepEqual(page.events.map((e) => e.summary), ['12.50 BRL', '90071992547409931.05', '0.10 USD']);
  });

  it('refuses an object that is not a timeline page instead of ending the timeline silently', () => {
    for (const body of ['{}', '{"data":[{"type":"X"}]}']) {
      assert.throws(() => parsePismoPage(Buffer.from(body), 'category'), (e: TimelineError) => e.kind === 'badShape', body);
    }
  });
});
