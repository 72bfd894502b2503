import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import { eventMatcher, filterKey, filterRejection, parseFilter, resolveFilter, type TimelineFilter } from '../../../src/core/filter';
import { sortKey } from '../../../src/core/time';

function parsed(input: unknown): TimelineFilter {
  const result = parseFilter(input);
  if ('error' in result) assert.fail(result.error);
  return result;
}

function refused(input: unknown): string {
  const result = parseFilter(input);
  assert.ok('error' in result, `accepted ${JSON.stringify(input)}`);
  return result.error;
}

function event(fields: Partial<TimelineEvent> & { timestamp: string }): TimelineEvent {
  return { id: fields.timestamp, type: 'T', category: 'C', label: 'l', sortKey: sortKey(fields.timestamp), raw: { page: undefined as never, index: 0 }, ...fields };
}

describe('filter: the model', () => {
  it('reads the scriptable form and writes its times as canonical UTC instants', () => {
    assert.deepEqual(parsed({ categories: ['CARD', ' DISPUTE ', 'CARD'], types: [], since: '2025-06-30T23:00:00+02:00', until: '2025-06-30' }), {
      categories: ['CARD', 'DISPUTE'],
      since: '2025-06-30T21:00:00Z',
      until: '2025-06-30T23:59:59.999999999Z',
    });
    assert.deepEqual(parsed({ types: 'REFUSAL', since: '2025-06-30T21:14:05.151790540Z' }), { types: ['REFUSAL'], since: '2025-06-30T21:14:05.15179054Z' });
    assert.deepEqual(parsed({ last: '24h', local: true }), { last: '24h', local: true });
  });

  it('refuses, with a sentence, a range that ends before it starts, a date that does not parse, and an empty filter', () => {
    assert.match(refused({ since: '2025-07-01T00:00:00Z', until: '2025-06-30T00:00:00Z' }), /ends .* before it starts/);
    for (const date of ['yesterday', '2025-02-30', '2025-06-30T24:00:00Z', '1751317445', '30/06/2025', '']) {
      if (date === '') continue;
      assert.match(refused({ since: date }), /"since" is not a date/, date);
    }
    assert.match(refused({}), /empty/);
    assert.match(refused({ categories: [' ', ''], types: [] }), /empty/);
    assert.match(refused({ types: [1] }), /list of strings/);
    assert.match(refused({ last: '2h' }), /"last" must be one of/);
    assert.match(refused({ last: '1h', since: '2025-06-30' }), /not both/);
    assert.match(refused({ categories: Array.from({ length: 51 }, (_, i) => `C${i}`) }), /at most 50/);
    assert.match(refused({ types: ['A\u0000B'] }), /control characters/);
    assert.match(refused(null), /object/);
  });

  it('matches categories and types (any of each, all of both) and an inclusive range, nanoseconds kept', () => {
    const match = eventMatcher(parsed({ categories: ['CARD', 'DISPUTE'], types: ['BLOCK', 'CREATE'], since: '2025-06-30T21:00:00.000000001Z', until: '2025-06-30T22:00:00Z' }));
    const at = '2025-06-30T21:30:00Z';
    assert.equal(match(event({ timestamp: at, category: 'CARD', type: 'BLOCK' })), true);
    assert.equal(match(event({ timestamp: at, category: 'DISPUTE', type: 'CREATE' })), true);
    assert.equal(match(event({ timestamp: at, category: 'CARD', type: 'UNBLOCK' })), false);
    assert.equal(match(event({ timestamp: at, category: 'CREDIT', type: 'BLOCK' })), false);
    assert.equal(match(event({ timestamp: '2025-06-30T21:00:00.000000001Z', category: 'CARD', type: 'BLOCK' })), true);
    assert.equal(match(event({ timestamp: '2025-06-30T21:00:00.000000000Z', category: 'CARD', type: 'BLOCK' })), false);
    assert.equal(match(event({ timestamp: '2025-06-30T22:00:00Z', category: 'CARD', type: 'BLOCK' })), true);
    assert.equal(match(event({ timestamp: 'not a time', category: 'CARD', type: 'BLOCK' })), false);
    // Grouped by type, the platform's own category is what a category filter means.
    assert.equal(match(event({ timestamp: at, category: 'BLOCK', itemCategory: 'CARD', type: 'BLOCK' })), true);
  });

  it('resolves a recent range against the clock, and keys equal filters equally', () => {
    const now = Date.UTC(2025, 5, 30, 21, 0, 0);
    assert.deepEqual(resolveFilter(parsed({ types: ['A'], last: '15m' }), now), { types: ['A'], since: '2025-06-30T20:45:00Z' });
    assert.deepEqual(resolveFilter(parsed({ since: '2025-01-01' }), now), { since: '2025-01-01T00:00:00Z' });
    assert.equal(filterKey(parsed({ types: ['A'], last: '1h' })), filterKey(parsed({ last: '1h', types: ['A'] })));
    assert.notEqual(filterKey(parsed({ types: ['A'] })), filterKey(parsed({ types: ['A'], local: true })));
  });

  it('names the filter parameters a 400 or 422 refused, and leaves other failures alone', () => {
    const sent = [['type', 'CARD'] as const, ['beginDate', '2025-01-01T00:00:00Z'] as const];
    const rejected = filterRejection(new TimelineError('http', 'The server rejected the request (400)', { status: 422 }), sent);
    assert.ok(rejected instanceof TimelineError);
    assert.equal(rejected.kind, 'filterRejected');
    assert.match(rejected.message, /type=CARD, beginDate=2025-01-01T00:00:00Z \(422\)/);
    const unrelated = new TimelineError('server', 'The server failed (500)', { status: 500 });
    assert.equal(filterRejection(unrelated, sent), unrelated);
    const noFilter = new TimelineError('http', 'x', { status: 400 });
    assert.equal(filterRejection(noFilter, []), noFilter);
  });
});
