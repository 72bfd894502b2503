import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { DeferredSource } from '../../../src/core/source';
import { Timeline } from '../../../src/core/timeline';
import { PismoSource, type PismoOptions } from '../../../src/sources/pismo';
import { pismoParamNames } from '../../../src/sources/pismoFilter';
import { type CountedDemo, countedDemo } from '../security/countedDemo';

const LIMIT = 100;
const EVENTS = 450;

/** What a setting is refused with: the sentence's start, naming the setting and why. */
function refusal(cursorParam: unknown, filterParams: unknown): string {
  try {
    pismoParamNames(cursorParam, filterParams);
  } catch (e) {
    assert.ok(e instanceof TimelineError && e.kind === 'config', String(e));
    return e.message;
  }
  return assert.fail(`cursorParam ${JSON.stringify(cursorParam)} and filterParams ${JSON.stringify(filterParams)} were accepted`);
}

describe('Pismo parameter names a workspace chooses', () => {
  describe('the check', () => {
    it('cursorParam is checked like the filter names: a plain name, not one paging sets, in any case', () => {
      for (const name of ['a&b', 'x y', '', 42, {}]) {
        assert.equal(refusal(name, undefined), 'cursorParam must be a query parameter name (letters, digits, _ . - [ ]), such as cursor.', String(name));
      }
      for (const name of ['limit', 'LIMIT', 'Order']) {
        assert.equal(refusal(name, undefined), 'cursorParam must be a name other than limit and order (in any case), which paging sets.', name);
      }
      assert.equal(pismoParamNames(undefined, undefined).cursor, 'cursor');
      assert.equal(pismoParamNames('nextCursor', undefined).cursor, 'nextCursor');
    });

    it('filter names paging sets are refused whatever their case', () => {
      for (const name of ['limit', 'LIMIT', 'Limit', 'ORDER']) {
        assert.equal(refusal(undefined, { type: name }), 'filterParams.type must be a name other than limit and order (in any case), which paging sets.', name);
      }
    });

    it('names that read as a credential are refused, for the cursor and every filter, with - _ . variants and in any case', () => {
      const credentials = [
        'token', 'TOKEN', 'access_token', 'Access-Token', 'accessToken', 'api_key', 'apikey', 'API-KEY', 'x-api-key', 'key', 'Key',
        'secret', 'client_secret', 'clientSecret', 'password', 'Passwd', 'auth', 'AUTH', 'authorization', 'Authorization', 'session',
        'jsessionid', 'session_id', 'signature', 'X-Amz-Signature', 'X-Amz-Security-Token', 'X-Amz-Credential', 'sig', 'refresh_token', 'id_token', 'bearer',
      ];
      for (const name of credentials) {
        assert.equal(refusal(name, undefined), `cursorParam must not be "${name}", which reads as a credential's name: a connection's query never carries a secret.`, name);
        assert.equal(refusal(undefined, { category: name }), `filterParams.category must not be "${name}", which reads as a credential's name: a connection's query never carries a secret.`, name);
      }
      // a cursor named like a page token, and a filter named like a keyword, are not credentials
      assert.equal(pismoParamNames('pageToken', { type: 'keyword' }).filters.type, 'keyword');
    });

    it('one parameter reusing another name is refused, in any case; a filter turned off frees its name', () => {
      assert.equal(refusal('type', undefined), 'cursorParam and filterParams.type both name the query parameter "type" (in any case): give each a name of its own.');
      assert.equal(refusal('eventType', { type: 'EventType' }), 'cursorParam and filterParams.type both name the query parameter "EventType" (in any case): give each a name of its own.');
      assert.equal(refusal(undefined, { beginDate: 'Cursor' }), 'cursorParam and filterParams.beginDate both name the query parameter "Cursor" (in any case): give each a name of its own.');
      assert.equal(refusal(undefined, { type: 'x', category: 'X' }), 'filterParams.type and filterParams.category both name the query parameter "X" (in any case): give each a name of its own.');
      assert.equal(refusal(undefined, { endDate: 'BEGINDATE' }), 'filterParams.beginDate and filterParams.endDate both name the query parameter "BEGINDATE" (in any case): give each a name of its own.');
      assert.deepEqual(pismoParamNames('type', { type: false }), { cursor: 'type', filters: { type: undefined, category: 'category', beginDate: 'beginDate', endDate: 'endDate' } });
    });
  });

  describe('over real HTTP, the demo server counting what reaches it', () => {
    let server: CountedDemo;
    const clients: HttpClient[] = [];

    /** A timeline whose source is built on its first page, as the extension builds it, sending the user's token. */
    function timeline(options: Pick<PismoOptions, 'cursorParam' | 'filterParams'>): Timeline {
      const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), delay: async () => {} });
      clients.push(http);
      const { demo, front } = server;
      const source = new DeferredSource(async () => new PismoSource({ baseUrl: new URL(front.url), http, auth: { token: async () => demo.token }, ...options }));
      return new Timeline(source, { limit: LIMIT, maxEmptyPages: 5 });
    }

    before(async () => {
      server = await countedDemo({ eventCount: EVENTS });
    });

    beforeEach(() => {
      server.front.received.length = 0;
    });

    after(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
    });

    it('a refused cursorParam or filterParams is a configuration error on the first page, and no request is sent', async () => {
      const refused: Pick<PismoOptions, 'cursorParam' | 'filterParams'>[] = [
        { cursorParam: 'limit' },
        { cursorParam: 'access_token' },
        { filterParams: { type: 'LIMIT' } },
        { filterParams: { category: 'access_token' } },
        { cursorParam: 'eventType', filterParams: { type: 'eventtype' } },
      ];
      for (const options of refused) {
        const t = timeline(options);
        await assert.rejects(t.loadMore(), (e: unknown) => e instanceof TimelineError && e.kind === 'config', JSON.stringify(options));
        assert.equal(t.error?.kind, 'config', 'the error node says what to fix');
        assert.equal(t.pageCount, 0);
      }
      assert.deepEqual(server.front.received, [], 'a request reached the server');
    });

    it('accepted names reach the server as set: the cursor under its own name, limit never overwritten', async () => {
      const t = timeline({ cursorParam: 'nextCursor', filterParams: { type: 'eventType', category: false } });
      while (t.hasMore) await t.loadMore();
      assert.equal(t.eventCount, EVENTS);
      const queries = server.front.received.map((r) => new URL(r.url, server.front.url).searchParams);
      assert.equal(queries.length, Math.ceil(EVENTS / LIMIT));
      for (const [i, query] of queries.entries()) {
        assert.deepEqual(query.getAll('limit'), [String(LIMIT)]);
        assert.deepEqual([...query.keys()].sort(), i === 0 ? ['limit'] : ['limit', 'nextCursor']);
      }
    });
  });
});
