import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { SecretScope } from '../../../src/core/secretScope';
import { parseBaseUrl } from '../../../src/core/url';
import { TalentLmsSource } from '../../../src/sources/talentlms';
import { type LocalServer, json, localServer } from './localServer';

const KEY = 'path-test-key-0123456789';
const BASE_REFUSAL = 'Remove ";" and "%25" from the base URL\'s path: some servers read them as a step out of it (Tomcat takes "..;" for "..").';
/** Paths the URL parser keeps under /tenant-a, which Tomcat, Spring or a server decoding twice read as /tenant-b. */
const ESCAPES = ['/tenant-a/..;/tenant-b/api/v2/timeline', '/tenant-a/%252e%252e/tenant-b/api/v2/timeline', '/tenant-a/.%252e/tenant-b/api/v2/timeline', '/tenant-a;x=1/api/v2/timeline', '/tenant-a/api;jsessionid=1/v2/timeline'];
const signal = (): AbortSignal => new AbortController().signal;

describe('security: a path some servers read differently from the URL parser is never followed with the key', () => {
  it('a base URL with ";" or "%25" in its path is refused with a sentence; its query is not the path', () => {
    for (const base of ['https://gw.example.com/tenant-a/..;/tenant-b', 'https://gw.example.com/tenant-a;jsessionid=1', 'https://gw.example.com/tenant-a/%252e%252e/tenant-b', 'https://gw.example.com/100%25']) {
      assert.throws(() => parseBaseUrl(base), (e: unknown) => e instanceof TimelineError && e.kind === 'config' && e.message === BASE_REFUSAL, base);
    }
    assert.equal(parseBaseUrl('https://gw.example.com/tenant-a/?a=1;b=%25').toString(), 'https://gw.example.com/tenant-a/');
  });

  it('the scope of a secret refuses them, though textually under its base path', () => {
    const scope = SecretScope.of(new URL('https://gw.example.com/tenant-a'));
    for (const path of ESCAPES) {
      const url = new URL(`https://gw.example.com${path}`);
      assert.ok(url.pathname.startsWith('/tenant-a'), `${path}: the parser should keep it under /tenant-a`);
      assert.equal(scope.allows(url), false, path);
    }
    assert.equal(scope.allows(new URL('https://gw.example.com/tenant-a/api/v2/timeline?page[number]=2;x=%25')), true, 'the query is not the path');
  });

  describe('over real HTTP', () => {
    let server: LocalServer;
    let http: HttpClient;

    before(async () => {
      // Answers every page with the `_links.next` the request asks for: a server choosing its next link.
      server = await localServer((req, res) => json(res, 200, { _data: [], _links: { next: new URL(req.url ?? '/', 'http://x').searchParams.get('next') } }));
      const redactor = new Redactor();
      redactor.add(KEY);
      http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor, scope: SecretScope.of(new URL(`${server.url}/tenant-a`)), delay: async () => {} });
    });

    beforeEach(() => {
      server.received.length = 0;
    });

    after(async () => {
      await http.close();
      await server.close();
    });

    it("a server's _links.next with ;, or %25 in its path is not followed: only the page that named it was sent", async () => {
      const base = new URL(`${server.url}/tenant-a/`);
      const source = new TalentLmsSource({ baseUrl: base, http, apiKey: async () => KEY, apiVersion: '2025-01-01' });
      for (const path of ESCAPES) {
        const page = new URL(`${server.url}/tenant-a/api/v2/timeline`);
        page.searchParams.set('next', `${path}?page[number]=2`);
        await assert.rejects(source.fetchPage({ cursor: `url:${page}`, limit: 20 }, signal()), /The server's next-page link points outside \/tenant-a; it was not followed\.$/, path);
      }
      assert.equal(server.received.length, ESCAPES.length);
      for (const { url } of server.received) assert.equal(new URL(url, server.url).pathname, '/tenant-a/api/v2/timeline');
    });

    it('a cursor that holds one anyway meets the client, which sends nothing', async () => {
      for (const path of ESCAPES) {
        await assert.rejects(http.get(new URL(`${server.url}${path}`), { 'x-api-key': KEY }, signal()), (e: unknown) => {
          assert.ok(e instanceof TimelineError && e.kind === 'config', String(e));
          assert.match(e.message, /was not sent: the secret was given for http:\/\/127\.0\.0\.1:\d+\/tenant-a only\.$/);
          assert.ok(!e.message.includes(KEY));
          return true;
        });
      }
      assert.deepEqual(server.received, []);
    });
  });
});
