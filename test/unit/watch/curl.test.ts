import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand } from '../../../src/core/curl';
import { isQuotableHeaderValue, quotableUrl } from '../../../src/core/quotable';

const SECRET = 'sk_live_abcdef123456';
const TALENT_SECRET = { name: 'X-API-Key', variable: 'TALENTLMS_API_KEY' };

describe('Copy Request as cURL', () => {
  it('writes the secret as an environment variable reference, and no comment line (zsh would run `#`)', () => {
    const text = curlCommand({
      method: 'GET',
      url: 'https://acme.talentlms.com/api/v2/timeline?page[number]=2&page[size]=100',
      headers: { 'X-API-Version': '2025-01-01', Accept: 'application/json' },
      secret: TALENT_SECRET,
    });
    assert.equal(
      text,
      "curl --globoff --silent --show-error \\\n  'https://acme.talentlms.com/api/v2/timeline?page[number]=2&page[size]=100' \\\n" +
        '  -H "X-API-Key: $TALENTLMS_API_KEY" \\\n' +
        "  -H 'X-API-Version: 2025-01-01' \\\n  -H 'Accept: application/json'\n",
    );
    assert.ok(!text.includes(SECRET));
  });

  it('writes a bearer token as `Bearer $PISMO_TOKEN`', () => {
    const text = curlCommand({ method: 'GET', url: 'https://sandbox.pismolabs.io/timeline/v1/timeline?limit=100', headers: {}, secret: { name: 'Authorization', prefix: 'Bearer', variable: 'PISMO_TOKEN' } });
    assert.match(text, / -H "Authorization: Bearer \$PISMO_TOKEN"/);
  });

  it('quotes what the server and settings supply so the shell runs nothing from it', () => {
    const hostile = "https://x.invalid/a?b='$(touch /tmp/pwned)'&c=`id`\n rm -rf ~#\\'; echo owned; \\'";
    const text = curlCommand({ method: 'GET', url: hostile, headers: { 'X-API-Version': '"; echo owned; "$HOME' }, secret: TALENT_SECRET });
    // The shell parses the command into arguments; echo them back instead of running curl.
    const args = execFileSync('sh', ['-c', `curl() { printf '%s\\n' "$@"; }\n${text}`], { env: { TALENTLMS_API_KEY: SECRET, PATH: process.env.PATH } })
      .toString()
      .split('\n');
    assert.ok(args.includes('https://x.invalid/a?b=%27$(touch /tmp/pwned)%27&c=`id`%0A rm -rf ~'), args.join('|'));
    assert.ok(args.includes('X-API-Version: "; echo owned; "$HOME'));
    assert.ok(args.includes(`X-API-Key: ${SECRET}`), 'the variable expands when set');
    assert.ok(!args.some((a) => a.includes('owned') && !a.startsWith('X-API-Version')), 'the fragment is not copied');
  });

  it('refuses a header value or name that no shell could be given as typed, rather than write it', () => {
    for (const value of ["it's", 'a\\b', '1\x15touch x\x0f', '1\x1b[201~', 'x\x7f', 'x\u009b', 'x\u2018y', 'x\u201by', 'a\nb']) {
      assert.throws(() => curlCommand({ method: 'GET', url: 'https://x.invalid/', headers: { 'X-API-Version': value } }), RangeError, JSON.stringify(value));
    }
    assert.throws(() => curlCommand({ method: 'GET', url: 'https://x.invalid/', headers: {}, secret: { name: 'X-API-Key"$(id)', variable: 'TALENTLMS_API_KEY' } }), RangeError);
    assert.throws(() => curlCommand({ method: 'GET', url: 'https://x.invalid/', headers: {}, secret: { name: 'X-API-Key', variable: 'KEY$(id)' } }), RangeError);
  });

  it('percent-encodes in a URL what a quote cannot hold, and drops the fragment, which is never sent', () => {
    assert.equal(quotableUrl("https://h.invalid/a'b?c=\\d\u2019\x1b[201~&e=\u00e9#\\';{touch,/tmp/x};\\'"), 'https://h.invalid/a%27b?c=%5Cd%E2%80%99%1B[201~&e=\u00e9');
    assert.equal(quotableUrl('https://h.invalid/x?limit=100'), 'https://h.invalid/x?limit=100');
  });

  it('takes a header value from settings only as visible ASCII without quote or backslash', () => {
    assert.ok(isQuotableHeaderValue('2025-01-01'));
    assert.ok(isQuotableHeaderValue('2025-01-01 $(touch /tmp/x) `id` "x" #!'), 'quoted, these are inert');
    for (const value of ['', ' 2025', '2025 ', "20'25", '20\\25', '2025\x15', '2025\x0f', '\x1b[201~', '2025\t1', '2025\u2019', '2025\u00e9', '2025\u202e']) {
      assert.equal(isQuotableHeaderValue(value), false, JSON.stringify(value));
    }
  });
});
