import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { formatJsonPath, type PathSegment } from '../../../src/core/jsonPath';
import { checkMapping, parseMapping } from '../../../src/sources/generic/mappingSchema';
import { parseJsonPath, valueAt } from '../../../src/sources/generic/path';
import { GENERIC_PRESETS } from '../../../src/sources/generic/presets';
import { readEvents } from '../../../src/sources/generic/events';
import { RawPage } from '../../../src/core/rawPage';

/** The smallest mapping that passes; each case changes one part of it. */
const VALID = {
  path: '/v1/events',
  items: '$.data',
  fields: { id: '$.id', time: '$.created_at', type: '$.type' },
  paging: { style: 'cursor', next: '$.next', param: 'cursor' },
};

function problems(input: unknown): readonly string[] {
  const result = checkMapping(input);
  return 'problems' in result ? result.problems : [];
}

function with_(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...VALID, ...changes };
}

describe('generic mapping: paths in Copy Path syntax', () => {
  it('reads back every path Copy Path writes', () => {
    const cases: PathSegment[][] = [[], ['data', 'object', 'id'], ['items', 3, 'a'], ['@timestamp'], ['a.b', 'c d', 'quote"d', "it's", '東京'], ['__proto__', 'constructor'], [0, 0, 12]];
    for (const segments of cases) {
      const parsed = parseJsonPath(formatJsonPath(segments));
      assert.ok(!('error' in parsed), formatJsonPath(segments));
      assert.deepEqual(parsed.segments, segments);
    }
  });

  it("reads $['a.b'] with single quotes, and $last. for the last item", () => {
    const segments = (text: string, root?: string): unknown => (parseJsonPath(text, root) as { segments?: unknown }).segments;
    assert.deepEqual(segments("$['a.b']['it\\'s']"), ['a.b', "it's"]);
    assert.deepEqual(segments('$last.id', '$last'), ['id']);
    assert.ok('error' in parseJsonPath('$last.id'), '$last is not $ followed by "last"');
  });

  it('says where a path goes wrong', () => {
    const error = (text: string): string => (parseJsonPath(text) as { error: string }).error;
    assert.equal(error('data.id'), 'must start with $, as Copy Path writes it ($.data.id)');
    assert.match(error('$.a..b'), /"\." not followed by a member name at character 4/);
    assert.match(error('$.a[x]'), /a "\[" at character 4 not followed by an index/);
    assert.match(error('$["a'), /quoted key at character 2 that is not closed/);
    assert.match(error('$[01]'), /not followed by an index/);
  });

  it('reads only own members: __proto__ and constructor are data, never Object\'s', () => {
    const item = JSON.parse('{"__proto__":{"id":"own"},"list":[1,2]}') as unknown;
    assert.equal(valueAt(item, ['__proto__', 'id']), 'own');
    assert.equal(valueAt({}, ['constructor']), undefined);
    assert.equal(valueAt({}, ['__proto__']), undefined);
    assert.equal(valueAt({ list: [1, 2] }, ['list', 'length']), undefined);
    assert.equal(valueAt({ list: [1, 2] }, ['list', 5]), undefined);
    assert.equal(valueAt('text', ['length']), undefined);
  });
});

describe('generic mapping: validation', () => {
  it('accepts every preset', () => {
    for (const preset of GENERIC_PRESETS) assert.deepEqual(problems(preset.mapping), [], preset.id);
  });

  it('gives a typed mapping with the defaults filled in', () => {
    const mapping = parseMapping(with_({ query: { limit: '{pageSize}', n: 3 } }));
    assert.deepEqual(mapping.query, [['limit', '{pageSize}'], ['n', '3']]);
    assert.deepEqual(mapping.auth, { scheme: 'none' });
    assert.equal(mapping.order, 'newestFirst');
    assert.equal(mapping.fields.timeFormat, 'iso8601');
    assert.deepEqual(mapping.fields.correlation, []);
    assert.deepEqual(mapping.paging, { style: 'cursor', next: { from: 'body', path: { text: '$.next', segments: ['next'] } }, param: 'cursor', sizeParam: undefined, hasMore: undefined });
  });

  const cases: [string, unknown, string | RegExp][] = [
    ['not an object', 'x', 'mapping must be an object with path, items, fields and paging.'],
    ['no path', { ...VALID, path: undefined }, 'mapping.path is required: the API path, such as /v1/events.'],
    ['a URL as path', with_({ path: 'https://evil.example/v1' }), 'mapping.path must be a path starting with one "/", such as /v1/events (the host belongs in the base URL).'],
    ['a host-relative path', with_({ path: '//evil.example/v1' }), /mapping\.path must be a path starting with one "\/"/],
    ['a step out', with_({ path: '/v1/../admin' }), 'mapping.path must not hold "." or ".." steps.'],
    ['an encoded step out', with_({ path: '/v1/%2e%2e/admin' }), 'mapping.path must not hold "." or ".." steps.'],
    ['a query in the path', with_({ path: '/v1/events?limit=5' }), 'mapping.path must be a path without "?" or "#": put query parameters in mapping.query.'],
    ['path parameters', with_({ path: '/v1/..;/admin' }), /mapping\.path must not hold ";", "%25" or an encoded slash/],
    ['no items', { ...VALID, items: undefined }, /^mapping\.items is required: \$ when the body is the array/],
    ['no id', with_({ fields: { time: '$.t', type: '$.y' } }), "mapping.fields.id is required: the path of each event's id, such as $.id."],
    ['an unknown time format', with_({ fields: { ...VALID.fields, timeFormat: 'epoch' } }), 'mapping.fields.timeFormat must be one of iso8601, unixSeconds, unixMillis, unixMicros, unixNanos, not "epoch".'],
    ['too many alternatives', with_({ fields: { ...VALID.fields, time: ['$.a', '$.b', '$.c', '$.d', '$.e'] } }), 'mapping.fields.time must list from 1 to 4 paths.'],
    ['too many correlation ids', with_({ fields: { ...VALID.fields, correlation: Array.from({ length: 9 }, (_, k) => `$.c${k}`) } }), 'mapping.fields.correlation lists 9 paths: at most 8.'],
    ['an unknown paging style', with_({ paging: { style: 'scroll' } }), 'mapping.paging.style must be one of cursor, nextUrl, linkHeader, page, offset, none, not "scroll".'],
    ['a cursor without next', with_({ paging: { style: 'cursor', param: 'cursor' } }), 'mapping.paging.next is required for paging style "cursor": a body path such as $.next_cursor, or $last.id for a field of the last item.'],
    ['a cursor without param', with_({ paging: { style: 'cursor', next: '$.n' } }), 'mapping.paging.param is required for paging style "cursor": the query parameter that carries the cursor back, such as cursor.'],
    ['the last item itself', with_({ paging: { style: 'cursor', next: '$last', param: 'c' } }), 'mapping.paging.next names the last item itself: name one of its fields, such as $last.id.'],
    ['a key another style uses', with_({ paging: { style: 'linkHeader', param: 'page' } }), 'mapping.paging has an unknown key "param" (for style "linkHeader" the keys are style, rel, hasMore, sizeParam).'],
    ['a page start of 2', with_({ paging: { style: 'page', param: 'page', start: 2 } }), 'mapping.paging.start must be a whole number from 0 to 1.'],
    ['a secret in the query', with_({ query: { api_key: 'x' } }), 'mapping.query key must not be "api_key", which reads as a credential\'s name: a secret never travels in a query string, use auth instead.'],
    ['a token as cursor parameter', with_({ paging: { style: 'cursor', next: '$.n', param: 'access_token' } }), /mapping\.paging\.param must not be "access_token", which reads as a credential's name/],
    ['a template', with_({ query: { uid: '{accountId}' } }), 'mapping.query["uid"] holds a template: the only placeholder a value may hold is {pageSize}.'],
    ['one parameter twice', with_({ query: { limit: '{pageSize}' }, paging: { ...VALID.paging, sizeParam: 'LIMIT' } }), 'mapping.query["limit"] and mapping.paging.sizeParam both name the query parameter "LIMIT" (in any case): give each its own.'],
    ['Host', with_({ headers: { Host: 'evil.example' } }), /^mapping\.headers key must not be "Host": Host, Cookie, Authorization/],
    ['Authorization in plain headers', with_({ headers: { authorization: 'Bearer x' } }), /^mapping\.headers key must not be "authorization"/],
    ['Proxy-*', with_({ headers: { 'Proxy-Authorization': 'x' } }), /^mapping\.headers key must not be "Proxy-Authorization"/],
    ['Transfer-Encoding', with_({ headers: { 'Transfer-Encoding': 'chunked' } }), /^mapping\.headers key must not be "Transfer-Encoding"/],
    ['a secret header in plain headers', with_({ headers: { 'X-API-Key': 'k' } }), 'mapping.headers key "X-API-Key" reads as a secret\'s header: put it in auth (scheme "header") so its value is kept in the secret store, not in settings.'],
    ['a line break in a header', with_({ headers: { 'X-Version': '1\r\nHost: evil' } }), 'mapping.headers["X-Version"] holds a control character or a line break.'],
    ['an unknown auth scheme', with_({ auth: { scheme: 'digest' } }), 'mapping.auth.scheme must be one of none, bearer, basic, header, oauth2, not "digest".'],
    ['Cookie as a secret header', with_({ auth: { scheme: 'header', headers: [{ name: 'Cookie' }] } }), /^mapping\.auth\.headers\[0\]\.name must not be "Cookie"/],
    ['a user name with a colon', with_({ auth: { scheme: 'basic', username: 'a:b' } }), 'mapping.auth.username must not hold ":", which ends a Basic user name.'],
    ['a token URL on another host', with_({ auth: { scheme: 'oauth2', tokenPath: 'https://evil.example/token', clientId: 'c' } }), /^mapping\.auth\.tokenPath must be a path starting with one "\/"/],
    ['the client secret in params', with_({ auth: { scheme: 'oauth2', tokenPath: '/oauth/token', clientId: 'c', params: { client_secret: 's' } } }), 'mapping.auth.params["client_secret"] is set by the extension itself.'],
    ['a page size out of range', with_({ maxPageSize: 5000 }), 'mapping.maxPageSize must be a whole number from 1 to 1000.'],
    ['an unknown key', with_({ pagination: {} }), /^mapping has an unknown key "pagination" \(the keys are path, query, headers/],
  ];
  for (const [what, input, expected] of cases) {
    it(`says what is wrong: ${what}`, () => {
      const found = problems(input);
      assert.ok(
        found.some((p) => (typeof expected === 'string' ? p === expected : expected.test(p))),
        `expected ${String(expected)}\n got ${JSON.stringify(found, null, 1)}`,
      );
    });
  }

  it('names every problem at once, and parseMapping throws a configuration error with the first three', () => {
    const input = { path: 'x', items: 3, fields: { id: 4 }, paging: {} };
    assert.ok(problems(input).length >= 5, JSON.stringify(problems(input)));
    assert.throws(
      () => parseMapping(input),
      (e: unknown) => e instanceof TimelineError && e.kind === 'config' && /^The mapping does not fit: mapping\.path .* \(and \d+ more\)$/.test(e.message),
    );
  });

  it('refuses prototype-named keys as unknown keys, at every level, and reads nothing through them', () => {
    const hostile = JSON.parse(
      '{"__proto__":{"path":"/admin"},"constructor":{"x":1},"path":"/v1","items":"$","fields":{"id":"$.id","time":"$.t","type":"$.y","__proto__":{"id":"$.x"}},"paging":{"style":"none","__proto__":{"style":"cursor"}},"query":{"__proto__":"1"}}',
    ) as unknown;
    const found = problems(hostile);
    for (const where of ['mapping has an unknown key "__proto__"', 'mapping has an unknown key "constructor"', 'mapping.fields has an unknown key "__proto__"', 'mapping.paging has an unknown key "__proto__"']) {
      assert.ok(found.some((p) => p.startsWith(where)), `${where} in ${JSON.stringify(found)}`);
    }
    assert.equal(({} as Record<string, unknown>).path, undefined, 'Object.prototype is untouched');
    // as a query parameter, __proto__ is a name like any other: sent as text, never set on an object
    assert.deepEqual(parseMapping(with_({ query: JSON.parse('{"__proto__":"1"}') })).query, [['__proto__', '1']]);
  });

  it('refuses a path ten thousand segments long in one sentence, without walking it', () => {
    const long = `$${'.a'.repeat(10_000)}`;
    const found = problems(with_({ fields: { ...VALID.fields, id: long } }));
    assert.deepEqual(found, ['mapping.fields.id is 20,001 characters long: a path has at most 512.']);
    const deep = `$${'.a'.repeat(40)}`;
    assert.deepEqual(problems(with_({ items: deep })), ['mapping.items has more than 32 steps: a path has at most 32.']);
    assert.deepEqual(problems(with_({ query: Object.fromEntries(Array.from({ length: 10_000 }, (_, k) => [`p${k}`, 'x'])) })), ['mapping.query has 10,000 keys: at most 64.']);
  });
});

describe('generic events read their ids from the page', () => {
  it('give back the id and correlation ids JSON.parse reads: strings, numbers and escapes alike', () => {
    const mapping = parseMapping(with_({ fields: { ...VALID.fields, correlation: ['$.request', '$.trace'] } }));
    const data = [
      { id: 'evt_1', created_at: '2026-12-01T10:00:00Z', type: 'a', request: 'req-1', trace: 't-1' },
      { id: 42, created_at: '2026-12-01T09:00:00Z', type: 'a', request: 7 },
      { id: 'evt/3', created_at: '2026-12-01T08:00:00Z', type: 'a', request: 'req/3' },
      { id: 'évt-4', created_at: '2026-12-01T07:00:00Z', type: 'a', request: 'req-1' },
    ];
    const body = Buffer.from(JSON.stringify({ data }).replaceAll('/', '\\/'));
    const events = readEvents(mapping.fields, new RawPage(body, 'data'), data, false, (text) => text) ?? [];
    assert.deepEqual(events.map((e) => e.id), ['evt_1', '42', 'evt/3', 'évt-4']);
    assert.deepEqual(events.map((e) => e.correlationIds), [['req-1', 't-1'], ['7'], ['req/3'], ['req-1']]);
    assert.deepEqual(events.map((e) => e.timestamp), data.map((d) => d.created_at));
  });
});
