import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand } from '../../../src/core/curl';

const SECRET = 'sk_live_abcdef123456';

describe('Copy Request as cURL', () => {
  it('writes the secret as an environment variable reference, with a comment saying which to set', () => {
    const text = curlCommand({
      method: 'GET',
      url: 'https://acme.talentlms.com/api/v2/timeline?page[number]=2&page[size]=100',
      headers: { 'X-API-Version': '2025-01-01', Accept: 'application/json' },
      secret: { name: 'X-API-Key', variable: 'TALENTLMS_API_KEY', what: 'the TalentLMS API key' },
    });
    assert.equal(
      text,
      '# Set TALENTLMS_API_KEY to the TalentLMS API key first, e.g. read -rs TALENTLMS_API_KEY && export TALENTLMS_API_KEY\n' +
        "curl --globoff --silent --show-error \\\n  'https://acme.talentlms.com/api/v2/timeline?page[number]=2&page[size]=100' \\\n" +
        '  -H "X-API-Key: $TALENTLMS_API_KEY" \\\n' +
        "  -H 'X-API-Version: 2025-01-01' \\\n  -H 'Accept: application/json'\n",
    );
    assert.ok(!text.includes(SECRET));
  });

  it('writes a bearer token as `Bearer $PISMO_TOKEN`', () => {
    const text = curlCommand({ method: 'GET', url: 'https://sandbox.pismolabs.io/timeline/v1/timeline?limit=100', headers: {}, secret: { name: 'Authorization', prefix: 'Bearer', variable: 'PISMO_TOKEN', what: 'an account token' } });
    assert.match(text, / -H "Authorization: Bearer \$PISMO_TOKEN"/);
  });

  it('quotes what the server and settings supply so the shell runs nothing from it', () => {
    const hostile = "https://x.invalid/a?b='$(touch /tmp/pwned)'&c=`id`\n rm -rf ~";
    const text = curlCommand({ method: 'GET', url: hostile, headers: { 'X-API-Version': "'; echo owned; '$HOME" }, secret: { name: 'X-API-Key"$(id)', variable: 'TALENTLMS_API_KEY', what: 'the key' } });
    // The shell parses the command into arguments; echo them back instead of running curl.
    const args = execFileSync('sh', ['-c', `curl() { printf '%s\\n' "$@"; }\n${text}`], { env: { TALENTLMS_API_KEY: SECRET, PATH: process.env.PATH } })
      .toString()
      .split('\n');
    assert.ok(args.includes("https://x.invalid/a?b='$(touch /tmp/pwned)'&c=`id`  rm -rf ~"), args.join('|'));
    assert.ok(args.includes("X-API-Version: '; echo owned; '$HOME"));
    assert.ok(args.includes(`X-API-Keyid: ${SECRET}`), 'the variable expands when set');
    assert.ok(!args.some((a) => a.includes('owned') && !a.startsWith('X-API-Version')));
  });
});
