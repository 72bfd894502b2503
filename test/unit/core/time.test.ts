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
