import * as assert from 'node:assert/strict';
import { RESPONSE_MEGABYTES, TIMEOUT_SECONDS, clampLimit, requestLimits } from '../../../src/core/limits';

describe('security: no settings value switches a safety limit off', () => {
  it('clamps timeouts to 1–300 s and the size cap to 1–64 MB, whatever a settings file says', () => {
    assert.deepEqual(requestLimits({ timeoutSeconds: 0, maxMegabytes: 1e9, pageSize: 1e9 }), { timeoutMs: 1000, maxBytes: 64 * 1024 * 1024, pageSize: 1000 });
    assert.deepEqual(requestLimits({ timeoutSeconds: -5, maxMegabytes: 0, pageSize: 0 }), { timeoutMs: 1000, maxBytes: 1024 * 1024, pageSize: 1 });
    assert.deepEqual(requestLimits({ timeoutSeconds: 1e12, maxMegabytes: 0.5 }), { timeoutMs: 300_000, maxBytes: 1024 * 1024, pageSize: 100 });
    assert.deepEqual(requestLimits({ timeoutSeconds: 45, maxMegabytes: 12.5, pageSize: 50 }), { timeoutMs: 45_000, maxBytes: 12.5 * 1024 * 1024, pageSize: 50 });
  });

  it('uses the default for anything that is not a finite number', () => {
    for (const bad of [undefined, null, 'none', '0', Number.NaN, Infinity, -Infinity, [], {}]) {
      assert.equal(clampLimit(bad, TIMEOUT_SECONDS), 30, String(bad));
      assert.equal(clampLimit(bad, RESPONSE_MEGABYTES), 8, String(bad));
    }
  });
});
