import * as assert from 'node:assert/strict';
import { curlCommand } from '../../../src/core/curl';
import { genericCurlRequest } from '../../../src/sources/generic/curl';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { presetMapping } from './harness';

const SENT = { method: 'GET', url: 'https://api.example.com/v1/events?limit=100' };

function command(presetId: string, changes: Record<string, unknown> = {}): string | { error: string } {
  const request = genericCurlRequest(SENT, parseMapping(presetMapping(presetId, changes)));
  return 'error' in request ? request : curlCommand(request);
}

describe('Copy Request as cURL for a generic connection', () => {
  it('writes a bearer token and a secret header as environment variables, the mapping\'s headers quoted', () => {
    const github = command('github-events');
    assert.equal(typeof github, 'string');
    assert.match(github as string, /-H "Authorization: Bearer \$TIMELINE_TOKEN"/);
    assert.match(github as string, /-H 'X-GitHub-Api-Version: 2022-11-28'/);
    const okta = command('okta-system-log');
    assert.match(okta as string, /-H "Authorization: SSWS \$AUTHORIZATION"/);
    assert.match(command('svix-attempts') as string, /\$TIMELINE_TOKEN/);
  });

  it('says why when one variable cannot carry the secret: Basic, OAuth 2, several headers, a prefix with spaces', () => {
    assert.match((command('stripe-events') as { error: string }).error, /Basic auth/);
    assert.match((command('datadog-events') as { error: string }).error, /2 secret headers/);
    assert.match((command('auth0-logs', { auth: { scheme: 'oauth2', tokenPath: '/oauth/token', clientId: 'c' } }) as { error: string }).error, /OAuth 2/);
    assert.match((command('pagerduty-log-entries') as { error: string }).error, /prefix of Authorization/);
  });

  it('needs no variable without auth', () => {
    const open = command('kubernetes-events', { auth: { scheme: 'none' } });
    assert.ok(typeof open === 'string' && !open.includes('$'));
  });
});
