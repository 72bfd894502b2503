import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, statusError } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { SecretScope } from '../../../src/core/secretScope';
import { parseBaseUrl } from '../../../src/core/url';
import { PismoSource } from '../../../src/sources/pismo';
import { bestOf } from '../hostile/timing';
import { json, localServer } from './localServer';

/** Secrets with what whitespace collapsing or JSON quoting would change. */
const AWKWARD = ['two  spaces-Secret1', 'tab\there-Secret2', 'quote"d-Secret3', 'back\\slash-Secret4', 'new\nline-Secret5'];

function refusal(body: unknown, redactor: Redactor): TimelineError {
  return statusError({ status: 403, headers: {}, body: Buffer.from(JSON.stringify(body)) }, redactor);
}

describe('security: redaction runs first, on raw text, everywhere text is shown', () => {
  it('masks an invalid base URL\'s key when echoing it, and cuts it short', () => {
    assert.throws(
      () => parseBaseUrl('https://api.example.com:44x/?api_key=LIVE-KEY-0123456789'),
      (e: unknown) => e instanceof TimelineError && e.message === '"https://api.example.com:44x/?api_key=••••" is not a valid URL: write it like https://sandbox.pismolabs.io.',
    );
    assert.throws(() => parseBaseUrl(`https://api.example.com:44x/${'p'.repeat(500)}`), (e: unknown) => e instanceof TimelineError && e.message.length < 200);
  });

  it('masks user:password@ in any URL it is shown', () => {
    const r = new Redactor();
    assert.equal(r.redact('GET https://alice:s3cr%40t@gw.example.com/x failed'), 'GET https://••••@gw.example.com/x failed');
    assert.equal(r.redact('ftp://bob@files.example.com/ and http://h.example/?q=a@b'), 'ftp://••••@files.example.com/ and http://h.example/?q=a@b');
    assert.throws(() => parseBaseUrl('https://user:hunter22@ho st/'), (e: unknown) => e instanceof TimelineError && e.message.startsWith('"https://••••@ho st/"'));
  });

  for (const secret of AWKWARD) {
    it(`masks a secret with ${JSON.stringify(secret.split('-')[0])} in a server's message, as a string or nested in an object`, () => {
      const r = new Redactor();
      r.add(secret);
      for (const body of [{ message: `no access for ${secret} here` }, { error: { message: `no access for ${secret}` } }, { message: { detail: `key ${secret}` } }]) {
        const { message } = refusal(body, r);
        assert.ok(message.includes('••••'), message);
        for (const form of [secret, JSON.stringify(secret).slice(1, -1), secret.replace(/\s+/g, ' ')]) {
          assert.ok(!message.includes(form), `${JSON.stringify(form)} survived in ${message}`);
        }
      }
    });
  }
});

describe('security: describing a server\'s error never throws, whatever its shape (issue 14, case 6)', () => {
  const deep = `{"message":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  const deepObjects = `${'{"message":'.repeat(5000)}"x"${'}'.repeat(5000)}`;

  it('a 10 KB `message` nested 5,000 deep is still a 401 of kind auth, with the credential to set again', () => {
    assert.ok(deep.length >= 10_000 && deep.length < 10_100, `${deep.length} bytes`);
    for (const body of [deep, deepObjects, '{"message":null}', 'null', '[1,2]', '"text"', '{"error":{"error":{"error":{"error":{"error":"deep"}}}}}']) {
      const error = statusError({ status: 401, headers: {}, body: Buffer.from(body) }, new Redactor(), 1, 'account token');
      assert.equal(error.kind, 'auth', body.slice(0, 40));
      assert.equal(error.details.status, 401);
      assert.match(error.message, /^The server rejected the account token \(401\): set it again with Set Secret/);
    }
  });

  it('describes a deep body in a few times what parsing it once costs, not a pass per level', () => {
    for (const body of [deep, deepObjects]) {
      const describing = bestOf(3, () => statusError({ status: 401, headers: {}, body: Buffer.from(body) }, new Redactor(), 1, 'account token'));
      const parse = bestOf(3, () => JSON.parse(body));
      // measured 1.2 to 1.6 times; a copy of the rest of the text at each of the 5,000 levels would be hundreds
      assert.ok(describing < parse * 10, `${describing.toFixed(2)} ms to describe, ${parse.toFixed(2)} ms to parse ${body.slice(0, 20)}`);
    }
  });
});

describe('security: a hostile 401 body over HTTP still renews the token', () => {
  it('a Pismo page refused with the 5,000-deep body is fetched again with a renewed token', async () => {
    const body = `{"message":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const server = await localServer((req, res) =>
      req.headers.authorization === 'Bearer renewed-token' ? json(res, 200, { has_next: false, next_cursor: null, items: [] }) : json(res, 401, body),
    );
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), scope: SecretScope.of(new URL(server.url)) });
    let renewed = 0;
    const auth = { token: async () => 'expired-token', renew: async () => (renewed++, 'renewed-token') };
    try {
      const page = await new PismoSource({ baseUrl: new URL(server.url), http, auth }).fetchPage({ limit: 20 }, new AbortController().signal);
      assert.equal(page.events.length, 0);
      assert.equal(renewed, 1);
      assert.deepEqual(server.received.map((r) => r.headers.authorization), ['Bearer expired-token', 'Bearer renewed-token']);
    } finally {
      await http.close();
      await server.close();
    }
  });
});
