import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { type AccountRef, type MintSecretField, PismoOAuthMinter, PismoTokenMinter } from '../../../src/sources/pismoAuth';
import { checkCustomEvent, customEventDocument, postCustomEvent } from '../../../src/sources/pismoCustomEvent';

const TIMELINE = '/timeline/v1/timeline';

describe('Pismo tenants: a token per account, OAuth, the mint body and custom events, against the demo server', () => {
  let server: DemoServer;
  let strict: DemoServer;
  const log: RequestLogEntry[] = [];
  const notes: string[] = [];
  const minted: string[] = [];
  const clients: HttpClient[] = [];
  const signal = new AbortController().signal;

  function client(): HttpClient {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: (e) => log.push(e), delay: async () => {} });
    clients.push(http);
    return http;
  }
  const hooks = { onToken: (t: string) => minted.push(t), onNote: (line: string) => notes.push(line) };

  function s2s(account: AccountRef, s = server, secretField?: MintSecretField): { minter: PismoTokenMinter; source: PismoSource; http: HttpClient } {
    const http = client();
    const baseUrl = new URL(s.url);
    const minter = new PismoTokenMinter(baseUrl, http, async () => ({ serverKey: s.serverKey, serverSecret: s.serverSecret, ...account, secretField }), hooks);
    return { minter, http, source: new PismoSource({ baseUrl, http, auth: minter }) };
  }

  function oauth(accountId: string, clientSecret = server.serverSecret, scope = 'pismo-v1:timeline:r'): { minter: PismoOAuthMinter; source: PismoSource; http: HttpClient } {
    const http = client();
    const baseUrl = new URL(server.url);
    const minter = new PismoOAuthMinter(baseUrl, http, async () => ({ clientId: server.serverKey, clientSecret, scope, accountId }), hooks);
    return { minter, http, source: new PismoSource({ baseUrl, http, auth: minter }) };
  }

  const accountsOf = async (source: PismoSource): Promise<Set<string | undefined>> => new Set((await source.fetchPage({ limit: 20 }, signal)).events.map((e) => e.accountId));

  before(async () => {
    server = await startDemoServer({ eventCount: 200, accounts: 5, otherAccountEventCount: 50 });
    strict = await startDemoServer({ eventCount: 20, accounts: 3, mintSecretField: 'secret_key' });
  });

  after(async () => {
    const secrets = [server.token, server.serverKey, server.serverSecret, strict.serverSecret, ...minted];
    for (const line of [...log.map((e) => JSON.stringify(e)), ...notes]) for (const s of secrets) assert.ok(!line.includes(s), `a secret leaked: ${line}`);
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([server.close(), strict.close()]);
  });

  it('reads three accounts of one tenant with one server key, each with its own token and its own events', async () => {
    const ids = server.accountIds.slice(0, 3);
    const sources = ids.map((accountId) => s2s({ accountId }));
    for (const [i, { source }] of sources.entries()) assert.deepEqual([...(await accountsOf(source))], [ids[i]]);
    const tokens = await Promise.all(sources.map(({ minter }) => minter.token(signal)));
    assert.equal(new Set(tokens).size, 3, 'each account has a token of its own');
    for (const id of ids) assert.equal(server.mintsFor(id), 1, `account ${id} minted once, its token kept`);
  });

  it('mints for an external account id', async () => {
    const accountId = server.accountIds[3];
    const { source } = s2s({ accountId: server.externalId(accountId), external: true });
    assert.deepEqual([...(await accountsOf(source))], [accountId]);
  });

  it('sends the other documented mint body once, on a 400 naming the field, and says which worked', async () => {
    const from = log.length;
    const { minter, source } = s2s({ accountId: strict.accountIds[1] }, strict);
    assert.equal((await source.fetchPage({ limit: 5 }, signal)).events.length, 5);
    const posts = log.slice(from).filter((e) => e.method === 'POST').map((e) => e.status);
    assert.deepEqual(posts, [400, 200]);
    assert.match(notes[notes.length - 1], /"secret_key", not "server_secret"/);
    // a renewal goes straight to the body that worked
    const renewFrom = log.length;
    await minter.renew(signal);
    assert.deepEqual(log.slice(renewFrom).filter((e) => e.method === 'POST').map((e) => e.status), [200]);
  });

  it('does not loop when the secret is wrong: one mint, one auth error', async () => {
    const from = log.length;
    const http = client();
    const minter = new PismoTokenMinter(new URL(server.url), http, async () => ({ serverKey: server.serverKey, serverSecret: `x${server.serverSecret.slice(1)}`, accountId: server.accountIds[0] }), hooks);
    const source = new PismoSource({ baseUrl: new URL(server.url), http, auth: minter });
    await assert.rejects(source.fetchPage({ limit: 5 }, signal), (e: TimelineError) => e.kind === 'auth' && /server key and secret/.test(e.message));
    assert.equal(log.slice(from).length, 1);
  });

  it('mints OAuth client-credentials tokens per account with the scope, and renews after a 401', async () => {
    const id = server.accountIds[2];
    const { minter, source } = oauth(id);
    assert.deepEqual([...(await accountsOf(source))], [id]);
    assert.equal(server.lastOAuthScope, 'pismo-v1:timeline:r');
    const first = await minter.token(signal);
    server.revokeMintedTokens();
    const from = log.length;
    await source.fetchPage({ limit: 5 }, signal);
    assert.deepEqual(log.slice(from).map((e) => [e.method, e.status]), [['GET', 401], ['POST', 200], ['GET', 200]]);
    assert.notEqual(await minter.token(signal), first);
  });

  it('refuses a wrong OAuth client secret once, as an auth error naming the client', async () => {
    const from = log.length;
    const { source } = oauth(server.accountIds[0], 'wrong-secret');
    await assert.rejects(source.fetchPage({ limit: 5 }, signal), (e: TimelineError) => e.kind === 'auth' && /OAuth client/.test(e.message));
    assert.deepEqual(log.slice(from).map((e) => [e.method, e.status]), [['POST', 401]]);
  });

  describe('custom events', () => {
    const draftOf = (text: string) => {
      const { draft, problems } = checkCustomEvent(text);
      assert.ok(draft, JSON.stringify(problems));
      return draft;
    };

    it('posts the document as written, and the event appears at the top of that account only', async () => {
      const id = server.accountIds[4];
      const { minter, source, http } = s2s({ accountId: id });
      const text = customEventDocument({ type: 'PING', category: 'INTEGRATION_TEST', dataJson: '{"amount":12345678901234567890,"rate":1.10}', correlationId: '0f8e2f7a-7d1c-4b8e-9d6a-1a2b3c4d5e6f' });
      const answer = await postCustomEvent(new URL(server.url), http, minter, draftOf(text), signal);
      assert.equal(answer.status, 201);
      assert.ok(answer.eventId?.startsWith(`TN-demo::${id}::`), answer.body);
      assert.match(answer.body, /"amount":\s*12345678901234567890\b/, 'data kept digit for digit');
      assert.match(answer.body, /"rate":\s*1\.10\b/);
      const top = (await source.fetchPage({ limit: 1 }, signal)).events[0];
      assert.equal(top.id, answer.eventId);
      assert.equal(top.correlationId, '0f8e2f7a-7d1c-4b8e-9d6a-1a2b3c4d5e6f');
      assert.equal(server.customEventCount(id), 1);
      assert.equal(server.customEventCount(server.accountIds[0]), 0);
    });

    it('says what the server refused (a 400), and does not send a 5xx again', async () => {
      const { minter, http } = s2s({ accountId: server.accountIds[1] });
      const base = new URL(server.url);
      await assert.rejects(postCustomEvent(base, http, minter, { type: 'X', category: 'Y', text: '{"type":"X","category":"Y","extra":1}' }, signal), (e: TimelineError) => e.details.status === 400 && /extra/.test(e.message));
      const before = server.customEventCount(server.accountIds[1]);
      server.injectFault('503', { path: TIMELINE });
      const from = log.length;
      await assert.rejects(postCustomEvent(base, http, minter, draftOf('{"type":"X","category":"Y"}'), signal), (e: TimelineError) => e.kind === 'server');
      assert.deepEqual(log.slice(from).filter((e) => e.method === 'POST').map((e) => e.status), [503], 'a write is sent once');
      assert.equal(server.customEventCount(server.accountIds[1]), before);
    });

    it('checks a document as the user types: JSON, the required fields, unknown keys as warnings', () => {
      assert.equal(checkCustomEvent('{"type":"A",').problems[0].severity, 'error');
      const missing = checkCustomEvent('{"category":"C"}');
      assert.equal(missing.draft, undefined);
      assert.match(missing.problems[0].message, /"type" is required/);
      const empty = checkCustomEvent('{"type":"","category":"C"}');
      assert.match(empty.problems[0].message, /"type" must be a non-empty string/);
      assert.equal(empty.problems[0].start, '{"type":'.length);
      const extra = checkCustomEvent('{"type":"A","category":"C","note":1}');
      assert.ok(extra.draft);
      assert.deepEqual(extra.problems.map((p) => p.severity), ['warning']);
      assert.match(checkCustomEvent('{"type":"A","type":"B","category":"C"}').problems[0].message, /given twice/);
      assert.match(checkCustomEvent(`{"type":"A","category":"C","data":"${'x'.repeat(1_048_600)}"}`).problems[0].message, /at most 1 MB/);
    });

    it('prefills a document whose data keeps every digit and a correlation id', () => {
      const text = customEventDocument({ type: 'T', category: 'C', dataJson: '{"n":9007199254740993}', correlationId: 'abc' });
      const draft = draftOf(text);
      assert.equal(draft.correlationId, 'abc');
      assert.ok(text.includes('"n": 9007199254740993'), text);
    });
  });
});
