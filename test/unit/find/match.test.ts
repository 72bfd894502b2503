import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import { EventMatcher } from '../../../src/core/match';
import { RawPage } from '../../../src/core/rawPage';
import { sortKey } from '../../../src/core/time';

/** Events over one page whose items are `items`, as the server wrote them. */
function eventsOf(items: readonly string[], fields: Partial<TimelineEvent> = {}): TimelineEvent[] {
  const page = new RawPage(Buffer.from(`{"has_next":true,"next_cursor":"Y3Vyc29y","items":[${items.join(',')}]}`, 'utf8'), 'items');
  return items.map((_, index) => ({
    id: `id-${index}`,
    type: 'T',
    category: 'C',
    label: 'L',
    timestamp: '2024-01-01T00:00:00Z',
    sortKey: sortKey('2024-01-01T00:00:00Z'),
    raw: { page, index },
    ...fields,
  }));
}

/** Which of `items` match `query`. */
function matching(query: string, items: readonly string[], fields?: Partial<TimelineEvent>): number[] {
  const matcher = new EventMatcher(query);
  return eventsOf(items, fields).flatMap((e, i) => (matcher.matches(e) ? [i] : []));
}

describe('EventMatcher', () => {
  it('ignores case in ASCII, both ways', () => {
    const items = ['{"type":"DISPUTE"}', '{"type":"dispute"}', '{"type":"DiSpUtE"}', '{"type":"DISPUT"}'];
    assert.deepEqual(matching('dispute', items), [0, 1, 2]);
    assert.deepEqual(matching('DISPUTE', items), [0, 1, 2]);
    assert.deepEqual(matching('dIsPuTe', items), [0, 1, 2]);
  });

  it('ignores case in non-ASCII text and matches non-BMP characters', () => {
    const items = ['{"m":"CAFÉ ZÜRICH"}', '{"m":"café zürich"}', '{"m":"🚀 launch"}', '{"m":"cafe"}'];
    assert.deepEqual(matching('café zürich', items), [0, 1]);
    assert.deepEqual(matching('Café Zürich', items), [0, 1]);
    assert.deepEqual(matching('🚀', items), [2]);
  });

  it('matches a value written with escapes as its decoded text', () => {
    const items = ['{"html":"<\\/script>"}', '{"m":"Caf\\u00e9"}', '{"m":"Caf\\u00C9"}', '{"r":"\\ud83d\\ude80"}', '{"q":"say \\"hi\\""}', '{"p":"a\\\\u00e9"}'];
    assert.deepEqual(matching('</script>', items), [0]);
    assert.deepEqual(matching('café', items), [1, 2]);
    assert.deepEqual(matching('🚀', items), [3]);
    assert.deepEqual(matching('say "hi"', items), [4]);
    // an escaped backslash before "u00e9" is a backslash, not an é
    assert.deepEqual(matching('aé', items), []);
    // the text as the server wrote it matches too
    assert.deepEqual(matching('<\\/script>', items), [0]);
  });

  it('matches keys, and numbers exactly as the server wrote them', () => {
    const items = ['{"authorization_code":12345678901234567890}', '{"fx_rate":1.10}', '{"risk_score":1.5e-7}', '{"fx_rate":1.1}'];
    assert.deepEqual(matching('AUTHORIZATION_CODE', items), [0]);
    assert.deepEqual(matching('12345678901234567890', items), [0]);
    assert.deepEqual(matching('1.10', items), [1]);
    assert.deepEqual(matching('1.5e-7', items), [2]);
  });

  it('matches the fields the inspector shows that the JSON may not hold: label, category', () => {
    const items = ['{"event_type":"course_completion"}'];
    assert.deepEqual(matching('user completed', items, { label: 'User completed course' }), [0]);
    assert.deepEqual(matching('unit progress', items, { category: 'Unit progress' }), [0]);
    assert.deepEqual(matching('nowhere', items, { label: 'User completed course' }), []);
  });

  it('does not match the page envelope (cursor, counts), only the items', () => {
    assert.deepEqual(matching('Y3Vyc29y', ['{"a":1}']), []);
    assert.deepEqual(matching('has_next', ['{"a":1}']), []);
  });

  it('does not match across two items', () => {
    assert.deepEqual(matching('"a"},{"b', ['{"x":"a"}', '{"b":1}']), []);
  });

  it('finds a UUID among many items with the anchor and its whole text checked', () => {
    const id = 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d24654';
    const items = Array.from({ length: 500 }, (_, i) => `{"correlation_id":"${i === 321 ? id.toUpperCase() : `cb6d3dc1-be6d-4abf-8ed1-7b40f4d2465${'abc'[i % 3]}`}","n":24654}`);
    assert.deepEqual(matching(id, items), [321]);
  });

  it('says when the query is an event id, and refuses an empty query', () => {
    const matcher = new EventMatcher('ID-1');
    const [, second] = eventsOf(['{}', '{}']);
    assert.equal(matcher.isId(second), true);
    assert.throws(() => new EventMatcher(''), RangeError);
  });
});
