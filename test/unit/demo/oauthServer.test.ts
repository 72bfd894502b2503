import * as assert from 'node:assert/strict';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { type Answer, OAUTH, PATH, bearer, get, page, post } from './helpers';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SCOPE = 'pismo-v1:timeline:r pismo-v1:accounts:r';

describe('demo server: Pismo OAuth client credentials', () => {
  let server: DemoServer;

  const fields = (extra: Record<string, string> = {}): Record<string, string> => ({
    grant_type: 'client_credentials',
    client_id: server.serverKey,
    client_secret: server.serverSecret,
    scope: SCOPE,
    ...extra,
  });
  const form = (values: Record<string, string>, headers: Record<string, string> = {}, s = server): Promise<Answer> =>
    post(s, OAUTH, new URLSearchParams(values).toString(), { ...FORM, ...headers });
  const without = (values: Record<string, string>, ...names: string[]): Record<string, string> => Object.fromEntries(Object.entries(values).filter(([k]) => !names.includes(k)));
  const basic = (id: string, secret: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
  const accessToken = (res: Answer): string => (JSON.parse(res.text) as { access_token: string }).access_token;

  before(async () => {
    server = await startDemoServer({ eventCount: 50 });
  });
  afterEach(() => server.clearFaults());
  after(() => server.close());

  it('mints an account token for a form with uid, as OAuth answers, and remembers the scope', async () => {
    assert.equal(server.lastOAuthScope, undefined);
    const res = await form(fields({ uid: '4242005' }));
    assert.equal(res.status, 200, res.text);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['access_token', 'token_type', 'expires_in']);
    assert.match(body.access_token as string, /^[0-9a-f]{64}$/);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(server.lastOAuthScope, SCOPE);
    const top = await page(server, { limit: '3' }, accessToken(res));
    assert.deepEqual(top.body.items.map((i) => i.account_id), [4242005, 4242005, 4242005]);
  });

  it('takes a JSON body too, uid as text or an integer', async () => {
    for (const uid of ['4242006', 4242006]) {
      const res = await post(server, OAUTH, JSON.stringify({ ...fields({ scope: 'pismo-v1:cards:rw' }), uid }), { 'content-type': 'application/json' });
      assert.equal(res.status, 200, res.text);
      assert.equal((await page(server, { limit: '1' }, accessToken(res))).body.items[0].account_id, 4242006);
    }
    assert.equal(server.lastOAuthScope, 'pismo-v1:cards:rw');
    const broken = await post(server, OAUTH, '{"grant_type":', { 'content-type': 'application/json' });
    assert.equal(broken.status, 400);
    assert.deepEqual(JSON.parse(broken.text), { error: 'invalid_request' });
  });

  it('takes the client credentials as HTTP Basic instead', async () => {
    const values = without(fields({ uid: '4242002' }), 'client_id', 'client_secret');
    const res = await form(values, basic(server.serverKey, server.serverSecret));
    assert.equal(res.status, 200, res.text);
    assert.equal((await page(server, { limit: '1' }, accessToken(res))).body.items[0].account_id, 4242002);
    for (const headers of [basic(server.serverKey, 'wrong'), basic(server.serverSecret, server.serverKey), { authorization: `Basic ${Buffer.from(server.serverKey).toString('base64')}` }]) {
      const refused = await form(values, headers);
      assert.equal(refused.status, 401);
      assert.deepEqual(JSON.parse(refused.text), { error: 'invalid_client' });
    }
  });

  it('answers OAuth errors: unsupported_grant_type, invalid_client, invalid_scope, access_denied', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [fields({ grant_type: 'password' }), 400, 'unsupported_grant_type'],
      [without(fields(), 'grant_type'), 400, 'unsupported_grant_type'],
      [fields({ client_secret: 'wrong' }), 401, 'invalid_client'],
      [fields({ client_id: 'sk-wrong' }), 401, 'invalid_client'],
      [without(fields(), 'client_secret'), 401, 'invalid_client'],
      [without(fields(), 'client_id', 'client_secret'), 401, 'invalid_client'],
      [without(fields(), 'scope'), 400, 'invalid_scope'],
      [fields({ scope: '  ' }), 400, 'invalid_scope'],
      [fields({ uid: '999' }), 403, 'access_denied'],
      [fields({ uid: '4242013' }), 403, 'access_denied'],
      [fields({ uid: 'EXT-4242002' }), 403, 'access_denied'],
    ];
    const before = server.accountIds.map((id) => server.mintsFor(id));
    for (const [values, status, error] of cases) {
      const res = await form(values);
      assert.equal(res.status, status, JSON.stringify(without(values, 'client_secret')));
      assert.deepEqual(JSON.parse(res.text), { error });
      assert.ok(!res.text.includes(server.serverSecret) && !res.text.includes(server.serverKey));
      if (status === 401) assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
    }
    assert.deepEqual(server.accountIds.map((id) => server.mintsFor(id)), before, 'nothing was minted');
  });

  it('mints a tenant-wide token without uid, which the timeline refuses with a 403', async () => {
    const res = await form(fields());
    assert.equal(res.status, 200, res.text);
    const token = accessToken(res);
    for (const attempt of [get(server, {}, bearer(token)), post(server, PATH, '{"type":"PING","category":"TEST"}', { ...bearer(token), 'content-type': 'application/json' })]) {
      const refused = await attempt;
      assert.equal(refused.status, 403);
      assert.match((JSON.parse(refused.text) as { message: string }).message, /not account-specific/);
    }
    assert.equal((await get(server, {}, bearer(`${token}x`))).status, 401, 'a token it never minted is still a 401');
  });

  it('gives OAuth tokens the same lifetime as s2s ones, and revokes them alike', async () => {
    const s = await startDemoServer({ eventCount: 5, tokenTtlSeconds: 60 });
    try {
      const res = await form({ grant_type: 'client_credentials', client_id: s.serverKey, client_secret: s.serverSecret, scope: SCOPE, uid: s.accountId }, {}, s);
      assert.equal((JSON.parse(res.text) as { expires_in: number }).expires_in, 60);
      assert.equal((await get(s, {}, bearer(accessToken(res)))).status, 200);
      s.revokeMintedTokens();
      assert.equal((await get(s, {}, bearer(accessToken(res)))).status, 401);
    } finally {
      await s.close();
    }
  });

  it('refuses a body over 16 KB with 413, and other methods with 405', async () => {
    assert.equal((await form(fields({ scope: 'x'.repeat(20_000) }))).status, 413);
    const getToken = await fetch(server.url + OAUTH);
    assert.equal(getToken.status, 405);
    assert.equal(getToken.headers.get('allow'), 'POST');
  });

  it('plays a fault on the OAuth mint only for a request with the right client credentials', async () => {
    assert.equal((await form(fields({ client_secret: 'wrong' }), { 'x-demo-fault': '503' })).status, 401);
    assert.equal((await form(fields(), { 'x-demo-fault': '503' })).status, 503);
    server.injectFault('500', { path: OAUTH });
    assert.equal((await form(fields({ client_secret: 'wrong' }))).status, 401);
    assert.equal((await form(fields())).status, 500, 'the injected fault waited for a client with the right credentials');
    assert.equal((await form(fields())).status, 200);
  });
});
