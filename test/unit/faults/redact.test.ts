import * as assert from 'node:assert/strict';
import { toTimelineError } from '../../../src/core/errors';
import { parseRetryAfter, statusError } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';

describe('faults: redaction and the pieces of retry timing', () => {
  it('masks a known secret, also URL- and form-encoded, and the longer of two overlapping ones whole', () => {
    const r = new Redactor();
    r.add('ab/c+d e');
    r.add('ab/c+d e-and-more');
    const text = 'raw ab/c+d e, path ab%2Fc%2Bd%20e, form ab%2Fc%2Bd+e, long ab/c+d e-and-more';
    assert.equal(r.redact(text), 'raw ••••, path ••••, form ••••, long ••••');
  });

  it('masks credential-shaped text it was never told about', () => {
    const r = new Redactor();
    assert.equal(r.redact('GET /x?limit=5&api_key=abc123&token=zz#f'), 'GET /x?limit=5&api_key=••••&token=••••#f');
    assert.equal(r.redact('authorization Bearer abc.DEF-123 and basic Basic dXNlcjpwdw=='), 'authorization Bearer •••• and basic Basic ••••');
    assert.equal(r.redact('{"url":"/t?secret=s3cr3t","ok":1}'), '{"url":"/t?secret=••••","ok":1}');
  });

  it('redacts what a server said before cutting it short, so no half secret is left', () => {
    const r = new Redactor();
    const secret = 'K3y-0123456789abcdef';
    r.add(secret);
    for (let at = 185; at <= 200; at++) {
      const message = `${'x'.repeat(at)} ${secret} tail`;
      const error = statusError({ status: 500, headers: {}, body: Buffer.from(JSON.stringify({ message })) }, r);
      assert.ok(!error.message.includes(secret.slice(0, 8)), error.message);
    }
  });

  it('ignores secrets too short to mask without wrecking ordinary text', () => {
    const r = new Redactor();
    r.add('abc');
    assert.equal(r.redact('abc'), 'abc');
  });

  it('turns an untyped error into one redacted line', () => {
    const e = toTimelineError(new Error('fetch https://h/x?token=t0k3n failed.\nat stack line'));
    assert.equal(e.kind, 'network');
    assert.equal(e.message, 'The request failed: fetch https://h/x?token=•••• failed.');
  });

  it('reads Retry-After as seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
