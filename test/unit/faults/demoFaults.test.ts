import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { type Envelope, get } from '../demo/helpers';
import { PISMO_PATH } from './harness';

const TALENT_PATH = '/api/v2/timeline';

describe('faults: the demo server plays them only when asked', () => {
  let server: DemoServer;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` });
  const withFault = (fault: string): Record<string, string> => ({ ...auth(), 'x-demo-fault': fault });
  const statuses = async (n: number, params: Record<string, string>, headers: Record<string, string>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await get(server, params, headers)).status);
    return out;
  };

  before(async () => {
    server = await startDemoServer({ eventCount: 300 });
  });

  afterEach(() => server.clearFaults());

  after(() => server.close());

  it('answers normally without a header, a query or an injection', async () => {
    const plain = await get(server, { limit: '5' });
    assert.equal(plain.status, 200);
    // `__fault` never reaches the route: a zero latency is the plain page, byte for byte.
    const viaQuery = await get(server, { limit: '5', __fault: 'latency;ms=0' });
    assert.equal(viaQuery.text, plain.text);
  });

  it('takes the mode from the header or the query, the header first', async () => {
    assert.equal((await get(server, {}, withFault('503'))).status, 503);
    assert.equal((await get(server, { __fault: '502' })).status, 502);
    assert.equal((await get(server, { __fault: '502' }, withFault('504'))).status, 504);
  });

  it('fails the first `times` requests of each key, then passes them', async () => {
    assert.deepEqual(await statuses(4, {}, withFault('503;times=2;key=a')), [503, 503, 200, 200]);
    assert.deepEqual(await statuses(2, {}, withFault('503;times=2;key=b')), [503, 503]);
    assert.deepEqual(await statuses(1, { __fault: '500;times=1' }, auth()), [500]);
    assert.deepEqual(await statuses(1, { __fault: '500;times=1' }, auth()), [200]);
    server.clearFaults();
    assert.deepEqual(await statuses(1, {}, withFault('503;times=2;key=a')), [503]);
  });

  it('injects a fault for the next N requests to one path, and clears it', async () => {
    server.injectFault('403', { times: 2, path: PISMO_PATH });
    assert.equal((await get(server, {}, { 'x-api-key': server.token, 'x-api-version': '2025-01-01' }, TALENT_PATH)).status, 200);
    assert.deepEqual(await statuses(3, {}, auth()), [403, 403, 200]);
    server.injectFault('401', { times: 5 });
    server.clearFaults();
    assert.deepEqual(await statuses(1, {}, auth()), [200]);
    assert.throws(() => server.injectFault('nonsense'), RangeError);
    assert.throws(() => server.injectFault('503', { times: 0 }), RangeError);
  });

  it('names the known modes when asked for an unknown one', async () => {
    const res = await get(server, {}, withFault('nonsense'));
    assert.equal(res.status, 400);
    assert.match(res.text, /Unknown demo fault \\"nonsense\\"; known: .*latency.*duplicates/);
  });

  it('sends Retry-After in seconds or as an HTTP date', async () => {
    assert.equal((await get(server, {}, withFault('429;retry-after=7'))).headers.get('retry-after'), '7');
    const date = (await get(server, {}, withFault('429;retry-after-date=30'))).headers.get('retry-after') ?? '';
    const ahead = Date.parse(date) - Date.now();
    assert.ok(ahead > 28_000 && ahead <= 30_000, `${date} is ${ahead} ms ahead`);
    assert.equal((await get(server, {}, withFault('429'))).headers.get('retry-after'), null);
  });

  it('quotes the request back in error bodies only with `echo`', async () => {
    assert.equal((await get(server, {}, withFault('401'))).text, '{"message":"Unauthorized"}');
    const echoed = JSON.parse((await get(server, { limit: '3' }, withFault('401;echo'))).text) as { message: string };
    assert.equal(echoed.message, `Unauthorized for GET ${PISMO_PATH}?limit=3 with authorization Bearer ${server.token}`);
  });

  it('breaks bodies: cut short, wrong shape, HTML, oversized with and without a length', async () => {
    const truncated = await get(server, { limit: '5' }, withFault('truncated'));
    assert.equal(truncated.status, 200);
    assert.throws(() => JSON.parse(truncated.text));
    assert.ok(Array.isArray(JSON.parse((await get(server, {}, withFault('wrong-shape'))).text)));
    const html = await get(server, {}, withFault('html'));
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    const large = await get(server, {}, withFault('too-large;bytes=100000'));
    assert.equal(large.headers.get('content-length'), '100000');
    assert.equal(large.text.length, 100_000);
    JSON.parse(large.text);
    const chunked = await get(server, {}, withFault('too-large;bytes=100000;chunked'));
    assert.equal(chunked.headers.get('content-length'), null);
    assert.equal(chunked.text.length, 100_000);
  });

  it('resets the connection after part of the body', async () => {
    const { status, received, error } = await raw(server, withFault('reset'));
    assert.equal(status, 200);
    assert.ok(received > 0, 'no part of the body arrived');
    assert.ok(error, 'the body ended cleanly');
  });

  it('stalls after the headers until the client gives up', async () => {
    const started = Date.now();
    const { status, error } = await raw(server, withFault('stall'), 300);
    assert.equal(status, 200);
    assert.equal(error, 'gave up');
    assert.ok(Date.now() - started < 2000);
  });

  it('rewrites Pismo pages: a repeated cursor, no items, a cursor into the middle', async () => {
    const first = JSON.parse((await get(server, { limit: '10' })).text) as Envelope;
    const cursor = first.next_cursor ?? '';
    const repeated = JSON.parse((await get(server, { limit: '10', cursor }, withFault('repeat-cursor'))).text) as Envelope;
    assert.equal(repeated.next_cursor, cursor);
    assert.equal(repeated.items.length, 10);

    const empty = JSON.parse((await get(server, { limit: '10', cursor }, withFault('empty-pages'))).text) as Envelope;
    const second = JSON.parse((await get(server, { limit: '10', cursor })).text) as Envelope;
    assert.deepEqual(empty, { has_next: true, next_cursor: second.next_cursor, count: 0, items: [] });

    const overlapping = JSON.parse((await get(server, { limit: '10' }, withFault('duplicates'))).text) as Envelope;
    const next = JSON.parse((await get(server, { limit: '10', cursor: overlapping.next_cursor ?? '' })).text) as Envelope;
    const ids = (page: Envelope): string[] => page.items.map((i) => i.tenant_account_timestamp);
    assert.deepEqual(ids(next).slice(0, 5), ids(first).slice(5));
  });
});

/** A GET over a bare socket, to see a body end early or never: the status, bytes received, and how it ended. */
function raw(server: DemoServer, headers: Record<string, string>, giveUpMs = 5000): Promise<{ status?: number; received: number; error?: string }> {
  return new Promise((resolve) => {
    let received = 0;
    let status: number | undefined;
    const req = http.get(`${server.url}${PISMO_PATH}?limit=50`, { headers, agent: false }, (res) => {
      status = res.statusCode;
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.on('end', () => finish());
      res.on('error', (e) => finish(e.message));
      res.on('aborted', () => finish('aborted'));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish('gave up');
    }, giveUpMs);
    req.on('error', (e) => finish(e.message));
    let done = false;
    function finish(error?: string): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ status, received, error });
    }
  });
}
