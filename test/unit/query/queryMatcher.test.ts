import * as assert from 'node:assert/strict';
import { parseQuery } from '../../../src/core/query/parse';
import { QueryMatcher } from '../../../src/core/query/queryMatcher';
import { eventsOf } from './pages';

const ITEMS = [
  '{"id":"a","type":"AUTHORIZE","category":"TRANSACTION","correlation_id":"C3A1-1","timestamp":"2025-06-30T21:00:00Z","data":{"amount":1234.50,"memo":"he said hi"}}',
  '{"id":"b","type":"CREATE","category":"DISPUTE","correlation_id":"c3a1-1","timestamp":"2025-06-29T21:00:00Z","data":{"amount":1234.50,"memo":"Timeout at the acquirer"}}',
  '{"id":"c","type":"REFUSAL","category":"TRANSACTION","correlation_id":"ffff-2","timestamp":"2025-06-28T21:00:00Z","data":{"amount":1234.5,"memo":"he said hi"}}',
];

function ids(text: string): string[] {
  const parsed = parseQuery(text, { nowMs: Date.UTC(2025, 5, 30, 22) });
  if ('error' in parsed) assert.fail(parsed.error);
  const matcher = new QueryMatcher(parsed);
  return eventsOf(ITEMS).events.filter((e) => matcher.matches(e)).map((e) => e.id);
}

describe('QueryMatcher: every term of a query, on each event', () => {
  it('matches each kind of term', () => {
    assert.deepEqual(ids('type:REFUSAL'), ['c']);
    assert.deepEqual(ids('category:TRANSACTION'), ['a', 'c']);
    assert.deepEqual(ids('correlation:C3A1-1'), ['a', 'b']);
    assert.deepEqual(ids('id:B'), ['b']);
    assert.deepEqual(ids('data.amount:1234.50'), ['a', 'b']);
    assert.deepEqual(ids('$.data.memo:"HE SAID HI"'), ['a', 'c']);
    assert.deepEqual(ids('since:2025-06-29 until:2025-06-29'), ['b']);
    assert.deepEqual(ids('since:25h'), ['a', 'b']);
  });

  it('ignores case in a type or category that no loaded event has spelt for it yet', () => {
    assert.deepEqual(ids('type:refusal'), ['c']);
    assert.deepEqual(ids('category:Dispute'), ['b']);
    assert.deepEqual(ids('type:REFUSALS'), []);
  });

  it('asks for every term at once, the text left over included', () => {
    assert.deepEqual(ids('data.amount:1234.50 $.data.memo:"he said hi"'), ['a']);
    assert.deepEqual(ids('category:TRANSACTION said'), ['a', 'c']);
    assert.deepEqual(ids('category:DISPUTE timeout'), ['b']);
    assert.deepEqual(ids('category:TRANSACTION timeout'), []);
    assert.deepEqual(ids('correlation:c3a1-1 data.amount:1234.5'), []);
  });

  it('finds plain text as Find does', () => {
    assert.deepEqual(ids('he said'), ['a', 'c']);
    assert.deepEqual(ids('"amount":1234.5,'), ['c']);
  });

  it('knows the event an id names, so a search for it can stop', () => {
    const parsed = parseQuery('id:a category:TRANSACTION', { nowMs: 0 });
    if ('error' in parsed) assert.fail(parsed.error);
    const matcher = new QueryMatcher(parsed);
    const [a, b] = eventsOf(ITEMS).events;
    assert.equal(matcher.isId(a), true);
    assert.equal(matcher.isId(b), false);
    const text = parseQuery('B', { nowMs: 0 });
    if ('error' in text) assert.fail(text.error);
    assert.equal(new QueryMatcher(text).isId(b), true);
    assert.equal(matcher.query, 'id:a category:TRANSACTION');
  });
});
