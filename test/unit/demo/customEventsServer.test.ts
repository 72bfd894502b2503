import * as assert from 'node:assert/strict';
import { AccountTimeline } from '../../../src/demo/accountTimeline';
import { PismoTimeline } from '../../../src/demo/pismoData';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { type Answer, type Item, PATH, bearer, get, itemsOf, page, pageAll, post, tokenFor } from './helpers';

const MB = 1_048_576;
const JSON_TYPE = { 'content-type': 'application/json' };
const KEY_ORDER = ['type', 'account_id', 'category', 'tenant_account_timestamp', 'data', 'correlation_id', 'timestamp'];
const CORRELATION_ID = '0f8e2f7a-7d1c-4b8e-9d6a-1a2b3c4d5e6f';

describe('demo server: Pismo custom events', () => {
  let server: DemoServer;

  const send = (body: string, token = server.token, s = server, headers: Record<string, string> = JSON_TYPE): Promise<Answer> => post(s, PATH, body, { ...bearer(token), ...headers });
  const created = async (body: string, token = server.token, s = server): Promise<Item> => {
    const res = await send(body, token, s);
    assert.equal(res.status, 201, res.text);
    return JSON.parse(res.text) as Item;
  };
  const ping = (extra = ''): string => `{"type":"PING","category":"INTEGRATION_TEST"${extra}}`;

  before(async () => {
    server = await startDemoServer({ eventCount: 400, otherAccountEventCount: 100 });
  });
  afterEach(() => server.clearFaults());
  after(() => server.close());

  it('answers 201 with the created item, keys in the timeline order, data byte for byte', async () => {
    const data = '{ "amount": 12345678901234567890,\n  "rate":1.10, "note": "line\\u2028break", "list": [1, 2.50e3] }';
    const before = Date.now();
    const res = await send(`{"correlation_id":"${CORRELATION_ID}", "data": ${data}, "category":"INTEGRATION_TEST","type":"PING"}`);
    assert.equal(res.status, 201, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const item = JSON.parse(res.text) as Item;
    assert.deepEqual(Object.keys(item), KEY_ORDER);
    assert.ok(res.text.includes(`"data":${data},`), 'data is the text sent');
    assert.match(item.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/);
    assert.ok(Math.abs(Date.parse(item.timestamp) - before) < 5000, `stamped now, not ${item.timestamp}`);
    assert.equal(
      res.text,
      `{"type":"PING","account_id":4242001,"category":"INTEGRATION_TEST","tenant_account_timestamp":"TN-demo::4242001::${item.timestamp}",` +
        `"data":${data},"correlation_id":"${CORRELATION_ID}","timestamp":"${item.timestamp}"}`,
    );
  });

  it('writes {} for absent data and leaves correlation_id out when not given', async () => {
    const res = await send(ping());
    assert.equal(res.status, 201);
    const item = JSON.parse(res.text) as Item;
    assert.deepEqual(Object.keys(item), KEY_ORDER.filter((k) => k !== 'correlation_id'));
    assert.ok(res.text.includes('"data":{},'));
    const stringData = await created(ping(',"data":"a string","correlation_id":""'));
    assert.equal(stringData.data, 'a string');
    assert.equal(stringData.correlation_id, '');
  });

  it("lists the event first in its account's timeline, newer than every other, and in no other account", async () => {
    const id = '4242007';
    const token = await tokenFor(server, id);
    const newest = (await page(server, { limit: '1' }, token)).body.items[0];
    const mainTop = (await page(server, { limit: '1' })).text;
    const first = await send(ping(',"data":{"n":1}'), token);
    const second = await send(ping(',"data":{"n":2}'), token);
    const top = await page(server, { limit: '3' }, token);
    assert.deepEqual(top.itemTexts.slice(0, 2), [second.text, first.text], 'the exact text, newest first');
    assert.equal(top.body.items[2].tenant_account_timestamp, newest.tenant_account_timestamp, 'then the synthetic events');
    const [a, b] = [JSON.parse(first.text) as Item, JSON.parse(second.text) as Item];
    assert.ok(a.timestamp > newest.timestamp && b.timestamp > a.timestamp, 'strictly newer each time');
    assert.equal(a.account_id, 4242007);
    assert.equal(a.tenant_account_timestamp, `TN-demo::4242007::${a.timestamp}`);
    assert.equal(server.customEventCount(id), 2);
    assert.equal(server.customEventCount('4242008'), 0);
    assert.equal((await page(server, { limit: '1' })).text, mainTop, 'the main account did not change');
    assert.equal(itemsOf(await pageAll(server, { limit: '1000' }, 'cursor', token)).length, 102);
  });

  it('stamps one nanosecond past the newest event when "now" is not newer', () => {
    const timeline = new AccountTimeline(new PismoTimeline(1, 10));
    const draft = { type: 'PING', category: 'TEST', data: '{}', correlationId: undefined };
    const newest = timeline.timeNs(0);
    const event = timeline.created(draft, newest - 5n);
    assert.equal(event.ns, newest + 1n);
    timeline.add(event);
    assert.equal(timeline.created(draft, newest + 1n).ns, newest + 2n, 'equal to the newest is not newer');
    assert.equal(timeline.created(draft, newest + 99n).ns, newest + 99n);
  });

  it('keeps the merged timeline in time order when events appended later are newer than a custom one', () => {
    const synthetic = new PismoTimeline(1, 10);
    const timeline = new AccountTimeline(synthetic);
    const posted = timeline.created({ type: 'PING', category: 'TEST', data: '{}', correlationId: undefined }, 0n); // a clock behind the timeline
    timeline.add(posted);
    synthetic.append(3);
    const times = Array.from({ length: timeline.count }, (_, i) => timeline.timeNs(i));
    assert.equal(times.length, 14);
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1] > times[i], `not newest first at ${i}`);
    assert.equal(timeline.event(3).text, posted.text, 'below the three appended events');
    assert.equal(timeline.firstAtOrBefore(posted.ns), 3);
    assert.equal(timeline.event(4).text, synthetic.event(3).text);
  });

  it('applies the type, category and date filters to custom events', async () => {
    const s = await startDemoServer({ eventCount: 200 });
    try {
      const newestSynthetic = (await page(s, { limit: '1' })).body.items[0];
      const events = [await created(ping(), s.token, s), await created('{"type":"PONG","category":"OTHER_TEST"}', s.token, s), await created(ping(), s.token, s)];
      const ids = async (params: Record<string, string>): Promise<string[]> => itemsOf(await pageAll(s, { limit: '1000', ...params })).map((i) => i.tenant_account_timestamp);
      const [ping1, pong, ping2] = events.map((e) => e.tenant_account_timestamp);
      assert.deepEqual(await ids({ type: 'PONG' }), [pong]);
      assert.deepEqual(await ids({ type: 'PING,PONG' }), [ping2, pong, ping1]);
      assert.deepEqual(await ids({ category: 'INTEGRATION_TEST' }), [ping2, ping1]);
      assert.deepEqual(await ids({ type: 'PONG', category: 'INTEGRATION_TEST' }), []);
      assert.ok(!(await ids({ category: 'CARD' })).includes(pong));
      assert.deepEqual(await ids({ beginDate: events[1].timestamp }), [ping2, pong]);
      const upToSynthetic = await ids({ endDate: newestSynthetic.timestamp });
      assert.equal(upToSynthetic.length, 200);
      assert.equal(upToSynthetic[0], newestSynthetic.tenant_account_timestamp);
    } finally {
      await s.close();
    }
  });

  it('pages past custom events with the cursor in both orders, merged by time with events appended later', async () => {
    const s = await startDemoServer({ eventCount: 10, otherAccountEventCount: 5 });
    try {
      const other = await tokenFor(s, '4242002');
      for (let i = 0; i < 3; i++) await created(ping(`,"data":{"i":${i}}`), other, s);
      for (let i = 0; i < 2; i++) await created(ping(`,"data":{"i":${i}}`), s.token, s);
      s.appendEvents(3); // older than now: they sort below the custom events
      for (const [token, total, posted] of [[other, 8, 3], [s.token, 15, 2]] as const) {
        const desc = itemsOf(await pageAll(s, { limit: '2' }, 'cursor', token));
        assert.equal(desc.length, total);
        assert.equal(new Set(desc.map((i) => i.tenant_account_timestamp)).size, total);
        for (let i = 1; i < desc.length; i++) assert.ok(desc[i - 1].timestamp > desc[i].timestamp, `not newest first at ${i}`);
        assert.deepEqual(desc.slice(0, posted).map((i) => i.category), Array<string>(posted).fill('INTEGRATION_TEST'));
        const asc = itemsOf(await pageAll(s, { limit: '3', order: 'asc' }, 'cursor', token));
        assert.deepEqual(asc.map((i) => i.timestamp), desc.map((i) => i.timestamp).reverse());
      }
    } finally {
      await s.close();
    }
  });

  it('counts custom events in the 1 MB read rule, and takes a body of exactly 1 MB', async () => {
    const s = await startDemoServer({ eventCount: 1500 });
    try {
      const padding = (bodyBytes: number, extra = ''): string => {
        const shell = ping(`${extra},"data":{"pad":""}`);
        return ping(`${extra},"data":{"pad":"${'x'.repeat(bodyBytes - shell.length)}"}`);
      };
      const big = padding(600_000);
      assert.equal(Buffer.byteLength(big), 600_000);
      await created(big, s.token, s);
      const first = await page(s, { limit: '1000' });
      const sizes = first.itemTexts.map((t) => Buffer.byteLength(t, 'utf8'));
      const bytes = sizes.reduce((a, b) => a + b, 0);
      assert.ok(sizes[0] > 600_000 && bytes <= MB, `the page holds ${bytes} bytes`);
      assert.ok(first.body.count < 1000 && first.body.has_next);
      const next = await page(s, { limit: '1000', cursor: first.body.next_cursor ?? '' });
      assert.ok(bytes + Buffer.byteLength(next.itemTexts[0], 'utf8') > MB, 'the read stopped at 1 MB, not before');

      const exact = padding(MB);
      assert.equal(Buffer.byteLength(exact), MB);
      const res = await send(exact, s.token, s);
      assert.equal(res.status, 201);
      const alone = await page(s, { limit: '1000' });
      assert.equal(alone.body.count, 1, 'an item over 1 MB is read alone');
      assert.equal(alone.itemTexts[0], res.text);
      const over = await send(`${exact} `, s.token, s);
      assert.equal(over.status, 413);
      assert.equal(s.customEventCount(s.accountId), 2);
    } finally {
      await s.close();
    }
  });

  it('answers 400 naming the field for a body that is not a custom event', async () => {
    const cases: [string, RegExp][] = [
      ['', /JSON/],
      ['{"type":', /JSON/],
      ['[]', /object/],
      ['null', /object/],
      ['"PING"', /object/],
      ['{"category":"TEST"}', /^type is required$/],
      ['{"type":"","category":"TEST"}', /^type must be a non-empty string$/],
      ['{"type":5,"category":"TEST"}', /^type must be a non-empty string$/],
      ['{"type":"PING"}', /^category is required$/],
      ['{"type":"PING","category":["TEST"]}', /^category must be a non-empty string$/],
      [ping(',"correlation_id":42'), /^correlation_id must be a string$/],
      [ping(',"correlation_id":null'), /^correlation_id must be a string$/],
      [ping(',"id":"TN-demo::4242001::x"'), /"id" is not a field/],
      [ping(',"timestamp":"2025-01-01T00:00:00.000000000Z"'), /"timestamp" is not a field/],
      [ping(',"type":"PONG"'), /"type" is given twice/],
    ];
    const before = server.customEventCount(server.accountId);
    for (const [body, message] of cases) {
      const res = await send(body);
      assert.equal(res.status, 400, body);
      assert.match((JSON.parse(res.text) as { message: string }).message, message, body);
    }
    assert.equal(server.customEventCount(server.accountId), before);
  });

  it('requires an account token and a JSON content type', async () => {
    assert.equal((await post(server, PATH, ping(), JSON_TYPE)).status, 401);
    assert.equal((await send(ping(), 'wrong-token')).status, 401);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonl']) {
      const res = await send(ping(), server.token, server, { 'content-type': type });
      assert.equal(res.status, 415, type);
    }
    assert.equal((await send(ping(), server.token, server, { 'content-type': 'application/json; charset=utf-8' })).status, 201);
  });

  it('keeps at most 1,000 custom events per account, then answers 409', async () => {
    const s = await startDemoServer({ eventCount: 5, otherAccountEventCount: 5 });
    try {
      for (let batch = 0; batch < 20; batch++) {
        const statuses = await Promise.all(Array.from({ length: 50 }, () => send(ping(), s.token, s).then((r) => r.status)));
        assert.ok(statuses.every((status) => status === 201), `batch ${batch}`);
      }
      const full = await send(ping(), s.token, s);
      assert.equal(full.status, 409);
      assert.match((JSON.parse(full.text) as { message: string }).message, /1000 custom events/);
      assert.equal(s.customEventCount(s.accountId), 1000);
      assert.equal(itemsOf(await pageAll(s, { limit: '1000' })).length, 1005);
      assert.equal((await send(ping(), await tokenFor(s, '4242002'), s)).status, 201, 'the cap is per account');
    } finally {
      await s.close();
    }
  });

  it('meets injected faults on the POST: an error status, a timeout, an answer lost after the write', async () => {
    const count = (): number => server.customEventCount(server.accountId);
    const start = count();
    server.injectFault('503', { path: PATH });
    assert.equal((await send(ping(), 'wrong-token')).status, 401, 'no fault without the bearer token');
    assert.equal((await send(ping())).status, 503);
    server.injectFault('500', { path: PATH });
    assert.equal((await send(ping())).status, 500);
    assert.equal(count(), start, 'an error status writes nothing');

    server.injectFault('latency;ms=10000', { path: PATH });
    const slow = fetch(server.url + PATH, { method: 'POST', headers: { ...bearer(server.token), ...JSON_TYPE }, body: ping(), signal: AbortSignal.timeout(200) });
    await assert.rejects(slow, (e: Error) => e.name === 'TimeoutError');
    assert.equal(count(), start, 'the client left before the answer: nothing was written');

    server.injectFault('reset', { path: PATH });
    await assert.rejects(send(ping()));
    assert.equal(count(), start + 1, 'the write happened, its answer was lost');
    assert.equal((await send(ping())).status, 201, 'faults are used up');
    assert.equal((await send(ping(), server.token, server, { ...JSON_TYPE, 'x-demo-fault': '429;retry-after=1' })).status, 429);
    assert.equal((await get(server)).status, 200);
  });
});
