import * as assert from 'node:assert/strict';
import { Redactor } from '../../../src/core/redact';
import { FAULTS } from '../../../src/demo/faults';
import { PASSPORT_TOKEN_PATH } from '../../../src/demo/passportRoute';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoTokenMinter } from '../../../src/sources/pismoAuth';
import { type Rig, rig, settle } from './harness';

/** Secrets with the characters URLs and forms encode, so their encoded forms are checked too. */
const KEY = 'sk_live/Ab+Cd=Ef~42xyz';
const SERVER_SECRET = 'ss/Secret+Value=9~z';
const forms = (secret: string): string[] => [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
const ECHO = '••••';

describe('faults: no secret in any error message or request log entry, whatever the server does', () => {
  let server: DemoServer;
  const said: string[] = [];
  const rigs: Rig[] = [];

  before(async () => {
    server = await startDemoServer({ eventCount: 500, token: KEY, serverSecret: SERVER_SECRET });
  });

  after(async () => {
    await Promise.all(rigs.map((r) => r.http.close()));
    await server.close();
  });

  it('through every fault mode on the timeline: the key as the bearer token and in the query, echoed back', async () => {
    for (const mode of Object.keys(FAULTS)) {
      const redactor = new Redactor();
      redactor.add(KEY);
      const query = new URLSearchParams({ sig: KEY, api_key: KEY, __fault: `${mode};echo` });
      const r = rig(server, { baseUrl: `${server.url}/?${query}`, redactor });
      rigs.push(r);
      // A second page for the paging faults, which spare the first.
      for (let i = 0; i < 2 && !r.timeline.error; i++) {
        const result = await settle(r.timeline.loadMore());
        if ('error' in result) said.push(String((result.error as Error).message));
      }
      said.push(r.timeline.error?.message ?? '', ...r.log.map((e) => JSON.stringify(e)));
    }
    assertNoSecret(said, KEY);
    assert.ok(said.filter((s) => s.includes(`Bearer ${ECHO}`)).length >= 7, 'the echoing statuses were not shown, masked');
  });

  it('through every fault mode on token minting: the server secret in the POST body, echoed back', async () => {
    const lines: string[] = [];
    for (const mode of Object.keys(FAULTS)) {
      const redactor = new Redactor();
      for (const secret of [server.serverKey, SERVER_SECRET]) redactor.add(secret);
      const r = rig(server, { redactor });
      rigs.push(r);
      const credentials = async (): Promise<{ serverKey: string; serverSecret: string; accountId: string }> => ({
        serverKey: server.serverKey,
        serverSecret: SERVER_SECRET,
        accountId: server.accountId,
      });
      const minter = new PismoTokenMinter(new URL(server.url), r.http, credentials, { onToken: (token) => redactor.add(token) });
      server.injectFault(`${mode};echo`, { path: PASSPORT_TOKEN_PATH });
      const result = await settle(minter.token(new AbortController().signal));
      server.clearFaults();
      if ('error' in result) lines.push(String((result.error as Error).message));
      lines.push(...r.log.map((e) => JSON.stringify(e)));
    }
    assertNoSecret(lines, SERVER_SECRET);
    assertNoSecret(lines, server.serverKey);
    assert.ok(lines.some((s) => s.includes(`server_secret":"${ECHO}`)), 'no echoed body was shown, masked');
  });
});

function assertNoSecret(lines: readonly string[], secret: string): void {
  assert.ok(lines.length > 0);
  for (const line of lines) for (const form of forms(secret)) assert.ok(!line.includes(form), `a secret leaked: ${line}`);
}
