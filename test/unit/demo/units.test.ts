import * as assert from 'node:assert/strict';
import { decodeCursor, encodeCursor } from '../../../src/demo/cursor';
import { PismoTimeline, isTortureIndex } from '../../../src/demo/pismoData';
import { formatNs, parseIsoNs } from '../../../src/demo/time';

describe('demo server: building blocks', () => {
  it('writes cursors shaped like the documented sample and reads them back', () => {
    const key = { tenantAccount: 'TN-demo::4242001', timestamp: '2021-01-01T01:12:23.123456789Z' };
    const cursor = encodeCursor(key);
    assert.deepEqual(Object.keys(JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as object), ['TenantAccountTimestamp', 'TenantAccount', 'Timestamp']);
    assert.deepEqual(decodeCursor(cursor), key);
    assert.equal(decodeCursor(cursor.slice(1)), undefined);
    assert.equal(decodeCursor(Buffer.from('[1,2]').toString('base64')), undefined);
  });

  it('keeps nanoseconds through formatting and parsing', () => {
    const ns = parseIsoNs('2022-02-15T20:27:02.151790540Z');
    assert.equal(ns, 1644956822151790540n);
    assert.equal(formatNs(ns ?? 0n), '2022-02-15T20:27:02.151790540Z');
    assert.equal(parseIsoNs('2022-02-15T17:27:02.15-03:00'), 1644956822150000000n);
    assert.equal(parseIsoNs('2022-02-15', true), parseIsoNs('2022-02-15T23:59:59.999999999Z'));
    assert.equal(parseIsoNs('2022-02-30'), undefined);
    assert.equal(parseIsoNs('soon'), undefined);
  });

  it('rebuilds any event from (seed, index) alone, every item valid JSON', () => {
    const a = new PismoTimeline(42, 200_000);
    const b = new PismoTimeline(42, 10);
    assert.equal(a.event(3).text, b.event(3).text); // independent of the count
    for (const index of [0, 1, 7, 23, 199_999]) {
      const item = JSON.parse(a.event(index).text) as { timestamp: string };
      assert.equal(item.timestamp, a.event(index).timestamp);
    }
    assert.ok(isTortureIndex(199_957) && a.event(199_957).text.includes('12345678901234567890'));
    for (let i = 1; i < 2000; i++) assert.ok(a.timeNs(i) < a.timeNs(i - 1));
    assert.equal(a.firstAtOrBefore(a.timeNs(1234)), 1234);
    assert.equal(a.firstAtOrBefore(a.timeNs(1234) + 1n), 1234);
    assert.equal(a.firstAtOrBefore(a.timeNs(1234) - 1n), 1235);
  });
});
