import * as assert from 'node:assert/strict';
import { type Instant, instantSortKey, parseInstant } from '../../../src/core/instant';
import { sortKey } from '../../../src/core/time';

const NOW_MS = Date.UTC(2025, 5, 30, 21, 0, 0, 250);

function instant(text: string, options?: { endOfDay?: boolean }): Instant {
  const parsed = parseInstant(text, NOW_MS, options);
  if ('error' in parsed) assert.fail(`${text}: ${parsed.error}`);
  return parsed;
}

function refusal(text: string): string {
  const parsed = parseInstant(text, NOW_MS);
  if (!('error' in parsed)) assert.fail(`${text} was read as ${parsed.iso}`);
  return parsed.error;
}

describe('parseInstant: a time written any way a person has it', () => {
  it('reads ISO 8601 at every precision, keeping nanoseconds', () => {
    assert.equal(instant('2025-06-30T21:13:17.751107124Z').iso, '2025-06-30T21:13:17.751107124Z');
    assert.equal(instant('2025-06-30T21:13:17.751107124Z').ns, 1751317997751107124n);
    assert.equal(instant('2025-06-30T21:13:17Z').iso, '2025-06-30T21:13:17Z');
    assert.equal(instant('2025-06-30T21:13Z').iso, '2025-06-30T21:13:00Z');
    assert.equal(instant('2025-06-30T21Z').iso, '2025-06-30T21:00:00Z');
    assert.equal(instant('2025-06-30 21:13:17,5').iso, '2025-06-30T21:13:17.5Z');
    // digits past the ninth are below a nanosecond
    assert.equal(instant('2025-06-30T21:13:17.1234567899Z').iso, '2025-06-30T21:13:17.123456789Z');
  });

  it('reads any offset, and a zone-less time as UTC as the filter does', () => {
    assert.equal(instant('2025-06-30T18:13:17-03:00').iso, '2025-06-30T21:13:17Z');
    assert.equal(instant('2025-07-01T02:43:17+0530').iso, '2025-06-30T21:13:17Z');
    assert.equal(instant('2025-06-30T23:13:17+02').iso, '2025-06-30T21:13:17Z');
    assert.equal(instant('2025-06-30t21:13:17z').iso, '2025-06-30T21:13:17Z');
    assert.equal(instant('2025-06-30T21:13:17').iso, '2025-06-30T21:13:17Z');
  });

  it('reads a bare date as its first nanosecond, or its last one for an upper bound', () => {
    assert.equal(instant('2025-06-30').iso, '2025-06-30T00:00:00Z');
    assert.equal(instant('2025-06-30', { endOfDay: true }).iso, '2025-06-30T23:59:59.999999999Z');
    assert.equal(instant('2024-02-29').iso, '2024-02-29T00:00:00Z');
    assert.equal(instant('2000-02-29').iso, '2000-02-29T00:00:00Z');
  });

  it('tells unix seconds, milliseconds, microseconds and nanoseconds apart by their digits', () => {
    const second = '2024-06-30T18:33:20Z';
    assert.equal(instant('1719772400').iso, second);
    assert.equal(instant('1719772400123').iso, '2024-06-30T18:33:20.123Z');
    assert.equal(instant('1719772400123456').iso, '2024-06-30T18:33:20.123456Z');
    assert.equal(instant('1719772400123456789').iso, '2024-06-30T18:33:20.123456789Z');
    assert.equal(instant('1719772400123456789').ns, 1719772400123456789n);
    assert.equal(instant('1719772400.5').iso, '2024-06-30T18:33:20.5Z');
    assert.equal(instant('1719772400123.25').iso, '2024-06-30T18:33:20.12325Z');
    assert.equal(instant('100000000').iso, '1973-03-03T09:46:40Z');
  });

  it('counts a time ago back from the clock it is given, and reads now', () => {
    assert.equal(instant('2h').iso, '2025-06-30T19:00:00.25Z');
    assert.equal(instant('30m').iso, '2025-06-30T20:30:00.25Z');
    assert.equal(instant('7d').iso, '2025-06-23T21:00:00.25Z');
    assert.equal(instant('1w ago').iso, '2025-06-23T21:00:00.25Z');
    assert.equal(instant('45s').iso, '2025-06-30T20:59:15.25Z');
    assert.equal(instant(' now ').iso, '2025-06-30T21:00:00.25Z');
  });

  it('orders as events do: its sort key compares with theirs', () => {
    const event = sortKey('2025-06-30T21:13:17.751107124Z');
    assert.ok(instantSortKey(instant('2025-06-30T21:13:17.751107123Z')) < event);
    assert.equal(instantSortKey(instant('2025-06-30T21:13:17.751107124Z')), event);
    assert.ok(instantSortKey(instant('2025-06-30T18:13:17.751107125-03:00')) > event);
  });

  it('refuses what is not a time with a sentence naming the forms it reads', () => {
    for (const text of ['', 'yesterday', '2025-06-30T', '30/06/2025', '-1719772400', '2h30m', '12 parsecs', '0x66814a70']) {
      assert.match(refusal(text), /^That is not a time: write an ISO 8601 time .*unix seconds.*a time ago \(2h, 30m, 7d\)\.$/, text);
    }
  });

  it('refuses dates and times that do not exist', () => {
    for (const text of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-04-31']) assert.match(refusal(text), /date does not exist/, text);
    for (const text of ['2025-06-30T24:00:00Z', '2025-06-30T21:60Z', '2025-06-30T21:13:60Z']) assert.match(refusal(text), /time of day does not exist/, text);
    for (const text of ['2025-06-30T21:00+19:00', '2025-06-30T21:00-03:75']) assert.match(refusal(text), /offset does not exist/, text);
  });

  it('refuses numbers too short or too long to be a unix time, and years out of range', () => {
    assert.match(refusal('2025'), /too short for a unix time .*2025-06-30/);
    assert.match(refusal('99999999'), /too short/);
    assert.match(refusal('123456789012345678901'), /too long for a unix time/);
    assert.match(refusal('0999-12-31T23:59:59Z'), /outside the years 1000 to 9999/);
    assert.match(refusal('999999999w'), /outside the years 1000 to 9999/);
  });

  it('refuses long text before reading it, and never repeats what was typed', () => {
    const secretish = `2025-06-30T21:00:00Z${'x'.repeat(100_000)}`;
    const error = refusal(secretish);
    assert.match(error, /too long to be a time/);
    assert.ok(!error.includes('xxxx'));
    assert.ok(!refusal('hunter2-password').includes('hunter2'));
  });
});
