import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { SecretScope } from '../../../src/core/secretScope';
import { PismoTokenMinter } from '../../../src/sources/pismoAuth';
import { TalentLmsSource } from '../../../src/sources/talentlms';
import { type LocalServer, json, localServer } from './localServer';

const KEY = 'scope-test-key-0123456789';
const signal = (): AbortSignal => new AbortController().signal;

describe('security: a secret goes only under the origin and base path it was given for', () => {
  describe('the check', () => {
    const scope = SecretScope.of(new URL('https://gw.example.com/tenant-a/'));

    it('allows the base itself and whole path segments below it', () => {
      for (const ok of [
        'https://gw.example.com/tenant-a',
        'https://gw.example.com/tenant-a/',
        'https://gw.example.com/tenant-a/api/v2/timeline?page[number]=2',
        'https://gw.example.com/tenant-a/x/../y',
        'https://GW.example.com:443/tenant-a/y',
      ]) {
        assert.equal(scope.allows(new URL(ok)), true, ok);
      }
    });

    it('refuses another scheme, host or port, another path prefix, climbing out, encoded separators, and credentials', () => {
      for (const refused of [
        'http://gw.example.com/tenant-a/x',
        'https://other.example.com/tenant-a/x',
        'https://gw.example.com:8443/tenant-a/x',
        'https://gw.example.com/tenant-b/x',
        'https://gw.example.com/tenant-ab/x',
        'https://gw.example.com/',
        'https://gw.example.com/tenant-a/../tenant-b/x',
        'https://gw.example.com/tenant-a/%2e%2e/tenant-b/x',
        'https://gw.example.com/tenant-a/..%2ftenant-b/x',
        'https://gw.example.com/tenant-a/..%5Ctenant-b/x',
        'https://user:pw@gw.example.com/tenant-a/x',
      ]) {
        assert.equal(scope.allows(new URL(refused)), false, refused);
      }
    });

    it('a root base allows its whole origin; the stored form reads back as the same scope', () => {
      const root = SecretScope.of(new URL('https://acme.talentlms.com'));
      assert.equal(root.toString(), 'https://acme.talentlms.com');
      assert.equal(root.allows(new URL('https://acme.talentlms.com/api/v2/timeline')), true);
      assert.equal(scope.toString(), 'https://gw.example.com/tenant-a');
      assert.equal(SecretScope.parse(scope.toString())?.toString(), scope.toString());
      assert.equal(SecretScope.parse(42), undefined);
      assert.equal(SecretScope.parse('not a url'), undefined);
    });
  });

  describe('over real HTTP', () => {
    let home: LocalServer;
    let elsewhere: LocalServer;
    const clients: HttpClient[] = [];
    const log: RequestLogEntry[] = [];

    function client(base: string): HttpClient {
      const redactor = new Redactor();
      redactor.add(KEY);
      const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor, scope: SecretScope.of(new URL(base)), onRequest: (e) => log.push(e), delay: async () => {} });
      clients.push(http);
      return http;
    }

    before(async () => {
      elsewhere = await localServer((_req, res) => json(res, 200, { _data: [] }));
      home = await localServer((req, res) => {
        const url = req.url ?? '';
        if (url.startsWith('/redirect')) return json(res, 302, {}, { location: `${elsewhere.url}/tenant-a/api/v2/timeline` });
        if (url.startsWith('/tenant-a/passport/')) return json(res, 200, { token: 'minted-token-1234', expires_in: 3600 });
        const next = new URL(req.url ?? '/', 'http://x').searchParams.get('next');
        return json(res, 200, { _data: [], _links: { next } });
      });
    });

    beforeEach(() => {
      home.received.length = 0;
      elsewhere.received.length = 0;
      log.length = 0;
    });

    after(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await Promise.all([home.close(), elsewhere.close()]);
      for (const entry of log) assert.ok(!JSON.stringify(entry).includes(KEY), 'the key reached the log');
    });

    it('refuses a request to another port before it is sent, and says why', async () => {
      const http = client(`${home.url}/tenant-a`);
      await assert.rejects(http.get(new URL(`${elsewhere.url}/tenant-a/api`), { 'x-api-key': KEY }, signal()), (e: unknown) => {
        assert.ok(e instanceof TimelineError && e.kind === 'config', String(e));
        assert.equal(e.message, `A request to ${elsewhere.url} was not sent: the secret was given for ${home.url}/tenant-a only.`);
        return true;
      });
      await assert.rejects(http.get(new URL(`${home.url}/tenant-b/api`), { 'x-api-key': KEY }, signal()), /A request to http:\/\/127\.0\.0\.1:\d+\/tenant-b\/api was not sent/);
      assert.equal(elsewhere.received.length + home.received.length, 0, 'a refused request was sent');
      assert.equal(log.length, 2, 'refusals are logged');
    });

    it('does not follow a redirect to another host: the key stays home', async () => {
      const http = client(home.url);
      await assert.rejects(http.get(new URL(`${home.url}/redirect`), { 'x-api-key': KEY }, signal()), (e: unknown) => {
        assert.ok(e instanceof TimelineError && e.kind === 'http');
        assert.match(e.message, /^The server redirected the request \(302\), and redirects are not followed: check the base URL/);
        return true;
      });
      assert.equal(home.received.length, 1);
      assert.equal(elsewhere.received.length, 0);
    });

    it('follows `_links.next` only under the base path: another tenant of the gateway or another host is refused', async () => {
      const base = new URL(`${home.url}/tenant-a/`);
      const source = new TalentLmsSource({ baseUrl: base, http: client(base.toString()), apiKey: async () => KEY, apiVersion: '2025-01-01' });
      const pageWith = async (next: string): Promise<unknown> => {
        const url = new URL(`${home.url}/tenant-a/api/v2/timeline`);
        url.searchParams.set('next', next);
        return source.fetchPage({ cursor: `url:${url}`, limit: 20 }, signal());
      };
      const inside = (await pageWith(`${home.url}/tenant-a/api/v2/timeline?page[number]=2`)) as { nextCursor?: string };
      assert.equal(inside.nextCursor, `url:${home.url}/tenant-a/api/v2/timeline?page[number]=2`);
      await assert.rejects(pageWith('/tenant-b/api/v2/timeline?page[number]=2'), /next-page link points outside \/tenant-a; it was not followed/);
      await assert.rejects(pageWith(`${elsewhere.url}/tenant-a/api/v2/timeline`), /next-page link points to another host \(127\.0\.0\.1:\d+\)/);
      // A cursor that got past the source's own check still meets the client's.
      await assert.rejects(source.fetchPage({ cursor: `url:${home.url}/tenant-b/api/v2/timeline`, limit: 20 }, signal()), /was not sent/);
      assert.equal(elsewhere.received.length, 0);
      assert.ok(home.received.every((r) => r.url.startsWith('/tenant-a/')), JSON.stringify(home.received.map((r) => r.url)));
    });

    it('mints tokens under the base path, and never posts the server secret outside it', async () => {
      const credentials = async (): Promise<{ serverKey: string; serverSecret: string; accountId: string }> => ({ serverKey: 'sk-1234', serverSecret: KEY, accountId: '1' });
      const minter = new PismoTokenMinter(new URL(`${home.url}/tenant-a`), client(`${home.url}/tenant-a`), credentials, { onToken: () => {} });
      assert.equal(await minter.token(signal()), 'minted-token-1234');
      assert.deepEqual(home.received.map((r) => `${r.method} ${r.url}`), ['POST /tenant-a/passport/v2/s2s/access-token']);
      const astray = new PismoTokenMinter(new URL(elsewhere.url), client(`${home.url}/tenant-a`), credentials, { onToken: () => {} });
      await assert.rejects(astray.token(signal()), /was not sent/);
      assert.equal(elsewhere.received.length, 0);
    });
  });
});
