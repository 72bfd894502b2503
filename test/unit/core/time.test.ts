import * as assert from 'node:assert/strict';
import { formatLocal, formatUtc, parseTimestamp, relativeTime, sortKey } from '../../../src/core/time';

describe('time', () => {
  it('keeps all nine fractional digits of a Pismo timestamp', () => {
    const t = parseTimestamp('2022-02-15T20:27:02.151790540Z');
    assert.ok(t);
    assert.equal(formatUtc(t), '2022-02-15 20:27:02.151790540 UTC');
    assert.match(formatLocal(t), /^2022-02-1\d \d{2}:\d{2}:02\.151790540 [+-]\d{2}:\d{2}$/);
  });

  it('orders by nanoseconds, which a Date cannot', () => {
    const a = sortKey('2022-02-15T20:27:02.151790540Z');
    const b = sortKey('2022-02-15T20:27:02.151790541Z');
    assert.ok(b > a);
    assert.equal(new Date('2022-02-15T20:27:02.151790540Z').getTime(), new Date('2022-02-15T20:27:02.151790541Z').getTime());
  });

  it('applies zone offsets and compares fewer fractional digits correctly', () => {
    assert.equal(sortKey('2022-02-15T23:27:02.5+03:00'), sortKey('2022-02-15T20:27:02.500000000Z'));
    assert.ok(sortKey('2022-02-15T20:27:02.2Z') > sortKey('2022-02-15T20:27:02.15Z'));
  });

  it('reads unix seconds, milliseconds and the TalentLMS v1 day-first format', () => {
    assert.equal(sortKey('1598162333'), sortKey('2020-08-23T05:58:53Z'));
    assert.equal(sortKey(1598162333123), sortKey('2020-08-23T05:58:53.123Z'));
    assert.equal(sortKey('23/08/2020, 05:58:53'), sortKey('2020-08-23T05:58:53Z'));
  });

  it('keeps years 0–99 as written, where Date.UTC would read them as 1900–1999', () => {
    const t = parseTimestamp('0099-12-31T23:59:59.5Z');
    assert.ok(t);
    assert.equal(formatUtc(t), '0099-12-31 23:59:59.500000000 UTC');
    assert.ok(sortKey('0099-12-31T23:59:59Z') < sortKey('0100-01-01T00:00:00Z'));
    assert.ok(sortKey('0099-12-31T23:59:59Z') < sortKey('1999-12-31T23:59:59Z'));
    assert.equal(sortKey('31/12/0099, 23:59:59'), sortKey('0099-12-31T23:59:59Z'));
  });

  it('orders keys of the same fixed width as the instants, from year 0000 to 9999, nanosecond by nanosecond', () => {
    const instants: [string, number, number][] = [];
    let seed = 7;
    const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let i = 0; i < 2000; i++) {
      const year = String(next(10_000)).padStart(4, '0');
      const nanos = next(3) === 0 ? 999_999_999 - next(2) : next(1_000_000_000);
      const iso = `${year}-0${1 + next(9)}-1${next(10)}T0${next(10)}:1${next(10)}:2${next(10)}.${String(nanos).padStart(9, '0')}Z`;
      const t = parseTimestamp(iso);
      assert.ok(t, iso);
      instants.push([sortKey(iso), t.epochSeconds, nanos]);
    }
    instants.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    for (let i = 1; i < instants.length; i++) {
      const [before, after] = [instants[i - 1], instants[i]];
      assert.equal(after[0].length, 14);
      const same = before[1] === after[1] && before[2] === after[2];
      assert.ok(same ? before[0] === after[0] : before[0] < after[0], `${before[0]} before ${after[0]}`);
    }
  });

  it('sorts an unreadable time as the oldest', () => {
    assert.equal(sortKey('yesterday'), '');
    assert.equal(parseTimestamp(undefined), undefined);
    assert.ok(sortKey('1970-01-01T00:00:00Z') > sortKey('nonsense'));
  });

  it('gives relative times against an injected clock', () => {
    const t = parseTimestamp('2022-02-15T20:27:02Z')!;
    const at = Date.UTC(2022, 1, 15, 23, 27, 2);
    assert.equal(relativeTime(t, at), '3h ago');
    assert.equal(relativeTime(t, Date.UTC(2022, 1, 15, 20, 27, 30)), 'just now');
    assert.equal(relativeTime(t, Date.UTC(2022, 1, 15, 20, 0, 0)), 'in 27m');
  });
});
