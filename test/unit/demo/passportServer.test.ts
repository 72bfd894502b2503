import * as assert from 'node:assert/strict';
import type { DemoRequest } from '../../../src/demo/http';
import { TokenRegistry } from '../../../src/demo/passportTokens';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';

const MINT = '/passport/v2/s2s/access-token';
const TIMELINE = '/timeline/v1/timeline';

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

describe('demo server: Pismo token minting', () => {
  let server: DemoServer;

  async function mint(body: unknown, s = server, contentType = 'application/json'): Promise<Answer> {
    const res = await fetch(s.url + MINT, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  const good = (): Record<string, unknown> => ({ server_key: server.serverKey, server_secret: server.serverSecret, account_id: server.accountId });

  async function timeline(token: string, s = server): Promise<number> {
    return (await fetch(`${s.url}${TIMELINE}?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;
  }

  async function mintedToken(s = server, body = good()): Promise<string> {
    const res = await mint(body, s);
    assert.equal(res.status, 200, res.text);
    return (JSON.parse(res.text) as { token: string }).token;
  }

  before(async () => {
    server = await startDemoServer({ eventCount: 20 });
  });
  after(() => server.close());

  it('exposes random credentials, for the demo account', async () => {
    assert.match(server.serverKey, /^sk-[0-9a-f]{24}$/);
    assert.match(server.serverSecret, /^[0-9a-f]{48}$/);
    assert.equal(server.accountId, '4242001');
    const other = await startDemoServer({ eventCount: 1 });
    try {
      assert.notEqual(other.serverKey, server.serverKey);
      assert.notEqual(other.serverSecret, server.serverSecret);
    } finally {
      await other.close();
    }
  });

  it('mints a fresh token with its lifetime, and the timeline accepts it', async () => {
    const res = await mint(good());
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = JSON.parse(res.text) as { token: string; expires_in: number };
    assert.deepEqual(Object.keys(body), ['token', 'expires_in']);
    assert.match(body.token, /^[0-9a-f]{64}$/);
    assert.equal(body.expires_in, 3600);
    assert.notEqual(await mintedToken(), body.token);
    assert.equal(await timeline(body.token), 200);
    assert.equal(await timeline(server.token), 200);
    assert.equal(await timeline(`x${body.token.slice(1)}`), 401);
  });

  it('accepts the account as a string or an integer', async () => {
    assert.equal((await mint({ ...good(), account_id: Number(server.accountId) })).status, 200);
    const other = await mint({ ...good(), account_id: '999' });
    assert.equal(other.status, 403);
    assert.equal(typeof (JSON.parse(other.text) as { message: unknown }).message, 'string');
  });

  it('revokes minted tokens on demand; the main token keeps working', async () => {
    const [a, b] = [await mintedToken(), await mintedToken()];
    assert.deepEqual([await timeline(a), await timeline(b)], [200, 200]);
    server.revokeMintedTokens();
    assert.deepEqual([await timeline(a), await timeline(b), await timeline(server.token)], [401, 401, 200]);
    assert.equal(await timeline(await mintedToken()), 200);
  });

  it('answers 401 to a wrong key or secret, without repeating what was sent', async () => {
    for (const body of [
      { ...good(), server_key: 'sk-wrong' },
      { ...good(), server_secret: 'wrong-secret' },
      { ...good(), server_key: server.serverSecret, server_secret: server.serverKey },
    ]) {
      const res = await mint(body);
      assert.equal(res.status, 401);
      assert.deepEqual(JSON.parse(res.text), { message: 'Invalid server key or server secret.' });
    }
  });

  it('answers 400 naming the problem for a malformed body', async () => {
    const cases: [unknown, RegExp][] = [
      ['', /JSON/],
      ['{"server_key":', /JSON/],
      ['[]', /object/],
      ['null', /object/],
      [{ server_secret: 's', account_id: '1' }, /server_key/],
      [{ ...good(), server_key: '' }, /server_key/],
      [{ ...good(), server_secret: 42 }, /server_secret/],
      [{ server_key: 'k', server_secret: 's' }, /account_id/],
      [{ ...good(), account_id: 'acct-1' }, /account_id/],
      [{ ...good(), account_id: 1.5 }, /account_id/],
    ];
    for (const [body, message] of cases) {
      const res = await mint(body);
      assert.equal(res.status, 400, String(body));
      const said = (JSON.parse(res.text) as { message: string }).message;
      assert.match(said, message, String(body));
      assert.ok(!said.includes(server.serverSecret));
    }
  });

  it('refuses a body over 16 KB with 413, and other methods with 405', async () => {
    const big = await mint({ ...good(), padding: 'x'.repeat(20_000) });
    assert.equal(big.status, 413);
    assert.equal(await timeline(server.token), 200, 'the server is still fine');
    const get = await fetch(server.url + MINT);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
  });

  it('uses the credentials and lifetime it is given, and refuses impossible ones', async () => {
    const given = await startDemoServer({ eventCount: 1, serverKey: 'key-1', serverSecret: 'secret-1', accountId: '77', tokenTtlSeconds: 60 });
    try {
      assert.deepEqual([given.serverKey, given.serverSecret, given.accountId], ['key-1', 'secret-1', '77']);
      const res = await mint({ server_key: 'key-1', server_secret: 'secret-1', account_id: 77 }, given);
      assert.equal((JSON.parse(res.text) as { expires_in: number }).expires_in, 60);
    } finally {
      await given.close();
    }
    for (const options of [{ tokenTtlSeconds: 0 }, { tokenTtlSeconds: 1.5 }, { serverSecret: '' }, { serverKey: 'a b' }, { accountId: 'x' }]) {
      await assert.rejects(startDemoServer(options), RangeError, JSON.stringify(options));
    }
  });

  it('expires minted tokens after their lifetime', () => {
    let now = 0;
    const registry = new TokenRegistry('main-token', () => now);
    const bearer = (token: string): DemoRequest => ({ method: 'GET', path: '/', query: new URLSearchParams(), headers: { authorization: `Bearer ${token}` } });
    const token = registry.mint(10);
    now = 9_999;
    assert.equal(registry.accepts(bearer(token)), true);
    now = 10_000;
    assert.equal(registry.accepts(bearer(token)), false);
    assert.equal(registry.accepts(bearer('main-token')), true);
    registry.mint(10);
    now = 30_000;
    registry.mint(10); // minting drops the expired ones
    assert.equal(registry.mintedCount, 1);
  });
});
