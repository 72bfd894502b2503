import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawText } from '../../../src/core/rawPage';
import { parseBaseUrl } from '../../../src/core/url';
import type { GenericSecrets } from '../../../src/sources/generic/auth';
import { GenericSource } from '../../../src/sources/generic/genericSource';
import { linkTarget } from '../../../src/sources/generic/linkHeader';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { Clients, failure } from './harness';

interface Answer {
  readonly status?: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** A server on 127.0.0.1 that answers each path as a hostile (or merely odd) API would, and counts requests. */
class HostileApi {
  private readonly answers = new Map<string, (req: IncomingMessage) => Answer>();
  private server: Server | undefined;
  readonly requests: string[] = [];
  url = '';

  on(path: string, answer: Answer | ((req: IncomingMessage) => Answer)): void {
    this.answers.set(path, typeof answer === 'function' ? answer : () => answer);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const answer = this.answers.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (!answer) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      const { status, body, headers } = answer(req);
      res.writeHead(status ?? 200, { 'content-type': 'application/json', ...headers }).end(body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const signal = (): AbortSignal => new AbortController().signal;
const FIELDS = { id: '$.id', time: '$.t', type: '$.type' };

describe('generic source against hostile answers and mappings', () => {
  const api = new HostileApi();
  const clients = new Clients();
  const SECRET = 'hostile-test-secret-7f3a';

  before(() => api.start());
  after(async () => {
    for (const entry of clients.log) assert.ok(!JSON.stringify(entry).includes(SECRET));
    await clients.closeAll();
    await api.stop();
  });

  function source(mapping: Record<string, unknown>, prefix = '', secrets: GenericSecrets = { token: SECRET }): GenericSource {
    const baseUrl = parseBaseUrl(api.url + prefix);
    clients.redactor.add(SECRET);
    return new GenericSource({ baseUrl, http: clients.http(baseUrl), mapping: parseMapping({ items: '$', fields: FIELDS, auth: { scheme: 'bearer' }, ...mapping }), secrets: async () => secrets, redactor: clients.redactor });
  }

  const linkPaging = (path: string): Record<string, unknown> => ({ path, paging: { style: 'linkHeader' } });
  const ITEMS = '[{"id":"1","t":"2025-06-30T21:00:00Z","type":"a"}]';

  it('does not follow a Link header to another host, nor outside the base path; nothing is sent there', async () => {
    const cases: [string, string][] = [
      ['http://evil.example/tenant-a/logs?after=1', "The server's next-page link points to another host (evil.example); it was not followed."],
      ['//evil.example/tenant-a/logs', "The server's next-page link points to another host (evil.example); it was not followed."],
      ['/tenant-b/logs?after=1', "The server's next-page link points outside /tenant-a; it was not followed."],
      ['/tenant-a/../admin/logs', "The server's next-page link points outside /tenant-a; it was not followed."],
      ['/tenant-a%2f..%2fadmin/logs', "The server's next-page link points outside /tenant-a; it was not followed."],
      ['/tenant-a/..;/admin', "The server's next-page link points outside /tenant-a; it was not followed."],
    ];
    for (const [link, message] of cases) {
      api.on('/tenant-a/logs', { body: ITEMS, headers: { link: `<${link}>; rel="next"` } });
      const before = api.requests.length;
      const error = await failure(source(linkPaging('/logs'), '/tenant-a').fetchPage({ limit: 10 }, signal()));
      assert.equal(error.kind, 'badShape', link);
      assert.equal(error.message, message, link);
      assert.equal(api.requests.length, before + 1, 'only the page itself was requested');
    }
  });

  it('does not follow a next URL in the body to another host, and refuses a stored cursor pointing elsewhere', async () => {
    api.on('/next-url', { body: '{"data":[],"next":"https://evil.example/steal"}' });
    const mapping = { path: '/next-url', items: '$.data', paging: { style: 'nextUrl', next: '$.next' } };
    const error = await failure(source(mapping).fetchPage({ limit: 10 }, signal()));
    assert.match(error.message, /points to another host \(evil\.example\)/);
    const cursor = await failure(source(mapping).fetchPage({ cursor: 'https://evil.example/steal', limit: 10 }, signal()));
    assert.equal(cursor.kind, 'config');
  });

  it('10,000 links in one header: a sentence over HTTP (the header overflows 16 KB), and one linear pass when parsed', async () => {
    const links = (n: number, last: string): string => `${Array.from({ length: n - 1 }, (_, k) => `</logs?p=${k}>; rel="item"`).join(', ')}, <${last}>; rel="next"`;
    api.on('/many', { body: ITEMS, headers: { link: links(10_000, '/many?p=end') } });
    const error = await failure(source(linkPaging('/many')).fetchPage({ limit: 10 }, signal()));
    assert.equal(error.kind, 'badShape');
    assert.match(error.message, /^The server sent more header bytes than the 16 KB allowed/);

    // under the header limit, the next link is found after hundreds of others
    api.on('/some', { body: ITEMS, headers: { link: links(500, '/some?p=end') } });
    const page = await source(linkPaging('/some')).fetchPage({ limit: 10 }, signal());
    assert.equal(page.nextCursor, `${api.url}/some?p=end`);

    const big = links(10_000, '/x?p=end');
    const small = links(1_000, '/x?p=end');
    assert.equal(linkTarget(big, 'next'), '/x?p=end');
    assert.equal(linkTarget(big.replace('rel="next"', 'rel="prev"'), 'next'), undefined);
    const cost = (header: string): number => {
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < 20; i++) linkTarget(header, 'next');
        best = Math.min(best, Number(process.hrtime.bigint() - t0));
      }
      return best;
    };
    const ratio = cost(big) / cost(small);
    // ten times the links: about ten times the work; a quadratic reading would be about a hundred
    assert.ok(ratio < 40, `10,000 links cost ${ratio.toFixed(1)}× 1,000 links`);
  });

  it('reads prototype-named keys of items as data, never as Object\'s members', async () => {
    api.on('/proto', {
      body: '[{"id":"1","t":"2025-06-30T21:00:00Z","__proto__":{"type":"own"},"constructor":"ctor"},{"id":"2","t":"2025-06-30T20:00:00Z","type":"toString"},{"id":"3","t":"2025-06-30T19:00:00Z"}]',
    });
    const mapping = {
      path: '/proto',
      fields: { id: '$.id', time: '$.t', type: ['$.type', '$.__proto__.type', '$.hasOwnProperty'], category: { path: ['$.type', '$.constructor', '$.toString'], names: { a: 'A' }, other: 'Other' }, correlation: ['$.__proto__', '$.valueOf'] },
      paging: { style: 'none' },
    };
    const { events } = await source(mapping).fetchPage({ limit: 10 }, signal());
    assert.deepEqual(
      events.map((e) => [e.type, e.category, e.correlationId]),
      [
        ['own', 'Other', undefined],
        ['toString', 'Other', undefined],
        ['UNKNOWN', 'Other', undefined],
      ],
    );
  });

  it('says which path failed on which item, quoting the item (secrets masked), when the mapping does not fit', async () => {
    api.on('/misfit', { body: `[{"id":"1","t":"2025-06-30T21:00:00Z"},{"uuid":"2","t":"2025-06-30T20:00:00Z","note":"key ${SECRET}"}]` });
    const noId = await failure(source({ path: '/misfit', paging: { style: 'none' } }).fetchPage({ limit: 10 }, signal()));
    assert.equal(noId.kind, 'badShape');
    assert.equal(noId.message, 'Item 2 of the page has no id at $.id: {"uuid":"2","t":"2025-06-30T20:00:00Z","note":"key ••••"}');

    api.on('/unix', { body: '[{"id":"1","t":1719781200}]' });
    const notIso = await failure(source({ path: '/unix', paging: { style: 'none' } }).fetchPage({ limit: 10 }, signal()));
    assert.match(notIso.message, /^Item 1 of the page has a time that is not ISO 8601 \(set fields\.timeFormat for a unix time\) at \$\.t: /);

    api.on('/object', { body: '{"data":{"id":"1"}}' });
    const notList = await failure(source({ path: '/object', items: '$.data', paging: { style: 'none' } }).fetchPage({ limit: 10 }, signal()));
    assert.equal(notList.message, 'The answer holds an object at $.data (mapping.items), where a list of events was expected.');
    const nothing = await failure(source({ path: '/object', items: '$.entries', paging: { style: 'none' } }).fetchPage({ limit: 10 }, signal()));
    assert.equal(nothing.message, 'The answer holds nothing at $.entries (mapping.items), where a list of events was expected.');
  });

  it('keeps exact bytes of items found deep in the envelope, the last of duplicate keys as JSON.parse does', async () => {
    const item = '{"id":"9","t":"2025-06-30T21:00:00.123456789Z","type":"x","n":12345678901234567890,"s":"Café \\u2028 東京"}';
    api.on('/deep', { body: `{"result":{"pages":[{"items":[{"id":"0"}]},{"items":[]}]},"result":{"pages":[{"x":1},{"items":[ ${item} ]}]}}` });
    const { events } = await source({ path: '/deep', items: '$.result.pages[1].items', paging: { style: 'none' } }).fetchPage({ limit: 10 }, signal());
    assert.equal(events.length, 1);
    assert.equal(rawText(events[0].raw), item);
    assert.equal(events[0].timestamp, '2025-06-30T21:00:00.123456789Z');
  });

  it('mints an OAuth 2 token again once after a 401, on the same host only', async () => {
    let minted = 0;
    api.on('/oauth/token', () => ({ body: JSON.stringify({ access_token: `minted-${++minted}-token`, expires_in: 3600 }) }));
    api.on('/renewed', (req) => (req.headers.authorization === 'Bearer minted-2-token' ? { body: ITEMS } : { status: 401, body: '{"message":"expired"}' }));
    const from = api.requests.length;
    const oauth = source({ path: '/renewed', auth: { scheme: 'oauth2', tokenPath: '/oauth/token', clientId: 'cid' }, paging: { style: 'none' } }, '', { clientSecret: SECRET });
    const page = await oauth.fetchPage({ limit: 10 }, signal());
    assert.equal(page.events.length, 1);
    assert.deepEqual(api.requests.slice(from).map((u) => new URL(u, api.url).pathname), ['/oauth/token', '/renewed', '/oauth/token', '/renewed']);
    assert.equal(clients.redactor.redact('sent minted-2-token'), 'sent ••••', 'minted tokens are masked wherever the redactor goes');
  });

  it('never sends a stored secret holding a line break as a header', async () => {
    api.on('/ok', { body: ITEMS });
    const broken = source({ path: '/ok', paging: { style: 'none' } }, '', { token: 'abc\r\nHost: evil.example' });
    const before = api.requests.length;
    const error = await failure(broken.fetchPage({ limit: 10 }, signal()));
    assert.equal(error.kind, 'config');
    assert.equal(error.message, 'The stored bearer token holds a line break or a control character: set it again.');
    assert.equal(api.requests.length, before);
  });
});
