import * as assert from 'node:assert/strict';
import { formatTime } from '../../../src/core/time';

describe('time formats', () => {
  const zone = process.env.TZ;
  before(() => {
    process.env.TZ = 'America/Sao_Paulo'; // UTC−3 all year since 2019
  });
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  const now = Date.parse('2025-06-30T22:00:00Z'); // 19:00 in São Paulo
  const today = '2025-06-30T17:03:27.512790540Z'; // 14:03:27 local
  const earlier = '2025-06-29T17:03:27.512790540Z';

  it('local: milliseconds for today, the date otherwise', () => {
    assert.equal(formatTime(today, 'local', now), '14:03:27.512');
    assert.equal(formatTime(earlier, 'local', now), 'Jun 29 14:03:27');
    // Just after midnight UTC is still the evening before in São Paulo: "today" is the local day.
    assert.equal(formatTime('2025-07-01T01:00:00Z', 'local', now), '22:00:00.000');
  });

  it('utc: the same shapes in UTC, marked', () => {
    assert.equal(formatTime(today, 'utc', now), '17:03:27.512 UTC');
    assert.equal(formatTime(earlier, 'utc', now), 'Jun 29 17:03:27 UTC');
  });

  it('relative and iso (the server\'s own string, nanoseconds and offset kept)', () => {
    assert.equal(formatTime(today, 'relative', now), '4h ago');
    assert.equal(formatTime('2025-06-30T14:03:27.512790540-03:00', 'iso', now), '2025-06-30T14:03:27.512790540-03:00');
  });

  it('shows an unreadable time as sent', () => {
    assert.equal(formatTime('yesterday-ish', 'local', now), 'yesterday-ish');
  });
});
