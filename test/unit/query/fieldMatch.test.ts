import * as assert from 'node:assert/strict';
import { FieldMatcher, type FieldTerm } from '../../../src/core/query/fieldMatch';
import { eventsOf } from './pages';

/** Which of the items hold the term, by index. */
function matching(items: readonly string[], term: FieldTerm): number[] {
  const { events } = eventsOf(items);
  const matcher = new FieldMatcher(term);
  return events.flatMap((e, i) => (matcher.matches(e) ? [i] : []));
}

const amount = (literal: string): string => `{"data":{"item":{"amount":${literal},"currency":"BRL"}}}`;

describe('FieldMatcher: a field term matched on the raw bytes of each event', () => {
  it('compares numbers as the server wrote them', () => {
    const items = [amount('1234.50'), amount('1234.5'), amount('11234.50'), amount('"1234.50"'), amount('1.10'), amount('1.1')];
    assert.deepEqual(matching(items, { path: ['data', 'item', 'amount'], value: '1234.50' }), [0, 3]);
    assert.deepEqual(matching(items, { path: ['data', 'item', 'amount'], value: '1234.5' }), [1]);
    assert.deepEqual(matching(items, { path: ['data', 'item', 'amount'], value: '1.10' }), [4]);
    assert.deepEqual(matching(['{"n":12345678901234567890}', '{"n":12345678901234567000}'], { path: ['n'], value: '12345678901234567890' }), [0]);
    assert.deepEqual(matching(['{"n":1E5}', '{"n":true}', '{"n":null}'], { path: ['n'], value: '1e5' }), [0]);
    assert.deepEqual(matching(['{"n":1E5}', '{"n":true}', '{"n":null}'], { path: ['n'], value: 'TRUE' }), [1]);
  });

  it('compares strings ignoring case, with their escapes decoded', () => {
    const items = ['{"s":"Denied"}', '{"s":"DENIED "}', '{"s":"Jos\\u00e9"}', '{"s":"José"}', '{"s":"he said \\"hi\\""}', '{"s":"a\\/b"}', '{"s":"CAFÉ"}'];
    assert.deepEqual(matching(items, { path: ['s'], value: 'denied' }), [0]);
    assert.deepEqual(matching(items, { path: ['s'], value: 'JOSÉ' }), [2, 3]);
    assert.deepEqual(matching(items, { path: ['s'], value: 'he said "hi"' }), [4]);
    assert.deepEqual(matching(items, { path: ['s'], value: 'a/b' }), [5]);
    assert.deepEqual(matching(items, { path: ['s'], value: 'café' }), [6]);
  });

  it('reads keys with escapes, and keys holding dots by their whole name', () => {
    const items = ['{"a.b":1,"a":{"b":2}}', '{"\\u0061mount":5}', '{"amount":5}', '{"amounts":5}', '{"amoun":5}'];
    assert.deepEqual(matching(items, { path: ['a.b'], value: '1' }), [0]);
    assert.deepEqual(matching(items, { path: ['a', 'b'], value: '2' }), [0]);
    assert.deepEqual(matching(items, { path: ['a', 'b'], value: '1' }), []);
    assert.deepEqual(matching(items, { path: ['amount'], value: '5' }), [1, 2]);
  });

  it('follows indexes, and finds nothing where the path leads elsewhere', () => {
    const items = ['{"items":[{"sku":"A"},{"sku":"B"}]}', '{"items":{"1":{"sku":"B"}}}', '{"items":[{"sku":"B"}]}', '{"items":[1,[2,3],{"sku":"B"}]}'];
    assert.deepEqual(matching(items, { path: ['items', 1, 'sku'], value: 'b' }), [0]);
    assert.deepEqual(matching(items, { path: ['items', 2, 'sku'], value: 'B' }), [3]);
    assert.deepEqual(matching(items, { path: ['items', 'sku'], value: 'B' }), []);
    // an object or an array equals nothing, even its own text
    assert.deepEqual(matching(['{"d":{}}', '{"d":[]}'], { path: ['d'], value: '{}' }), []);
    // the value elsewhere in the event is not the value at the path
    assert.deepEqual(matching(['{"a":"x","b":"y"}', '{"b":{"a":"x"}}'], { path: ['a'], value: 'x' }), [0]);
  });

  it('takes the last of duplicate keys, as JSON.parse and the event\'s fields do', () => {
    const items = ['{"t":"A","t":"B"}', '{"t":"B","t":"A"}'];
    assert.deepEqual(matching(items, { path: ['t'], value: 'B' }), [0]);
    assert.deepEqual(matching(items, { path: ['t'], value: 'A' }), [1]);
  });

  it('matches an empty string only where the value is one', () => {
    assert.deepEqual(matching(['{"m":""}', '{"m":" "}', '{"x":""}'], { path: ['m'], value: '' }), [0]);
  });

  it('reads prototype keys as plain names', () => {
    const items = ['{"__proto__":{"polluted":"1"}}', '{"constructor":{"prototype":1}}', '{"toString":1}'];
    assert.deepEqual(matching(items, { path: ['__proto__', 'polluted'], value: '1' }), [0]);
    assert.deepEqual(matching(items, { path: ['constructor', 'prototype'], value: '1' }), [1]);
    assert.deepEqual(matching(items, { path: ['toString'], value: '1' }), [2]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('walks only the events whose bytes hold the value, and never the envelope', () => {
    const items = Array.from({ length: 500 }, (_, i) => amount(i === 321 ? '1234.50' : String(i)));
    const { page, events } = eventsOf(items);
    const matcher = new FieldMatcher({ path: ['data', 'item', 'amount'], value: '1234.50' });
    assert.deepEqual(events.filter((e) => matcher.matches(e)).map((e) => e.raw.index), [321]);
    // the envelope's next_cursor holds 1234.50 too: it is not an item, so nothing was walked for it
    assert.equal(page.itemReads, 1);
  });

  it('finds a value an escape hides from the byte search', () => {
    const { page, events } = eventsOf(['{"city":"S\\u00e3o Paulo"}', '{"city":"Rio"}', '{"city":"São Paulo"}']);
    const matcher = new FieldMatcher({ path: ['city'], value: 'são paulo' });
    assert.deepEqual(events.filter((e) => matcher.matches(e)).map((e) => e.raw.index), [0, 2]);
    assert.equal(page.itemReads, 2);
  });

  it('matches one item\'s bytes on their own, the value first', () => {
    const matcher = new FieldMatcher({ path: ['data', 'status'], value: 'DENIED/OK' });
    assert.equal(matcher.matchesItem(Buffer.from('{"data":{"status":"denied/ok"}}')), true);
    assert.equal(matcher.matchesItem(Buffer.from('{"data":{"status":"denied\\/ok"}}')), true);
    assert.equal(matcher.matchesItem(Buffer.from('{"data":{"status":"OK"},"x":"DENIED/OK"}')), false);
    assert.equal(matcher.matchesItem(Buffer.from('not json DENIED/OK')), false);
  });

  it('skips deeply nested values it does not need without recursion', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.deepEqual(matching([`{"a":${deep},"b":"x"}`], { path: ['b'], value: 'x' }), [0]);
    assert.deepEqual(matching([`{"a":${deep},"b":"x"}`], { path: ['a', 0, 0, 0], value: 'x' }), []);
  });
});
