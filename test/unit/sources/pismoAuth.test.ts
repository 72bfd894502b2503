import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { Timeline } from '../../../src/core/timeline';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { PismoTokenMinter, type ServerCredentials } from '../../../src/sources/pismoAuth';

const EVENT_COUNT = 300;
const MINT_PATH = '/passport/v2/s2s/access-token';

describe('PismoTokenMinter against the demo server', () => {
  let server: DemoServer;
  const log: RequestLogEntry[] = [];
  const errors: TimelineError[] = [];
  const minted: string[] = [];
  const clients: HttpClient[] = [];
  const signal = new AbortController().signal;

  const mints = (from = 0): number => log.slice(from).filter((e) => e.method === 'POST' && new URL(e.url).pathname === MINT_PATH).length;

  function setup(credentials: Partial<ServerCredentials> = {}, now?: () => number): { minter: PismoTokenMinter; source: PismoSource } {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: (e) => log.push(e), delay: async () => {} });
    clients.push(http);
    const all = { serverKey: server.serverKey, serverSecret: server.serverSecret, accountId: server.accountId, ...credentials };
    const baseUrl = new URL(server.url);
    const minter = new PismoTokenMinter(baseUrl, http, async () => all, { onToken: (token) => minted.push(token), now });
    return { minter, source: new PismoSource({ baseUrl, http, auth: minter }) };
  }

  before(async () => {
    server = await startDemoServer({ eventCount: EVENT_COUNT });
  });

  after(async () => {
    const secrets = [server.token, server.serverKey, server.serverSecret, ...minted];
    const said = [...log.map((e) => JSON.stringify(e)), ...errors.map((e) => e.message)];
    assert.ok(said.length > 0 && minted.length > 0);
    for (const line of said) for (const s of secrets) assert.ok(!line.includes(s), `a secret leaked: ${line}`);
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  it('mints an account token that the timeline accepts, and keeps it', async () => {
    const from = log.length;
    const { minter, source } = setup();
    const token = await minter.token(signal);
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.notEqual(token, server.token);
    assert.deepEqual(minted.slice(-1), [token]);
    const page = await source.fetchPage({ limit: 50 }, signal);
    assert.equal(page.events.length, 50);
    assert.equal(await minter.token(signal), token);
    assert.equal(mints(from), 1);
    assert.deepEqual(log.slice(from).map((e) => [e.method, e.status]), [['POST', 200], ['GET', 200]]);
  });

  it('mints again after the server revokes its tokens, and the page succeeds', async () => {
    const { minter, source } = setup();
    const timeline = new Timeline(source, { limit: 100, maxEmptyPages: 5 });
    await timeline.loadMore();
    const before = await minter.token(signal);
    const from = log.length;
    server.revokeMintedTokens();
    await timeline.loadMore();
    assert.equal(timeline.error, undefined);
    assert.equal(timeline.eventCount, 200);
    assert.deepEqual(log.slice(from).map((e) => [e.method, e.status]), [['GET', 401], ['POST', 200], ['GET', 200]]);
    const after = await minter.token(signal);
    assert.notEqual(after, before);
    while (timeline.hasMore) await timeline.loadMore();
    assert.equal(timeline.eventCount, EVENT_COUNT);
    assert.equal(mints(from), 1);
  });

  it('refuses a wrong secret with an auth error that does not repeat it', async () => {
    const wrong = `x${server.serverSecret.slice(1)}`; // one character off (the secret is hex)
    const from = log.length;
    const { minter, source } = setup({ serverSecret: wrong });
    for (const attempt of [minter.token(signal), source.fetchPage({ limit: 10 }, signal)]) {
      const error = await attempt.then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof TimelineError);
      errors.push(error);
      assert.equal(error.kind, 'auth');
      assert.equal(error.details.status, 401);
      assert.match(error.message, /^Pismo refused the server key and secret .*\.$/);
      assert.ok(!error.message.includes(wrong) && !error.message.includes(server.serverSecret));
    }
    const calls = log.slice(from);
    // Both callers share one mint; a refused mint is final: no renew(), no timeline call without a token.
    assert.ok(calls.length === 1 && calls.every((e) => e.method === 'POST' && e.status === 401), 'no timeline call without a token');
  });

  it('shares one mint between concurrent token() calls', async () => {
    const from = log.length;
    const { minter } = setup();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => minter.token(signal)));
    assert.equal(new Set(tokens).size, 1);
    assert.equal(mints(from), 1);
  });

  it('lets a caller that cancels stop waiting without failing the others sharing the mint', async () => {
    const from = log.length;
    const { minter } = setup();
    const impatient = new AbortController();
    const cancelled = minter.token(impatient.signal);
    const patient = minter.token(signal);
    impatient.abort();
    await assert.rejects(cancelled, (e: TimelineError) => e.kind === 'cancelled');
    assert.match(await patient, /\S/);
    assert.equal(mints(from), 1);
  });

  it('mints again once the stated lifetime has passed', async () => {
    let now = 1_000_000;
    const from = log.length;
    const { minter } = setup({}, () => now);
    const first = await minter.token(signal);
    now += 3_000_000; // 50 minutes of the demo's 3600 s
    assert.equal(await minter.token(signal), first);
    now += 600_000; // past expires_in, less the margin
    const second = await minter.token(signal);
    assert.notEqual(second, first);
    assert.equal(mints(from), 2);
  });
});
