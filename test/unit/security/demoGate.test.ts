import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { PASSPORT_TOKEN_PATH } from '../../../src/demo/passportRoute';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { get } from '../demo/helpers';

const PISMO = '/timeline/v1/timeline';

/** A GET with a Host header of our choosing (fetch does not let one be set). */
function withHost(server: DemoServer, host: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${PISMO}?__fault=too-large`, { headers: { ...headers, host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('security: the demo server obeys only its own clients', () => {
  let server: DemoServer;
  const bearer = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` });

  before(async () => {
    server = await startDemoServer({ eventCount: 100 });
  });

  afterEach(() => server.clearFaults());

  after(() => server.close());

  it('answers nothing but 421 to a Host other than the loopback address it is bound to (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const res = await withHost(server, host, bearer());
      assert.equal(res.status, 421, host);
      assert.ok(res.body.length < 200, 'the fault was played');
    }
    assert.equal((await withHost(server, `localhost:${port}`, {})).status, 401);
  });

  it('checks the token before anything else: without it, no fault is played, from a header, the query or an injection', async () => {
    const anonymous = { authorization: 'Bearer wrong-token' };
    assert.equal((await get(server, { __fault: 'too-large;bytes=60000000' }, anonymous)).status, 401);
    assert.equal((await get(server, {}, { ...anonymous, 'x-demo-fault': 'latency;ms=60000' })).status, 401);
    server.injectFault('500', { path: PISMO });
    assert.equal((await get(server, {}, anonymous)).status, 401);
    assert.equal((await get(server, {}, bearer())).status, 500, 'the injected fault waited for an authenticated request');
    const talent = { 'x-api-key': 'wrong', 'x-api-version': '2025-01-01' };
    assert.equal((await get(server, { __fault: '503' }, talent, '/api/v2/timeline')).status, 401);
  });

  it('plays a fault on the token mint only for a request with the right server key and secret', async () => {
    const mint = (secret: string, fault: string): Promise<Response> =>
      fetch(`${server.url}${PASSPORT_TOKEN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-demo-fault': fault },
        body: JSON.stringify({ server_key: server.serverKey, server_secret: secret, account_id: server.accountId }),
      });
    assert.equal((await mint('wrong', '503')).status, 401);
    assert.equal((await mint(server.serverSecret, '503')).status, 503);
  });

  it('caps every fault option: bytes, delays, counts, and the spec itself', async () => {
    for (const fault of ['too-large;bytes=1e12', 'too-large;bytes=999999999', 'latency;ms=3600000', 'stall;ms=-1', '503;times=1000', '429;retry-after=99999999', `503;key=${'k'.repeat(300)}`]) {
      const res = await get(server, {}, { ...bearer(), 'x-demo-fault': fault });
      assert.equal(res.status, 400, fault);
      assert.match(res.text, /must be (a whole number from|at most)/, fault);
      assert.throws(() => server.injectFault(fault), RangeError, fault);
    }
  });
});
