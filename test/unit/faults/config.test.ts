import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { parseBaseUrl } from '../../../src/core/url';
import { CONFIG_ROWS } from './table';

describe('faults: bad configuration is refused before any request', () => {
  for (const row of CONFIG_ROWS) {
    it(`${row.problem}: ${row.baseUrl}`, () => {
      assert.throws(
        () => parseBaseUrl(row.baseUrl),
        (e: unknown) => e instanceof TimelineError && e.kind === 'config' && e.message === row.message,
      );
    });
  }

  it('accepts https anywhere and plain http to this machine only', () => {
    for (const ok of ['https://sandbox.pismolabs.io', 'http://127.0.0.1:8787', 'http://localhost:1', 'http://[::1]:8787', 'https://gw.example/pismo/']) {
      assert.equal(parseBaseUrl(ok).protocol.startsWith('http'), true, ok);
    }
  });
});
