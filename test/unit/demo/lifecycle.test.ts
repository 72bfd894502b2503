import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { startDemoServer } from '../../../src/demo/server';
import { page, pageAll } from './helpers';

describe('demo server: lifecycle and scale', () => {
  it('close() ends keep-alive connections and stops listening', async () => {
    const server = await startDemoServer({ eventCount: 10 });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const socket = await new Promise<Socket>((resolve, reject) => {
        const req = http.get(`${server.url}/timeline/v1/timeline`, { agent, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
          assert.equal(res.statusCode, 200);
          res.resume();
          res.on('end', () => resolve(req.socket as Socket));
        });
        req.on('error', reject);
      });
      const closed = once(socket, 'close');
      await server.close();
      await closed;
      await server.close(); // a second close is harmless
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => http.get(server.url, resolve as never).on('error', resolve));
      assert.equal(error.code, 'ECONNREFUSED');
    } finally {
      agent.destroy();
    }
  });

  it('uses the given port and token', async () => {
    const probe = await startDemoServer({ eventCount: 1 });
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const server = await startDemoServer({ port, token: 'tok-123', eventCount: 3 });
    try {
      assert.equal(server.url, `http://127.0.0.1:${port}`);
      assert.equal(server.token, 'tok-123');
      assert.equal((await pageAll(server)).flatMap((p) => p.body.items).length, 3);
    } finally {
      await server.close();
    }
  });

  it('serves an empty timeline and refuses impossible sizes', async () => {
    const server = await startDemoServer({ eventCount: 0 });
    try {
      const p = await page(server);
      assert.deepEqual(p.body, { has_next: false, next_cursor: null, count: 0, items: [] });
    } finally {
      await server.close();
    }
    await assert.rejects(startDemoServer({ eventCount: -1 }), RangeError);
    await assert.rejects(startDemoServer({ eventCount: 1.5 }), RangeError);
  });

  it('serves the far end of 200,000 events on demand', async () => {
    const server = await startDemoServer({ eventCount: 200_000 });
    try {
      const oldest = await page(server, { order: 'asc', limit: '5' });
      const newest = await page(server, { limit: '5' });
      assert.equal(oldest.body.count, 5);
      assert.ok(oldest.body.items[0].timestamp < newest.body.items[4].timestamp);
      for (let i = 1; i < 5; i++) assert.ok(oldest.body.items[i - 1].timestamp < oldest.body.items[i].timestamp);
      const next = await page(server, { order: 'asc', limit: '5', cursor: oldest.body.next_cursor ?? '' });
      assert.ok(next.body.items[0].timestamp > oldest.body.items[4].timestamp);
      const years = (Date.parse(newest.body.items[0].timestamp) - Date.parse(oldest.body.items[0].timestamp)) / 3.15e10;
      assert.ok(years > 2 && years < 3.5, `spans ${years} years`);
    } finally {
      await server.close();
    }
  });
});
