import * as assert from 'node:assert/strict';
import { ActivityIndex, MAX_SERIES, activityStrip, brushFilter, eventTimeMs } from '../../../src/core/activity';
import { bucketEdges, chooseStep, stepMs, type BucketStep } from '../../../src/core/calendarSteps';
import { eventMatcher, parseFilter } from '../../../src/core/filter';
import type { TimelineEvent } from '../../../src/core/event';
import { SortedTimes } from '../../../src/core/sortedTimes';
import { sortKey as sortKeyOf } from '../../../src/core/time';
import { wallTime } from '../../../src/core/zoneClock';
import { bestOf } from '../hostile/timing';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
/** The zone's clock at each edge, `HH:MM` (or the date for calendar steps). */
const clockAt = (zone: string, edges: readonly number[], length = 16): string[] => edges.map((e) => new Date(wallTime(zone, e)).toISOString().slice(0, length));

/** A seeded generator, so a failure names a repeatable case. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('activity: bucket sizes from the width', () => {
  it('takes the smallest calendar step that fits the bars in the width', () => {
    // 600 px at 6 px a bar: at most 100 buckets
    assert.deepEqual(chooseStep(10 * 60_000, 100), { unit: 'second', count: 15 });
    assert.deepEqual(chooseStep(10 * 60_000, 1000), { unit: 'second', count: 1 });
    assert.deepEqual(chooseStep(20 * 24 * HOUR, 100), { unit: 'hour', count: 6 });
    assert.deepEqual(chooseStep(300 * 24 * HOUR, 100), { unit: 'week', count: 1 });
    assert.deepEqual(chooseStep(0, 3), { unit: 'second', count: 1 });
  });

  it('goes past a year per bucket by round counts of years for a span of centuries', () => {
    const step = chooseStep(8000 * 365.25 * 24 * HOUR, 100);
    assert.equal(step.unit, 'year');
    assert.equal(step.count, 100);
    const edges = bucketEdges(at('1901-06-01T00:00:00Z'), at('9999-06-01T00:00:00Z'), step, 'UTC');
    assert.equal(iso(edges[0]), '1900-01-01T00:00:00.000Z');
    assert.equal(edges[edges.length - 1], Date.UTC(10000, 0, 1));
  });
});

describe('activity: calendar-aligned edges', () => {
  it('aligns minutes to the clock in UTC, the first edge at or before the range and the last after it', () => {
    const edges = bucketEdges(at('2024-05-01T10:03:20Z'), at('2024-05-01T10:15:00Z'), { unit: 'minute', count: 5 }, 'UTC');
    assert.deepEqual(edges.map(iso), ['2024-05-01T10:00:00.000Z', '2024-05-01T10:05:00.000Z', '2024-05-01T10:10:00.000Z', '2024-05-01T10:15:00.000Z', '2024-05-01T10:20:00.000Z']);
  });

  it('aligns hours to a half-hour zone’s clock, not to UTC', () => {
    const edges = bucketEdges(at('2024-05-01T10:10:00Z'), at('2024-05-01T12:10:00Z'), { unit: 'hour', count: 1 }, 'Asia/Kolkata');
    assert.deepEqual(edges.map(iso), ['2024-05-01T09:30:00.000Z', '2024-05-01T10:30:00.000Z', '2024-05-01T11:30:00.000Z', '2024-05-01T12:30:00.000Z']);
    assert.deepEqual(clockAt('Asia/Kolkata', edges).map((t) => t.slice(11)), ['15:00', '16:00', '17:00', '18:00']);
  });

  it('gives the repeated autumn hour a bucket of its own, so no bar holds two hours', () => {
    // New York, 3 November 2024: 02:00 EDT became 01:00 EST at 06:00 UTC
    const edges = bucketEdges(at('2024-11-03T04:30:00Z'), at('2024-11-03T07:30:00Z'), { unit: 'hour', count: 1 }, 'America/New_York');
    assert.deepEqual(edges.map(iso), ['2024-11-03T04:00:00.000Z', '2024-11-03T05:00:00.000Z', '2024-11-03T06:00:00.000Z', '2024-11-03T07:00:00.000Z', '2024-11-03T08:00:00.000Z']);
    assert.deepEqual(clockAt('America/New_York', edges).map((t) => t.slice(11)), ['00:00', '01:00', '01:00', '02:00', '03:00']);
  });

  it('starts a 3-hour bucket at the clock’s 03:00 on the spring day, so the first lasts the two hours that were', () => {
    // New York, 10 March 2024: 02:00 EST became 03:00 EDT at 07:00 UTC
    const edges = bucketEdges(at('2024-03-10T05:30:00Z'), at('2024-03-10T11:00:00Z'), { unit: 'hour', count: 3 }, 'America/New_York');
    assert.deepEqual(edges.map(iso), ['2024-03-10T05:00:00.000Z', '2024-03-10T07:00:00.000Z', '2024-03-10T10:00:00.000Z', '2024-03-10T13:00:00.000Z']);
    assert.deepEqual(clockAt('America/New_York', edges).map((t) => t.slice(11)), ['00:00', '03:00', '06:00', '09:00']);
  });

  it('starts the bucket of a half-hour the clock skipped at the jump (Lord Howe moves by 30 minutes)', () => {
    // Lord Howe Island, 6 October 2024: 02:00 (+10:30) became 02:30 (+11:00) at 15:30 UTC the day before
    const edges = bucketEdges(at('2024-10-05T14:40:00Z'), at('2024-10-05T16:30:00Z'), { unit: 'hour', count: 1 }, 'Australia/Lord_Howe');
    assert.deepEqual(edges.map(iso), ['2024-10-05T14:30:00.000Z', '2024-10-05T15:30:00.000Z', '2024-10-05T16:00:00.000Z', '2024-10-05T17:00:00.000Z']);
    assert.deepEqual(clockAt('Australia/Lord_Howe', edges).map((t) => t.slice(11)), ['01:00', '02:30', '03:00', '04:00']);
  });

  it('gives days of 23 and 25 hours where daylight saving starts and ends', () => {
    const spring = bucketEdges(at('2024-03-09T12:00:00Z'), at('2024-03-11T12:00:00Z'), { unit: 'day', count: 1 }, 'America/New_York');
    assert.deepEqual(clockAt('America/New_York', spring), ['2024-03-09T00:00', '2024-03-10T00:00', '2024-03-11T00:00', '2024-03-12T00:00']);
    assert.deepEqual(spring.slice(1).map((e, i) => (e - spring[i]) / HOUR), [24, 23, 24]);
    const autumn = bucketEdges(at('2024-10-27T12:00:00Z'), at('2024-10-27T12:00:00Z'), { unit: 'day', count: 1 }, 'Europe/Berlin');
    assert.deepEqual(autumn.map(iso), ['2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z']);
  });

  it('starts a day at the jump where the clock skips midnight (Santiago, 8 September 2024)', () => {
    const edges = bucketEdges(at('2024-09-07T12:00:00Z'), at('2024-09-08T12:00:00Z'), { unit: 'day', count: 1 }, 'America/Santiago');
    assert.deepEqual(edges.map(iso), ['2024-09-07T04:00:00.000Z', '2024-09-08T04:00:00.000Z', '2024-09-09T03:00:00.000Z']);
    assert.deepEqual(clockAt('America/Santiago', edges), ['2024-09-07T00:00', '2024-09-08T01:00', '2024-09-09T00:00']);
  });

  it('starts weeks on Monday and months, quarters and years on their first day, at the zone’s midnight', () => {
    const zone = 'Europe/Lisbon';
    const week = bucketEdges(at('2024-05-01T12:00:00Z'), at('2024-05-08T12:00:00Z'), { unit: 'week', count: 1 }, zone);
    assert.deepEqual(clockAt(zone, week), ['2024-04-29T00:00', '2024-05-06T00:00', '2024-05-13T00:00']);
    const months = bucketEdges(at('2024-02-15T00:00:00Z'), at('2024-04-02T00:00:00Z'), { unit: 'month', count: 1 }, zone);
    assert.deepEqual(clockAt(zone, months), ['2024-02-01T00:00', '2024-03-01T00:00', '2024-04-01T00:00', '2024-05-01T00:00']);
    assert.equal(iso(months[2]), '2024-03-31T23:00:00.000Z'); // summer time: midnight of 1 April is 23:00 UTC
    const quarters = bucketEdges(at('2024-05-15T00:00:00Z'), at('2024-08-15T00:00:00Z'), { unit: 'month', count: 3 }, zone);
    assert.deepEqual(clockAt(zone, quarters, 10), ['2024-04-01', '2024-07-01', '2024-10-01']);
    const years = bucketEdges(at('2023-05-15T00:00:00Z'), at('2024-05-15T00:00:00Z'), { unit: 'year', count: 1 }, 'Asia/Tokyo');
    assert.deepEqual(years.map(iso), ['2022-12-31T15:00:00.000Z', '2023-12-31T15:00:00.000Z', '2024-12-31T15:00:00.000Z']);
  });

  it('puts every instant of a range in exactly one bucket, for every step and several zones', () => {
    const next = random(7);
    const zones = ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    const steps: BucketStep[] = [
      { unit: 'second', count: 15 },
      { unit: 'minute', count: 15 },
      { unit: 'hour', count: 1 },
      { unit: 'hour', count: 12 },
      { unit: 'day', count: 1 },
      { unit: 'month', count: 1 },
    ];
    for (const zone of zones) {
      for (const step of steps) {
        const from = at('2024-01-01T00:00:00Z') + next() * 365 * 24 * HOUR;
        const to = from + next() * 40 * stepMs(step);
        const edges = bucketEdges(from, to, step, zone);
        assert.ok(edges[0] <= from && edges[edges.length - 1] > to, `${zone} ${step.count} ${step.unit}`);
        for (let i = 1; i < edges.length; i++) assert.ok(edges[i] > edges[i - 1], `${zone} ${step.count} ${step.unit}: edges ascend`);
        assert.ok(edges.length <= 45, `${zone} ${step.count} ${step.unit}: ${edges.length} edges`);
      }
    }
  });
});

function event(id: string, category: string, timestamp: string): TimelineEvent {
  return { id, type: category, category, label: id, timestamp, sortKey: '', raw: undefined as never };
}

describe('activity: counting', () => {
  it('keeps nanoseconds: events of the last and first nanosecond of a second fall in different buckets', () => {
    const index = new ActivityIndex();
    index.addEvents([
      event('a', 'AUTH', '2024-01-01T00:00:00.999999999Z'),
      event('b', 'AUTH', '2024-01-01T00:00:01.000000000Z'),
      event('c', 'AUTH', '2024-01-01T00:00:01.000000001Z'),
    ]);
    const edges = bucketEdges(at('2024-01-01T00:00:00Z'), at('2024-01-01T00:00:01Z'), { unit: 'second', count: 1 }, 'UTC');
    assert.deepEqual(index.counts('AUTH', edges), [1, 2]);
    assert.equal(eventTimeMs('2024-01-01T00:00:00.999999999Z'), at('2024-01-01T00:00:00.999Z'));
  });

  it('shows a category a megabyte long cut, and knows it in full for the legend’s filter', () => {
    const index = new ActivityIndex();
    const huge = 'T'.repeat(1_000_000);
    index.add(at('2024-05-01T10:00:00Z'), huge);
    const { view, categories } = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: false });
    assert.ok(view.series[0].label.length <= 201);
    assert.equal(categories[0], huge);
  });

  it('buckets in UTC when the zone asked for is unknown', () => {
    const index = new ActivityIndex();
    index.add(at('2024-05-01T10:00:00Z'), 'A');
    const { view } = activityStrip(index, { widthPx: 600, timeZone: 'Mars/Olympus_Mons', hasMore: false });
    assert.equal(view.timeZone, 'UTC');
    assert.equal(view.edges[0], at('2024-05-01T10:00:00Z'));
  });

  it('counts nothing and draws no bucket for an empty timeline, and counts unreadable times apart', () => {
    const index = new ActivityIndex();
    const empty = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: true }).view;
    assert.deepEqual([empty.edges, empty.series, empty.notLoaded, empty.total, empty.undated], [[], [], [], 0, 0]);
    index.addEvents([event('x', 'A', 'yesterday')]);
    const undated = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: false }).view;
    assert.deepEqual([undated.edges.length, undated.undated], [0, 1]);
    assert.deepEqual(index.counts('NONE', [0, 1, 2]), [0, 0]);
  });

  it('stacks per category what a count per event finds, in the zone’s buckets', () => {
    const next = random(11);
    const index = new ActivityIndex();
    const events: [number, string][] = [];
    const start = at('2024-03-01T00:00:00Z');
    for (let i = 0; i < 5000; i++) {
      const pair: [number, string] = [start + next() * 30 * 24 * HOUR, `C${Math.floor(next() * 5)}`];
      events.push(pair);
      index.add(...pair);
    }
    const { view, categories } = activityStrip(index, { widthPx: 900, timeZone: 'America/New_York', hasMore: false });
    assert.equal(view.total, 5000);
    assert.equal(view.timeZone, 'America/New_York');
    view.series.forEach((s, k) => {
      const naive = view.edges.slice(1).map((end, i) => events.filter(([t, c]) => c === categories[k] && t >= view.edges[i] && t < end).length);
      assert.deepEqual(s.counts, naive, categories[k]);
    });
  });

  it('reaches back past the oldest loaded event, hatched, while older pages are not read', () => {
    const index = new ActivityIndex();
    index.add(at('2024-05-01T10:00:00Z'), 'A');
    index.add(at('2024-05-01T11:00:00Z'), 'A');
    const { view } = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: true, gaps: [{ fromMs: at('2024-05-01T10:20:00Z'), toMs: at('2024-05-01T10:40:00Z') }] });
    assert.ok(view.edges[0] < at('2024-05-01T10:00:00Z') - 5 * 60_000, 'room for the older range');
    assert.deepEqual(view.notLoaded, [
      { fromMs: view.edges[0], toMs: at('2024-05-01T10:00:00Z') },
      { fromMs: at('2024-05-01T10:20:00Z'), toMs: at('2024-05-01T10:40:00Z') },
    ]);
    const all = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: false }).view;
    assert.deepEqual(all.notLoaded, []);
    assert.equal(all.edges[0], at('2024-05-01T10:00:00Z'));
  });

  it('stacks the busiest categories one by one and the rest together', () => {
    const index = new ActivityIndex();
    for (let c = 0; c < MAX_SERIES + 6; c++) for (let i = 0; i <= c; i++) index.add(at('2024-05-01T10:00:00Z') + i * 1000, `C${c}`);
    const { view, categories } = activityStrip(index, { widthPx: 600, timeZone: 'UTC', hasMore: false });
    assert.equal(view.series.length, MAX_SERIES);
    assert.deepEqual(categories, Array.from({ length: MAX_SERIES }, (_, i) => `C${i + 6}`));
    assert.equal(view.otherCounts?.reduce((a, b) => a + b, 0), 1 + 2 + 3 + 4 + 5 + 6);
  });

  it('holds what arrives at the front, at the back and in between in order', () => {
    const next = random(3);
    const times = new SortedTimes();
    const held: number[] = [];
    const batch = (from: number, n: number): void => {
      for (let i = 0; i < n; i++) {
        const t = from + next() * 1000;
        times.add(t);
        held.push(t);
      }
    };
    batch(5000, 100); // the first page
    assert.equal(times.countBefore(6000), 100);
    batch(4000, 300); // older pages
    assert.equal(times.countBefore(5000), 300);
    batch(9000, 50); // live tail
    batch(7000, 20); // a filled gap
    batch(0, 2000); // a long way back
    held.sort((a, b) => a - b);
    assert.equal(times.size, held.length);
    for (const probe of [0, 500, 4500, 5500, 7500, 9999, 20000]) assert.equal(times.countBefore(probe), held.filter((t) => t < probe).length, `before ${probe}`);
    assert.deepEqual(times.bounds(), { first: held[0], last: held[held.length - 1] });
  });

  it('redraws 500,000 events in a few milliseconds: counts from the index, not from the events', () => {
    const next = random(5);
    const index = new ActivityIndex();
    const times = new Float64Array(500_000);
    const start = at('2024-01-01T00:00:00Z');
    for (let i = 0; i < times.length; i++) {
      times[i] = start + next() * 90 * 24 * HOUR;
      index.add(times[i], `C${i % 10}`);
    }
    const options = { widthPx: 1200, timeZone: 'Europe/Berlin', hasMore: true };
    let view = activityStrip(index, options).view; // the first draw sorts what was added
    const redraw = bestOf(5, () => (view = activityStrip(index, options).view));
    // the cost of looking at every event once, as a page that counted events would
    const perEvent = bestOf(5, () => {
      const counts = new Uint32Array(view.edges.length);
      for (const t of times) {
        let lo = 0;
        let hi = view.edges.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (view.edges[mid + 1] <= t) lo = mid + 1;
          else hi = mid;
        }
        counts[lo]++;
      }
      return counts;
    });
    assert.equal(view.total, 500_000);
    assert.ok(redraw < 25, `redraw took ${redraw.toFixed(2)} ms`);
    assert.ok(redraw < perEvent / 3, `redraw ${redraw.toFixed(2)} ms, one pass over the events ${perEvent.toFixed(2)} ms`);
  });
});

describe('activity: brushing a range sets the time filter', () => {
  it('filters to [from, to): the last nanosecond before the end is in, the end is out', () => {
    const range = { fromMs: at('2024-05-01T10:00:00Z'), toMs: at('2024-05-01T10:15:00Z') };
    const filter = brushFilter(range);
    assert.deepEqual(filter, { since: '2024-05-01T10:00:00.000Z', until: '2024-05-01T10:14:59.999999999Z' });
    const parsed = parseFilter(filter);
    assert.ok(!('error' in parsed), JSON.stringify(parsed));
    const matches = eventMatcher(parsed as { since: string; until: string });
    const withKey = (timestamp: string): TimelineEvent => ({ ...event('e', 'A', timestamp), sortKey: sortKeyOf(timestamp) });
    assert.equal(matches(withKey('2024-05-01T10:00:00Z')), true);
    assert.equal(matches(withKey('2024-05-01T10:14:59.999999999Z')), true);
    assert.equal(matches(withKey('2024-05-01T10:15:00Z')), false);
  });
});
