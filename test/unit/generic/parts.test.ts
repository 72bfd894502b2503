import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { authHeaders, secretSlots, type GenericSecrets } from '../../../src/sources/generic/auth';
import { linkTarget } from '../../../src/sources/generic/linkHeader';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { TokenCache } from '../../../src/sources/tokenCache';
import { filterTime, unixToIso } from '../../../src/sources/generic/unixTime';

const signal = (): AbortSignal => new AbortController().signal;

describe('generic source parts', () => {
  describe('Link header', () => {
    it('finds the first link whose rel list holds the relation, as RFC 8288 writes them', () => {
      const header = '<https://a.example/x?page=1>; rel="first", <https://a.example/x?a=1,2&b=;c>; title="a, b; c"; rel="prev next", <https://a.example/y>; rel=next';
      assert.equal(linkTarget(header, 'next'), 'https://a.example/x?a=1,2&b=;c');
      assert.equal(linkTarget(header, 'NEXT'), 'https://a.example/x?a=1,2&b=;c');
      assert.equal(linkTarget(header, 'first'), 'https://a.example/x?page=1');
      assert.equal(linkTarget('</only>; rel=last', 'next'), undefined);
      assert.equal(linkTarget('</a>; rel="next"; rel="prev"', 'prev'), undefined, 'only the first rel of a link counts');
      assert.equal(linkTarget('garbage, <unclosed; rel=next', 'next'), undefined);
      assert.equal(linkTarget(undefined, 'next'), undefined);
    });
  });

  describe('unix times', () => {
    it('become ISO 8601 instants with every digit the unit and value carry', () => {
      assert.equal(unixToIso(1719782045, 'unixSeconds'), '2024-06-30T21:14:05Z');
      assert.equal(unixToIso('1719782045.5', 'unixSeconds'), '2024-06-30T21:14:05.5Z');
      assert.equal(unixToIso(1719782045123, 'unixMillis'), '2024-06-30T21:14:05.123Z');
      assert.equal(unixToIso(1719782045123456, 'unixMicros'), '2024-06-30T21:14:05.123456Z');
      assert.equal(unixToIso('1719782045123456789', 'unixNanos'), '2024-06-30T21:14:05.123456789Z');
      assert.equal(unixToIso(-1, 'unixSeconds'), '1969-12-31T23:59:59Z');
      assert.equal(unixToIso(-1500, 'unixMillis'), '1969-12-31T23:59:58.500Z');
      for (const bad of ['', 'abc', '1e9', '12:00', Number.NaN, 1e300]) assert.equal(unixToIso(bad, 'unixSeconds'), undefined, String(bad));
    });

    it('a filter bound is rounded outward in the parameter\'s unit', () => {
      assert.equal(filterTime('2025-06-30T10:00:00.5Z', 'unixSeconds', 'since'), '1751277600');
      assert.equal(filterTime('2025-06-30T10:00:00.5Z', 'unixSeconds', 'until'), '1751277601');
      assert.equal(filterTime('2025-06-30T10:00:00Z', 'unixSeconds', 'until'), '1751277600');
      assert.equal(filterTime('2025-06-30T10:00:00.0005Z', 'unixMillis', 'until'), '1751277600001');
      assert.equal(filterTime('2025-06-30T10:00:00.123Z', 'iso8601', 'since'), '2025-06-30T10:00:00.123Z');
    });
  });

  describe('auth', () => {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor() });
    const context = { baseUrl: new URL('https://api.example.com/base'), http, onToken: () => undefined };
    after(() => http.close());

    const headersOf = (auth: unknown, secrets: GenericSecrets): Promise<Record<string, string>> =>
      authHeaders(parseMapping({ path: '/x', items: '$', fields: { id: '$.id', time: '$.t', type: '$.y' }, paging: { style: 'none' }, auth }).auth, secrets, context).headers(signal());

    it('asks for one secret per slot, and sends each in its scheme', async () => {
      const basic = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;
      assert.deepEqual(await headersOf(undefined, {}), {});
      assert.deepEqual(await headersOf({ scheme: 'bearer' }, { token: 't0k3n' }), { authorization: 'Bearer t0k3n' });
      assert.deepEqual(await headersOf({ scheme: 'basic' }, { password: 'sk_test_1' }), { authorization: basic('sk_test_1:') });
      assert.deepEqual(await headersOf({ scheme: 'basic', username: 'AC123' }, { password: 'p4ss' }), { authorization: basic('AC123:p4ss') });
      const okta = { scheme: 'header', headers: [{ name: 'Authorization', prefix: 'SSWS ' }] };
      assert.deepEqual(await headersOf(okta, { 'header:authorization': 'k' }), { authorization: 'SSWS k' });
      const datadog = { scheme: 'header', headers: [{ name: 'DD-API-KEY' }, { name: 'DD-APPLICATION-KEY' }] };
      assert.deepEqual(await headersOf(datadog, { 'header:dd-api-key': 'a', 'header:dd-application-key': 'b' }), { 'dd-api-key': 'a', 'dd-application-key': 'b' });
      const slots = (auth: unknown): string[] => secretSlots(parseMapping({ path: '/x', items: '$', fields: { id: '$.id', time: '$.t', type: '$.y' }, paging: { style: 'none' }, auth }).auth).map((s) => `${s.id}=${s.label}`);
      assert.deepEqual(slots(datadog), ['header:dd-api-key=DD-API-KEY', 'header:dd-application-key=DD-APPLICATION-KEY']);
      assert.deepEqual(slots({ scheme: 'oauth2', tokenPath: '/oauth/token', clientId: 'cid' }), ['clientSecret=Client secret of cid']);
      assert.deepEqual(slots({ scheme: 'basic', username: 'AC1' }), ['password=Password of AC1']);
    });

    it('names a missing secret, and reads no secret through a prototype-named slot', async () => {
      const error = await headersOf({ scheme: 'header', headers: [{ name: 'X-Api-Token' }] }, JSON.parse('{"__proto__":{"header:x-api-token":"inherited"}}') as GenericSecrets).catch((e: unknown) => e);
      assert.ok(error instanceof TimelineError);
      assert.equal(error.message, 'No X-Api-Token is set for this connection: use Set Secret.');
    });

    it('a token cache mints once for pages that ask together, again after its expiry or a renewal', async () => {
      let now = 0;
      let mints = 0;
      const cache = new TokenCache(async () => ({ token: `t${++mints}`, expiresInSeconds: 60 }), () => now);
      assert.deepEqual(await Promise.all([cache.token(signal()), cache.token(signal())]), ['t1', 't1']);
      now = 29_000;
      assert.equal(await cache.token(signal()), 't1');
      now = 31_000; // within 30 s of the stated expiry: minted again
      assert.equal(await cache.token(signal()), 't2');
      assert.equal(await cache.renew(signal()), 't3');
      assert.equal(mints, 3);
    });
  });
});
