import * as assert from 'node:assert/strict';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { MINT, bearer, get, itemsOf, mintToken, page, pageAll, post, tokenFor } from './helpers';

const CURSOR_ERROR = /cursor/;

describe('demo server: a tenant of many accounts', () => {
  let server: DemoServer;
  const mint = (body: Record<string, unknown>, s = server): ReturnType<typeof post> => post(s, MINT, JSON.stringify(body), { 'content-type': 'application/json' });
  const keys = (s = server): Record<string, unknown> => ({ server_key: s.serverKey, server_secret: s.serverSecret });

  before(async () => {
    server = await startDemoServer({ eventCount: 600 });
  });
  after(() => server.close());

  it('holds 12 accounts from 4242001 by default, each with an external id', () => {
    assert.deepEqual(server.accountIds, Array.from({ length: 12 }, (_, i) => String(4242001 + i)));
    assert.equal(server.accountId, '4242001');
    assert.equal(server.externalId('4242003'), 'EXT-4242003');
    assert.throws(() => server.externalId('4242013'), RangeError);
    assert.throws(() => server.mintsFor('999'), RangeError);
    assert.throws(() => server.customEventCount('x'), RangeError);
  });

  it('takes 1 to 1,000 accounts and refuses other counts', async () => {
    for (const [accounts, last] of [[1, '4242001'], [1000, '4243000']] as const) {
      const s = await startDemoServer({ eventCount: 1, accounts });
      try {
        assert.equal(s.accountIds.length, accounts);
        assert.equal(s.accountIds[accounts - 1], last);
        if (accounts === 1000) assert.equal(itemsOf(await pageAll(s, {}, 'cursor', await tokenFor(s, last))).length, 300);
      } finally {
        await s.close();
      }
    }
    for (const options of [{ accounts: 0 }, { accounts: 1001 }, { accounts: 1.5 }, { otherAccountEventCount: -1 }, { accountId: '0042' }]) {
      await assert.rejects(startDemoServer(options), RangeError, JSON.stringify(options));
    }
  });

  it('serves account 4242001 to a minted token exactly as to the main token', async () => {
    const minted = await tokenFor(server, '4242001');
    const [byMain, byMinted] = await Promise.all([pageAll(server, { limit: '97' }), pageAll(server, { limit: '97' }, 'cursor', minted)]);
    assert.deepEqual(byMinted.map((p) => p.text), byMain.map((p) => p.text));
    assert.equal(itemsOf(byMain).length, 600);
    assert.ok(itemsOf(byMain).every((i) => i.account_id === 4242001));
  });

  it("gives every other account its own timeline, whose items carry that account's id", async () => {
    const [three, four] = await Promise.all(['4242003', '4242004'].map(async (id) => pageAll(server, { limit: '120' }, 'cursor', await tokenFor(server, id))));
    for (const [id, pages] of [['4242003', three], ['4242004', four]] as const) {
      const items = itemsOf(pages);
      assert.equal(items.length, 300, 'otherAccountEventCount defaults to 300');
      for (const text of pages.flatMap((p) => p.itemTexts)) assert.ok(text.includes(`"account_id":${id},`), 'account_id is a JSON integer');
      for (const item of items) assert.equal(item.tenant_account_timestamp, `TN-demo::${id}::${item.timestamp}`);
      for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].timestamp > items[i].timestamp, `${id}: not newest first at ${i}`);
    }
    const timestamps = new Set(itemsOf(three).map((i) => i.timestamp));
    assert.ok(itemsOf(four).filter((i) => timestamps.has(i.timestamp)).length < 3, 'each account has its own events');
  });

  it('seeds each account from (seed, account): the same seed gives the same bytes, another seed others', async () => {
    const twin = await startDemoServer({ eventCount: 600 });
    const other = await startDemoServer({ eventCount: 600, seed: 7 });
    const few = await startDemoServer({ eventCount: 600, otherAccountEventCount: 40 });
    try {
      const firstPage = async (s: DemoServer): Promise<string> => (await page(s, { limit: '300' }, await tokenFor(s, '4242009'))).text;
      const [a, b, c] = await Promise.all([server, twin, other].map(firstPage));
      assert.equal(b, a);
      assert.notEqual(c, a);
      assert.equal(await firstPage(server), a, 'built once, then served the same');
      assert.equal(itemsOf(await pageAll(few, {}, 'cursor', await tokenFor(few, '4242009'))).length, 40);
    } finally {
      await Promise.all([twin.close(), other.close(), few.close()]);
    }
  });

  it("answers 400 to a cursor of another account's timeline", async () => {
    const [three, four] = await Promise.all([tokenFor(server, '4242003'), tokenFor(server, '4242004')]);
    const threeCursor = (await page(server, { limit: '5' }, three)).body.next_cursor ?? '';
    const mainCursor = (await page(server, { limit: '5' })).body.next_cursor ?? '';
    for (const [cursor, token] of [[threeCursor, four], [threeCursor, server.token], [mainCursor, three]]) {
      const res = await get(server, { cursor }, bearer(token));
      assert.equal(res.status, 400);
      assert.match((JSON.parse(res.text) as { message: string }).message, CURSOR_ERROR);
    }
    assert.equal((await get(server, { cursor: threeCursor }, bearer(three))).status, 200);
  });

  it('appends events to account 4242001 only', async () => {
    const s = await startDemoServer({ eventCount: 10, otherAccountEventCount: 10 });
    try {
      const other = await tokenFor(s, '4242002');
      s.appendEvents(4);
      assert.equal(itemsOf(await pageAll(s)).length, 14);
      assert.equal(itemsOf(await pageAll(s, {}, 'cursor', other)).length, 10);
    } finally {
      await s.close();
    }
  });

  it('mints for any account of the tenant, by account_id (text or integer) or external_account_id', async () => {
    for (const account of [{ account_id: '4242012' }, { account_id: 4242012 }, { external_account_id: 'EXT-4242012' }]) {
      const token = await mintToken(server, account);
      const top = await page(server, { limit: '1' }, token);
      assert.equal(top.body.items[0].account_id, 4242012, JSON.stringify(account));
    }
    for (const account of [{ account_id: '4242013' }, { account_id: 4242000 }, { external_account_id: 'EXT-4242013' }, { external_account_id: '4242002' }, { external_account_id: 'ext-4242002' }]) {
      const res = await mint({ ...keys(), ...account });
      assert.equal(res.status, 403, JSON.stringify(account));
      assert.equal(typeof (JSON.parse(res.text) as { message: unknown }).message, 'string');
    }
  });

  it('answers 400 to a body with both account fields, neither, or an odd external id', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ account_id: '4242002', external_account_id: 'EXT-4242002' }, /not both/],
      [{}, /account_id or external_account_id is required/],
      [{ external_account_id: '' }, /external_account_id/],
      [{ external_account_id: 4242002 }, /external_account_id/],
    ];
    for (const [account, message] of cases) {
      const res = await mint({ ...keys(), ...account });
      assert.equal(res.status, 400, JSON.stringify(account));
      assert.match((JSON.parse(res.text) as { message: string }).message, message);
    }
  });

  it("takes the secret as server_secret or secret_key by default; if both are sent, both must be right", async () => {
    const base = { server_key: server.serverKey, account_id: '4242002' };
    assert.equal((await mint({ ...base, server_secret: server.serverSecret })).status, 200);
    assert.equal((await mint({ ...base, secret_key: server.serverSecret })).status, 200);
    assert.equal((await mint({ ...base, server_secret: server.serverSecret, secret_key: server.serverSecret })).status, 200);
    assert.equal((await mint({ ...base, server_secret: server.serverSecret, secret_key: 'wrong' })).status, 401);
    const neither = await mint(base);
    assert.equal(neither.status, 400);
    assert.deepEqual(JSON.parse(neither.text), { message: 'server_secret or secret_key is required' });
  });

  it('requires the one secret field mintSecretField names, with a 400 naming it', async () => {
    for (const [field, other] of [['secret_key', 'server_secret'], ['server_secret', 'secret_key']] as const) {
      const s = await startDemoServer({ eventCount: 1, mintSecretField: field });
      try {
        const base = { server_key: s.serverKey, account_id: s.accountId };
        const missing = await mint({ ...base, [other]: s.serverSecret }, s);
        assert.equal(missing.status, 400, field);
        assert.deepEqual(JSON.parse(missing.text), { message: `${field} is required` });
        assert.equal((await mint({ ...base, [field]: s.serverSecret }, s)).status, 200, field);
        assert.equal((await mint({ ...base, [field]: 'wrong' }, s)).status, 401, field);
      } finally {
        await s.close();
      }
    }
    await assert.rejects(startDemoServer({ mintSecretField: 'client_secret' as never }), RangeError);
  });

  it('counts the tokens minted per account, s2s and OAuth together, from start', async () => {
    const s = await startDemoServer({ eventCount: 1 });
    try {
      const oauth = (uid?: string): ReturnType<typeof post> => {
        const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: s.serverKey, client_secret: s.serverSecret, scope: 'pismo-v1:timeline:r', ...(uid ? { uid } : {}) });
        return post(s, '/passport/v2/oauth/token', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      };
      assert.deepEqual(s.accountIds.map((id) => s.mintsFor(id)), Array<number>(12).fill(0));
      await tokenFor(s, '4242003');
      await mintToken(s, { external_account_id: 'EXT-4242003' });
      assert.equal((await oauth('4242003')).status, 200);
      assert.equal((await oauth()).status, 200); // tenant-wide: no account's
      assert.equal((await mint({ ...keys(s), account_id: '4242003', server_secret: 'wrong' }, s)).status, 401);
      await get(s); // the main token is not minted
      s.revokeMintedTokens();
      assert.equal(s.mintsFor('4242003'), 3);
      assert.equal(s.mintsFor('4242001'), 0);
      assert.equal(s.mintsFor('4242004'), 0);
    } finally {
      await s.close();
    }
  });
});
