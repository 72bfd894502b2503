import * as assert from 'node:assert/strict';
import { encodeCursor } from '../../../src/demo/cursor';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { type Item, type Page, PATH, get, page, pageAll } from './helpers';

const MB = 1_048_576;
const CURSOR_ERROR = /cursor/;

describe('demo server: Pismo timeline', () => {
  let server: DemoServer;
  let desc: Page[];
  let all: Item[];

  before(async () => {
    server = await startDemoServer({ eventCount: 5000 });
    desc = await pageAll(server, { limit: '250' });
    all = desc.flatMap((p) => p.body.items);
  });
  after(() => server.close());

  it('listens on 127.0.0.1 and reports its settings', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.token, /^[0-9a-f]{32}$/);
    assert.equal(server.eventCount, 5000);
  });

  it('pages to the end: every event once, newest first, nanosecond timestamps', () => {
    assert.equal(all.length, 5000);
    assert.equal(new Set(all.map((i) => i.tenant_account_timestamp)).size, 5000);
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].timestamp > all[i].timestamp, `not descending at ${i}`);
    for (const item of all) {
      assert.match(item.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/);
      assert.ok(item.tenant_account_timestamp.endsWith(`::${item.timestamp}`));
      assert.equal(typeof item.account_id, 'number');
    }
    assert.ok(new Set(all.map((i) => i.timestamp.slice(-4, -1))).size > 500, 'nanoseconds should vary');
  });

  it('marks only the last page: has_next false and next_cursor null', () => {
    const last = desc[desc.length - 1];
    assert.equal(last.body.has_next, false);
    assert.equal(last.body.next_cursor, null);
    for (const p of desc.slice(0, -1)) {
      assert.equal(p.body.has_next, true);
      assert.match(p.body.next_cursor ?? '', /^[A-Za-z0-9+/]+=*$/);
      assert.equal(p.body.count, p.body.items.length);
    }
  });

  it('honours limit, defaults to 100 and clamps to 1..1000', async () => {
    const seven = await page(server, { limit: '7' });
    assert.equal(seven.body.count, 7);
    assert.equal(seven.body.has_next, true);
    assert.deepEqual(seven.body.items.map((i) => i.timestamp), all.slice(0, 7).map((i) => i.timestamp));
    assert.equal((await page(server)).body.count, 100);
    assert.equal((await page(server, { limit: '0' })).body.count, 1);
    assert.equal((await page(server, { limit: '-5' })).body.count, 1);
    assert.equal((await page(server, { limit: '99999' })).text, (await page(server, { limit: '1000' })).text);
    assert.equal((await get(server, { limit: 'ten' })).status, 400);
  });

  it('reads at most 1 MB of items per request, whichever of limit and size comes first', async () => {
    const pages = await pageAll(server, { limit: '1000' });
    assert.equal(pages.reduce((n, p) => n + p.body.count, 0), 5000);
    let capped = 0;
    for (let k = 0; k < pages.length; k++) {
      const sizes = pages[k].itemTexts.map((t) => Buffer.byteLength(t, 'utf8'));
      assert.equal(sizes.length, pages[k].body.count);
      const bytes = sizes.reduce((a, b) => a + b, 0);
      assert.ok(bytes <= MB, `page ${k} holds ${bytes} bytes`);
      if (pages[k].body.has_next && pages[k].body.count < 1000) {
        capped++;
        const next = Buffer.byteLength(pages[k + 1].itemTexts[0], 'utf8');
        assert.ok(bytes + next > MB, `page ${k} stopped early at ${bytes} bytes`);
      }
    }
    assert.ok(capped > 0, 'some 1000-item page should hit the 1 MB cap');
  });

  it('filters after the read: short and empty pages with has_next true, and still reaches the end', async () => {
    const pages = await pageAll(server, { limit: '20', category: 'DISPUTE' });
    const got = pages.flatMap((p) => p.body.items);
    assert.deepEqual(got.map((i) => i.tenant_account_timestamp), all.filter((i) => i.category === 'DISPUTE').map((i) => i.tenant_account_timestamp));
    assert.ok(got.length > 0);
    assert.ok(pages.some((p) => p.body.count === 0 && p.body.has_next), 'an empty page with has_next');
    assert.ok(pages.some((p) => p.body.count > 0 && p.body.count < 20 && p.body.has_next), 'a short page with has_next');
    assert.equal(pages.length, Math.ceil(5000 / 20));
    assert.equal(pages[pages.length - 1].body.has_next, false);
  });

  it('filters by type (repeatable or comma-separated) and by an inclusive date range', async () => {
    const types = new Set(['REFUSAL', 'DENIED']);
    const byType = (await pageAll(server, { limit: '1000', type: 'REFUSAL,DENIED' })).flatMap((p) => p.body.items);
    assert.deepEqual(byType.map((i) => i.timestamp), all.filter((i) => types.has(i.type)).map((i) => i.timestamp));
    const [endDate, beginDate] = [all[100].timestamp, all[200].timestamp];
    const window = (await pageAll(server, { limit: '1000', beginDate, endDate })).flatMap((p) => p.body.items);
    assert.deepEqual(window.map((i) => i.timestamp), all.slice(100, 201).map((i) => i.timestamp));
    assert.equal((await get(server, { beginDate: 'yesterday' })).status, 400);
  });

  it('serves oldest first with order=asc', async () => {
    const asc = (await pageAll(server, { limit: '300', order: 'asc' })).flatMap((p) => p.body.items);
    assert.deepEqual(asc.map((i) => i.timestamp), all.map((i) => i.timestamp).reverse());
    assert.equal((await get(server, { order: 'sideways' })).status, 400);
  });

  it('accepts the cursor as cursor, nextCursor or next_cursor', async () => {
    const first = await page(server, { limit: '10' });
    const cursor = first.body.next_cursor ?? '';
    const bodies = await Promise.all(['cursor', 'nextCursor', 'next_cursor'].map((name) => page(server, { limit: '10', [name]: cursor })));
    for (const b of bodies) assert.equal(b.text, bodies[0].text);
    assert.deepEqual(bodies[0].body.items.map((i) => i.timestamp), all.slice(10, 20).map((i) => i.timestamp));
    const viaNext = (await pageAll(server, { limit: '1000' }, 'next_cursor')).flatMap((p) => p.body.items);
    assert.equal(viaNext.length, 5000);
  });

  it('rejects a cursor it did not write with a 400 JSON error', async () => {
    const foreign = encodeCursor({ tenantAccount: 'TN-other::1', timestamp: all[5].timestamp });
    const garbage = ['not base64!!', Buffer.from('hello').toString('base64'), Buffer.from('{"Timestamp":"x"}').toString('base64'), '', foreign];
    for (const name of ['cursor', 'nextCursor', 'next_cursor']) {
      for (const cursor of garbage) {
        const res = await get(server, { [name]: cursor });
        assert.equal(res.status, 400, `${name}=${cursor}`);
        assert.match((JSON.parse(res.text) as { message: string }).message, CURSOR_ERROR);
      }
    }
  });

  it('answers 401 without the right bearer token', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${server.token}` }, { authorization: `Bearer ${server.token}x` }];
    for (const headers of attempts) {
      const res = await get(server, {}, headers);
      assert.equal(res.status, 401);
      assert.deepEqual(JSON.parse(res.text), { message: 'Unauthorized' });
    }
    assert.equal((await get(server, {}, { authorization: `bearer ${server.token}` })).status, 200);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    const missing = await get(server, {}, undefined, '/timeline/v1/nope');
    assert.equal(missing.status, 404);
    assert.equal(typeof (JSON.parse(missing.text) as { message: unknown }).message, 'string');
    const remove = await fetch(server.url + PATH, { method: 'DELETE', headers: { authorization: `Bearer ${server.token}` } });
    assert.equal(remove.status, 405); // POST adds a custom event (customEventsServer.test.ts); nothing deletes one
    assert.equal(remove.headers.get('allow'), 'GET, POST');
    assert.equal(typeof ((await remove.json()) as { message: unknown }).message, 'string');
  });

  it('sends the lossless-torture values literally', async () => {
    const first = await page(server, { limit: '100' });
    const count = (s: string): number => first.text.split(s).length - 1;
    assert.equal(count('"authorization_code":12345678901234567890'), 2); // indices 7 and 57
    assert.equal(count('"sequence":9007199254740993'), 2);
    assert.equal(count('"fx_rate":1.10,'), 2);
    assert.equal(count('"risk_score":1.5e-7'), 2);
    assert.equal(count('"merchant_name":"Café Zürich 東京 🚀"'), 2);
    assert.equal(count('"memo":"he said \\"}]\\" ok"'), 2);
    assert.equal(count('"note":"line\\u2028break\\u2029end"'), 2);
    const data = first.body.items[7].data as Record<string, unknown>;
    assert.equal(data.memo, 'he said "}]" ok');
    assert.equal(data.note, 'line\u2028break\u2029end');
    assert.equal(first.itemTexts.length, 100, 'quotes and brackets inside strings do not break the item scan');
  });

  it('varies the optional parts: string data, missing correlation_id, shared correlation chains', () => {
    const stringData = all.filter((i) => typeof i.data === 'string');
    assert.ok(stringData.length > 0);
    for (const i of stringData) assert.equal(typeof JSON.parse(i.data as string), 'object');
    assert.ok(all.some((i) => !('correlation_id' in i)));
    const chains = new Map<string, number>();
    for (const i of all) {
      if (i.correlation_id === undefined) continue;
      assert.match(i.correlation_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      chains.set(i.correlation_id, (chains.get(i.correlation_id) ?? 0) + 1);
    }
    const sizes = [...chains.values()];
    assert.ok(sizes.some((n) => n >= 2) && sizes.every((n) => n <= 4), 'chains of 1 to 4 events');
    assert.deepEqual(new Set(all.map((i) => i.category)), new Set(['CARD', 'CASH_IN', 'CASH_OUT', 'CREDIT', 'DISPUTE', 'STATEMENT', 'TRANSACTION', 'TOKENIZATION']));
  });

  it('is deterministic: the same seed gives the same bytes, another seed other bytes', async () => {
    const twin = await startDemoServer({ eventCount: 5000 });
    const other = await startDemoServer({ eventCount: 5000, seed: 7 });
    try {
      const cursor = desc[3].body.next_cursor ?? '';
      const queries: Record<string, string>[] = [{ limit: '300' }, { limit: '300', cursor }];
      for (const params of queries) {
        const [a, b, c] = await Promise.all([server, twin, other].map((s) => get(s, params)));
        assert.equal(a.status, 200);
        assert.equal(b.text, a.text);
        assert.notEqual(c.text, a.text);
      }
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});
