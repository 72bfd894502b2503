import * as assert from 'node:assert/strict';
import { isPlainQuery, MAX_QUERY_CHARS, parseQuery, type Query, type QueryOptions } from '../../../src/core/query/parse';

const NOW_MS = Date.UTC(2025, 5, 30, 21, 0, 0);
const options: QueryOptions = { nowMs: NOW_MS };

function query(text: string, opts: QueryOptions = options): Query {
  const parsed = parseQuery(text, opts);
  if ('error' in parsed) assert.fail(`${text}: ${parsed.error}`);
  return parsed;
}

function refusal(text: string): string {
  const parsed = parseQuery(text, options);
  if (!('error' in parsed)) assert.fail(`${text} was read as ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('parseQuery: a Find query read into its terms', () => {
  it('sends type, category and the time range to the server as a filter', () => {
    const q = query('type:REFUSAL category:TRANSACTION since:2025-06-01 until:2025-06-30');
    assert.deepEqual(q.filter, { types: ['REFUSAL'], categories: ['TRANSACTION'], since: '2025-06-01T00:00:00Z', until: '2025-06-30T23:59:59.999999999Z' });
    assert.deepEqual(q.local, { correlationId: undefined, id: undefined, fields: [], text: undefined });
    assert.equal(isPlainQuery(q), false);
  });

  it('reads since and until in every form an instant takes', () => {
    assert.equal(query('since:1719772400').filter?.since, '2024-06-30T18:33:20Z');
    assert.equal(query('since:1719772400123').filter?.since, '2024-06-30T18:33:20.123Z');
    assert.equal(query('since:2h').filter?.since, '2025-06-30T19:00:00Z');
    assert.equal(query('since:2025-06-30T18:00:00.000000001-03:00').filter?.since, '2025-06-30T21:00:00.000000001Z');
    assert.equal(query('until:"2025-06-30 21:00"').filter?.until, '2025-06-30T21:00:00Z');
  });

  it('matches paths, the correlation id and the id here', () => {
    const q = query('data.item.amount:1234.50 $.data.status:DENIED $["a.b"][2]:x correlation:C3A1F00D id:TN::1');
    assert.equal(q.filter, undefined);
    assert.deepEqual(q.local.fields, [
      { path: ['data', 'item', 'amount'], value: '1234.50' },
      { path: ['data', 'status'], value: 'DENIED' },
      { path: ['a.b', 2], value: 'x' },
    ]);
    assert.equal(q.local.correlationId, 'C3A1F00D');
    assert.equal(q.local.id, 'TN::1');
  });

  it('takes a quoted value whole, spaces, colons and escaped quotes included', () => {
    assert.deepEqual(query('memo:"he said"').local.fields, [{ path: ['memo'], value: 'he said' }]);
    assert.deepEqual(query('memo:"a \\"b\\" c:\\\\d"').local.fields, [{ path: ['memo'], value: 'a "b" c:\\d' }]);
    assert.deepEqual(query('memo:""').local.fields, [{ path: ['memo'], value: '' }]);
    assert.deepEqual(query("$['x y:z']:\"1 2\"").local.fields, [{ path: ['x y:z'], value: '1 2' }]);
    assert.deepEqual(query('memo:he"s').local.fields, [{ path: ['memo'], value: 'he"s' }]);
  });

  it('finds the words left over as one text, after every term has matched', () => {
    const q = query('timeout type:REFUSAL  card  "two words"');
    assert.deepEqual(q.filter, { types: ['REFUSAL'] });
    assert.equal(q.local.text, 'timeout card "two words"');
  });

  it('leaves a query without terms exactly as typed, so plain searches mean what they meant', () => {
    for (const text of ['user COMPLETED course', '  spaced  out ', '"DENIED"', 'Error: timeout', 'https://example.com/a:b', 'TN-demo::4242001::2025-06-30T21:13:17.751107124Z', '21:13:17', 'e.g.: this', '"status":"DENIED"', '"open quote', 'a..b:c', 'see: ']) {
      const q = query(text);
      assert.equal(q.local.text, text, text);
      assert.ok(isPlainQuery(q), text);
    }
  });

  it('spells a type or category the way the connection does, as servers compare names exactly', () => {
    const names = { types: ['REFUSAL', 'CREATE'], categories: ['DISPUTE'] };
    assert.deepEqual(query('type:refusal category:Dispute', { nowMs: NOW_MS, names }).filter, { types: ['REFUSAL'], categories: ['DISPUTE'] });
    assert.deepEqual(query('type:UNSEEN', { nowMs: NOW_MS, names }).filter, { types: ['UNSEEN'] });
  });

  it('refuses a malformed query with a sentence, before any request', () => {
    assert.match(refusal('memo:"he said'), /The value of "memo" opens a quote that is not closed\./);
    assert.match(refusal('memo:"he"said'), /Leave a space after the quoted value of "memo"\./);
    assert.match(refusal('type:'), /"type" has no value: write type:VALUE/);
    assert.match(refusal('type:"" x'), /"type" has no value/);
    assert.match(refusal('$.memo: x'), /"\$\.memo" has no value/);
    assert.match(refusal('$.data..amount:1'), /"\$\.data\.\.amount" is not a path: a dot is followed by a name/);
    assert.match(refusal('type:A type:B'), /type: is given twice/);
    assert.match(refusal('since:yesterday'), /^since: That is not a time: write an ISO 8601 time/);
    assert.match(refusal('until:2025-02-30'), /^until: That date does not exist/);
    assert.match(refusal('since:2025-06-30 until:2025-06-01'), /The range ends \(2025-06-01T23:59:59\.999999999Z\) before it starts \(2025-06-30T00:00:00Z\)\./);
    assert.match(refusal(`type:${'A'.repeat(201)}`), /A value in "types" is too long/);
  });

  it('bounds what a hostile query may ask: length, terms, control characters', () => {
    assert.match(refusal('x'.repeat(MAX_QUERY_CHARS + 1)), /A query is at most 2,000 characters\./);
    assert.ok(!('error' in parseQuery('x'.repeat(MAX_QUERY_CHARS), options)));
    assert.match(refusal(Array.from({ length: 21 }, (_, i) => `f${i}:1`).join(' ')), /at most 20 terms/);
    for (const c of ['\u0000', '\n', '\r', '\u001b', '\u007f']) assert.match(refusal(`memo:"a${c}b"`), /control character/);
    assert.equal(query('a\tb').local.text, 'a\tb');
  });

  it('reads prototype keys as the names they are, and leaves Object.prototype alone', () => {
    const q = query('__proto__:x constructor.prototype:y $["__proto__"].polluted:1');
    assert.deepEqual(q.local.fields.map((f) => f.path), [['__proto__'], ['constructor', 'prototype'], ['__proto__', 'polluted']]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(q.local), Object.prototype);
  });

  it('reads brackets and quotes that never close as text', () => {
    const text = '$[" '.repeat(400);
    const parsed = query(text);
    assert.equal(parsed.local.text, text);
    assert.equal(parsed.local.fields.length, 0);
  });
});
