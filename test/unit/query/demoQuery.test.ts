import * as assert from 'node:assert/strict';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { parseInstant } from '../../../src/core/instant';
import { loadUntil } from '../../../src/core/loadUntil';
import { parseQuery, type Query } from '../../../src/core/query/parse';
import { QueryMatcher } from '../../../src/core/query/queryMatcher';
import { rawText } from '../../../src/core/rawPage';
import { Redactor } from '../../../src/core/redact';
import type { TimelineSource } from '../../../src/core/source';
import { Timeline } from '../../../src/core/timeline';
import { SPANNING_CORRELATION_ID } from '../../../src/demo/pismoScenarios';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';

const LIMIT = 100;

describe('Field queries against the demo server: the filter part sent, the rest matched here', () => {
  let server: DemoServer;
  const clients: HttpClient[] = [];
  const urls: string[] = [];

  before(async () => {
    server = await startDemoServer({ eventCount: 1000 });
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  function http(): HttpClient {
    const client = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), onRequest: (e) => urls.push(e.url) });
    clients.push(client);
    return client;
  }

  const pismo = (): TimelineSource => new PismoSource({ baseUrl: new URL(server.url), http: http(), auth: { token: async () => server.token } });
  const talent = (): TimelineSource => new TalentLmsSource({ baseUrl: new URL(server.url), http: http(), apiKey: async () => server.token, apiVersion: '2025-01-01' });

  function parsed(text: string, timeline?: Timeline): Query {
    const names = timeline && { categories: timeline.categories.map((c) => c.name), types: [...timeline.events()].map((e) => e.type) };
    const query = parseQuery(text, { nowMs: Date.now(), names });
    if ('error' in query) assert.fail(query.error);
    return query;
  }

  /** A timeline reading with the query's filter, to its end; what the query matches among its events. */
  async function run(source: TimelineSource, query: Query): Promise<{ timeline: Timeline; ids: string[] }> {
    const timeline = new Timeline(source, { limit: LIMIT, maxEmptyPages: 3, filter: query.filter });
    const start = parseInstant('2000-01-01', 0);
    if ('error' in start) assert.fail(start.error);
    const result = await loadUntil(timeline, start);
    assert.equal(result.end, 'end');
    const matcher = new QueryMatcher(query);
    return { timeline, ids: [...timeline.events()].filter((e) => matcher.matches(e)).map((e) => e.id) };
  }

  it('finds the demo\'s disputed purchase by category and amount, the category asked of Pismo', async () => {
    const first = new Timeline(pismo(), { limit: 300, maxEmptyPages: 3 });
    await first.loadMore();
    const dispute = first.related(SPANNING_CORRELATION_ID).find((e) => e.category === 'DISPUTE');
    assert.ok(dispute);
    const amount = /"amount":([\d.]+)/.exec(rawText(dispute.raw))?.[1];
    assert.ok(amount);

    urls.length = 0;
    const query = parsed(`category:dispute data.amount:${amount}`, first);
    assert.deepEqual(query.filter, { categories: ['DISPUTE'] });
    const { timeline, ids } = await run(pismo(), query);
    assert.deepEqual(ids, [dispute.id]);
    assert.ok(urls.length > 1 && urls.every((u) => new URL(u).searchParams.get('category') === 'DISPUTE'), urls.join('\n'));
    assert.ok([...timeline.events()].every((e) => e.category === 'DISPUTE'));
  });

  it('finds TalentLMS events by type and a nested name, the type asked of the server', async () => {
    const first = new Timeline(talent(), { limit: LIMIT, maxEmptyPages: 3 });
    await first.loadMore();
    const completion = [...first.events()].find((e) => e.type === 'course_completion');
    assert.ok(completion);
    const name = (JSON.parse(rawText(completion.raw)) as { user: { name: string } }).user.name;

    urls.length = 0;
    const query = parsed(`type:course_completion $.user.name:"${name.toUpperCase()}"`);
    const { timeline, ids } = await run(talent(), query);
    const expected = [...timeline.events()].filter((e) => (JSON.parse(rawText(e.raw)) as { user?: { name?: string } }).user?.name === name).map((e) => e.id);
    assert.ok(expected.includes(completion.id));
    assert.deepEqual(ids, expected);
    assert.ok(urls.every((u) => new URL(u).searchParams.get('filter[event_type][eq]') === 'course_completion'), urls.join('\n'));
    assert.ok([...timeline.events()].every((e) => e.type === 'course_completion'));
  });
});
