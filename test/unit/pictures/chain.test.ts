import * as assert from 'node:assert/strict';
import { chainModel, chainPicture, chainRowTiming, formatDelta, formatDuration, formatOffset } from '../../../src/core/chain';
import { sortKey } from '../../../src/core/time';
import type { TimelineEvent } from '../../../src/core/event';

function event(id: string, timestamp: string): TimelineEvent {
  return { id, type: 'T', category: 'C', label: id, timestamp, sortKey: '', raw: undefined as never };
}

const ids = (model: ReturnType<typeof chainModel>): string[] => model.rows.map((r) => r.event.id);

describe('chain: order and timing', () => {
  it('orders by nanoseconds, and events of one millisecond keep their order with a sub-millisecond delta', () => {
    const model = chainModel([
      event('webhook', '2024-05-01T10:00:01.204000000Z'),
      event('auth-b', '2024-05-01T10:00:00.000000321Z'),
      event('auth-a', '2024-05-01T10:00:00.000000000Z'),
      event('confirm', '2024-05-01T10:00:00.854000321Z'),
    ]);
    assert.deepEqual(ids(model), ['auth-a', 'auth-b', 'confirm', 'webhook']);
    assert.deepEqual(
      model.rows.map((r) => [r.offsetNs, r.deltaNs]),
      [
        [0, undefined],
        [321, 321],
        [854_000_321, 854_000_000],
        [1_204_000_000, 349_999_679],
      ],
    );
    assert.equal(chainRowTiming(model.rows[1]), '+0.000321 ms, Δ 0.000321 ms');
    assert.equal(chainRowTiming(model.rows[0]), '+0 ms');
    assert.equal(model.spanNs, 1_204_000_000);
  });

  it('reads offsets in any zone and format the same instant as one', () => {
    const model = chainModel([event('b', '2024-05-01T13:00:00.5+03:00'), event('a', '2024-05-01T10:00:00Z')]);
    assert.deepEqual(ids(model), ['a', 'b']);
    assert.equal(model.rows[1].deltaNs, 500_000_000);
  });

  it('keeps the given order for events of the same instant, whatever the sort does with equal keys', () => {
    const same = Array.from({ length: 40 }, (_, i) => event(`e${i}`, '2024-05-01T10:00:00.123456789Z'));
    const model = chainModel(same);
    assert.deepEqual(ids(model), same.map((e) => e.id));
    assert.ok(model.rows.slice(1).every((r) => r.deltaNs === 0 && r.x === 0));
  });

  it('puts events without a readable time last, with no timing and no mark', () => {
    const model = chainModel([event('odd', 'yesterday'), event('b', '2024-05-01T10:00:02Z'), event('a', '2024-05-01T10:00:00Z')]);
    assert.deepEqual(ids(model), ['a', 'b', 'odd']);
    const odd = model.rows[2];
    assert.deepEqual([odd.offsetNs, odd.deltaNs, odd.x, chainRowTiming(odd)], [undefined, undefined, undefined, undefined]);
    assert.equal(model.spanNs, 2e9);
  });

  it('has nothing to draw for no events, and one mark at the start for one', () => {
    assert.deepEqual(chainModel([]), { rows: [], spanNs: 0, breaks: [], ticks: [] });
    const one = chainModel([event('a', '2024-05-01T10:00:00Z')]);
    assert.deepEqual([one.rows[0].x, one.spanNs, one.ticks], [0, 0, [{ x: 0, offsetNs: 0 }]]);
  });
});

describe('chain: the ruler', () => {
  it('compresses a gap far longer than the median, with a break mark, and draws the rest to scale', () => {
    const model = chainModel([
      event('a', '2024-05-01T10:00:00.000Z'),
      event('b', '2024-05-01T10:00:00.100Z'),
      event('c', '2024-05-01T10:00:00.200Z'),
      event('d', '2024-05-01T10:00:00.300Z'),
      event('e', '2024-05-02T10:00:00.300Z'), // a day later
      event('f', '2024-05-02T10:00:00.400Z'),
    ]);
    assert.deepEqual(
      model.rows.map((r) => r.breakBefore),
      [false, false, false, false, true, false],
    );
    // the day is drawn as 10 median gaps (1 s), so the ruler is 0.3 + 1 + 0.1 = 1.4 s long
    const xs = model.rows.map((r) => Number(r.x?.toFixed(6)));
    assert.deepEqual(xs, [0, 0.071429, 0.142857, 0.214286, 0.928571, 1]);
    assert.equal(model.breaks.length, 1);
    assert.equal(model.breaks[0].gapNs, 86_400e9);
    assert.ok(model.breaks[0].x > xs[3] && model.breaks[0].x < xs[4]);
    assert.equal(model.rows[4].deltaNs, 86_400e9, 'the delta keeps the real gap');
    // ticks are round offsets inside the stretches drawn to scale, never inside the break
    assert.ok(model.ticks.length >= 3);
    for (const t of model.ticks) assert.ok(t.offsetNs <= 0.3e9 || t.offsetNs >= 86_400.3e9, `tick at ${t.offsetNs}`);
    for (const t of model.ticks) assert.ok(t.x >= 0 && t.x <= 1);
  });

  it('compresses nothing when the gaps are alike', () => {
    const model = chainModel(Array.from({ length: 5 }, (_, i) => event(`e${i}`, `2024-05-01T10:00:0${i}Z`)));
    assert.deepEqual(model.breaks, []);
    assert.deepEqual(
      model.rows.map((r) => r.x),
      [0, 0.25, 0.5, 0.75, 1],
    );
  });

  it('keeps ticks few and finite after a gap of months between events a nanosecond apart', () => {
    const model = chainModel([
      event('a', '2024-01-01T00:00:00.000000000Z'),
      event('b', '2024-01-01T00:00:00.000000001Z'),
      event('c', '2024-01-01T00:00:00.000000002Z'),
      event('d', '2024-09-01T00:00:00.000000000Z'),
    ]);
    assert.equal(model.breaks.length, 1);
    assert.ok(model.ticks.length < 20, `${model.ticks.length} ticks`);
  });
});

describe('chain: durations as read', () => {
  it('writes nanoseconds under a second in milliseconds, then seconds, minutes, hours and days', () => {
    const cases: [number, string][] = [
      [0, '0 ms'],
      [321, '0.000321 ms'],
      [350e6, '350 ms'],
      [350_250_000, '350.25 ms'],
      [999_999_999, '999.999999 ms'],
      [1_204_000_000, '1.204 s'],
      [59_999_999_999, '59.999 s'],
      [192e9, '3 min 12 s'],
      [7_500e9, '2 h 5 min'],
      [3 * 86_400e9 + 4 * 3_600e9, '3 d 4 h'],
    ];
    for (const [ns, text] of cases) assert.equal(formatDuration(ns), text, String(ns));
  });

  it('prefixes offsets and deltas, and uses the locale’s decimal separator', () => {
    assert.equal(formatOffset(1_204_000_000), '+1.204 s');
    assert.equal(formatDelta(350e6), 'Δ 350 ms');
    assert.equal(formatDelta(321, 'pt-BR'), 'Δ 0,000321 ms');
    assert.equal(formatDuration(1_204_000_000, 'pt-BR'), '1,204 s');
  });
});

describe('chain: as its page receives it', () => {
  it('writes every time, names rows by their sort key, and cuts a correlation id a megabyte long', () => {
    const events = [event('b', '2024-05-01T10:00:00.350Z'), event('a', '2024-05-01T10:00:00Z')].map((e) => ({ ...e, sortKey: sortKey(e.timestamp) }));
    const picture = chainPicture(chainModel(events), 'c'.repeat(1_000_000));
    assert.ok(picture.correlationId.length <= 201);
    assert.deepEqual(
      picture.rows.map((r) => [r.label, r.ref, r.offset, r.delta]),
      [
        ['a', sortKey('2024-05-01T10:00:00Z'), '+0 ms', undefined],
        ['b', sortKey('2024-05-01T10:00:00.350Z'), '+350 ms', 'Δ 350 ms'],
      ],
    );
    assert.equal(picture.span, '350 ms');
  });
});
