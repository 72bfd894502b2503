import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { rawText } from '../../../src/core/rawPage';
import { Redactor } from '../../../src/core/redact';
import { Timeline } from '../../../src/core/timeline';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../../src/demo/server';
import { TalentLmsSource, parseTalentPage } from '../../../src/sources/talentlms';

const LIMIT = 100;

/** The seed's mapping table, read from its fixture: API value → the documented label and section. */
function seedTable(): Map<string, { label: string; section: string }> {
  const doc = readFileSync(join(__dirname, '../../../../test/fixtures/talentlms-timeline-mappings.txt'), 'utf8');
  const rows = new Map<string, { label: string; section: string }>();
  let section = '';
  for (const line of doc.split('\n').map((l) => l.trim())) {
    section = /^(.+) events$/.exec(line)?.[1] ?? section;
    const row = /^(.+?)((?:user|course|branch|group|certification|unitprogress|notification|automation|reports)_[a-z_]+)$/.exec(line);
    if (row && section) rows.set(row[2], { label: row[1], section });
  }
  return rows;
}

async function loadAll(timeline: Timeline): Promise<void> {
  for (let i = 0; timeline.hasMore; i++) {
    if (i > 1000) throw new Error('paging never ends');
    await timeline.loadMore();
  }
}

const eventsOf = (timeline: Timeline): TimelineEvent[] => timeline.categories.flatMap((c) => [...c.events]);

async function failure(promise: Promise<unknown>): Promise<TimelineError> {
  const e = await promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
  assert.ok(e instanceof TimelineError, String(e));
  return e;
}

describe('TalentLmsSource against the demo server', () => {
  const servers: DemoServer[] = [];
  const clients: HttpClient[] = [];
  const log: RequestLogEntry[] = [];
  const errors: TimelineError[] = [];
  const delays: number[] = [];
  let server: DemoServer;

  async function start(options: DemoServerOptions = {}): Promise<DemoServer> {
    const s = await startDemoServer(options);
    servers.push(s);
    return s;
  }

  function source(on: DemoServer, options: { apiKey?: string; apiVersion?: string } = {}): TalentLmsSource {
    const http = new HttpClient({
      ...DEFAULT_HTTP_OPTIONS,
      redactor: new Redactor(),
      onRequest: (e) => log.push(e),
      delay: async (ms) => void delays.push(ms),
    });
    clients.push(http);
    const apiKey = options.apiKey ?? on.token;
    return new TalentLmsSource({ baseUrl: new URL(on.url), http, apiKey: async () => apiKey, apiVersion: options.apiVersion ?? '2025-01-01' });
  }

  before(async () => {
    server = await start();
  });

  after(async () => {
    const said = [...log.map((e) => JSON.stringify(e)), ...errors.map((e) => e.message)];
    assert.ok(said.length > 0);
    for (const line of said) for (const s of servers) assert.ok(!line.includes(s.token), `the API key leaked: ${line}`);
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.close()));
  });

  it("pages to the end by following _links.next and agrees with the server's total", async () => {
    const first = (await (await fetch(`${server.url}/api/v2/timeline`, { headers: { 'x-api-key': server.token, 'x-api-version': '2025-01-01' } })).json()) as {
      _meta: { pagination: { total_results: number } };
    };
    const from = log.length;
    const timeline = new Timeline(source(server), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    const events = eventsOf(timeline);
    assert.equal(server.talentEventCount, 1000);
    assert.equal(first._meta.pagination.total_results, server.talentEventCount);
    assert.equal(events.length, server.talentEventCount);
    assert.equal(new Set(events.map((e) => e.id)).size, server.talentEventCount);
    assert.equal(timeline.pageCount, server.talentEventCount / LIMIT);
    // The client writes page[number] encoded; the demo's links keep the brackets: later URLs are the links.
    const urls = log.slice(from).map((e) => e.url);
    assert.match(urls[0], /page%5Bnumber%5D=1/);
    urls.slice(1).forEach((url, k) => assert.ok(url.startsWith(`${server.url}/api/v2/timeline?page[number]=${k + 2}&page[size]=${LIMIT}`), url));
    for (const e of events) assert.equal(String((JSON.parse(rawText(e.raw)) as { id: number }).id), e.id);
  });

  it('pages by number when the server sends only _meta (no _links)', async () => {
    const bare = await start({ talentLinks: false, talentEventCount: 250 });
    const body = await (await fetch(`${bare.url}/api/v2/timeline`, { headers: { 'x-api-key': bare.token, 'x-api-version': '2025-01-01' } })).text();
    assert.ok(!body.includes('_links'));
    const from = log.length;
    const timeline = new Timeline(source(bare), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    assert.equal(timeline.eventCount, 250);
    const urls = log.slice(from).map((e) => new URL(e.url));
    assert.deepEqual(urls.map((u) => u.searchParams.get('page[number]')), ['1', '2', '3']);
    for (const u of urls) assert.equal(u.searchParams.get('page[size]'), String(LIMIT));
  });

  it('labels and groups every documented type as the seed table does', async () => {
    const table = seedTable();
    assert.equal(table.size, 51);
    const timeline = new Timeline(source(server), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    const seen = new Set<string>();
    for (const e of eventsOf(timeline)) {
      const row = table.get(e.type);
      if (!row) continue;
      seen.add(e.type);
      assert.equal(e.label, row.label, e.type);
      assert.equal(e.category, row.section, e.type);
    }
    assert.deepEqual([...seen].sort(), [...table.keys()].sort());
    assert.deepEqual(
      new Set(timeline.categories.map((c) => c.name)),
      new Set(['User', 'Course', 'Branch', 'Group', 'Certification', 'Unit progress', 'Notification', 'Automation', 'Custom report', 'Other']),
    );
  });

  it('still shows unknown types, labelled with their raw API value: under their prefix, else under Other', async () => {
    const timeline = new Timeline(source(server), { limit: LIMIT, maxEmptyPages: 5 });
    await loadAll(timeline);
    const events = eventsOf(timeline);
    const table = seedTable();
    const unknown = events.filter((e) => !table.has(e.type));
    assert.ok(unknown.length >= 3, `only ${unknown.length} unknown events`);
    const webhook = events.find((e) => e.type === 'webhook_fired');
    const archive = events.find((e) => e.type === 'course_archive_course');
    assert.deepEqual([webhook?.category, webhook?.label], ['Other', 'webhook_fired']);
    assert.deepEqual([archive?.category, archive?.label], ['Course', 'course_archive_course']);
    for (const e of unknown) assert.ok(e.label === e.type && e.category.length > 0, e.type);
    // A type that is nothing but a prefix still gets a visible label: itself.
    const page = parseTalentPage(Buffer.from('{"_data":[{"id":1,"event_type":"user_"},{"id":2,"event_type":"reports_"}]}'), (next) => next);
    assert.deepEqual(page.events.map((e) => [e.category, e.label]), [['User', 'user_'], ['Custom report', 'reports_']]);
  });

  it('gives back ids and times exactly as the page writes them, however each is held', () => {
    const items = [
      { id: 7, event_type: 'user_login_user', created_at: '2026-12-01T10:00:00Z' },
      { id: '007', event_type: 'user_login_user', created_at: '2026-12-01T09:00:00+03:00' },
      { id: '-4', event_type: 'course_completion', created_at: '23/08/2020, 05:58:53' },
      { id: '12345678901234567890', event_type: 'course_completion', unix_timestamp: 1700000000 },
      { id: 'ev-é', event_type: 'course_completion', created_at: '2026-12-01T08:00:00Z' },
      { event_type: 'course_completion', created_at: '2026-12-01T07:00:00Z' },
    ];
    // The fifth time's Z written as an escape: its bytes are not its text.
    const body = Buffer.from(JSON.stringify({ _data: items }).replace('08:00:00Z', '08:00:00\\u005a'));
    assert.ok(body.includes('08:00:00\\u005a'));
    const events = parseTalentPage(body, (next) => next).events;
    assert.deepEqual(events.map((e) => e.id).slice(0, 5), ['7', '007', '-4', '12345678901234567890', 'ev-é']);
    assert.deepEqual(events.map((e) => e.timestamp), ['2026-12-01T10:00:00Z', '2026-12-01T09:00:00+03:00', '23/08/2020, 05:58:53', '1700000000', '2026-12-01T08:00:00Z', '2026-12-01T07:00:00Z']);
    assert.ok(events[5].id.includes('2026-12-01T07:00:00Z'), events[5].id);
    assert.deepEqual(events.map((e) => e.category), ['User', 'User', 'Course', 'Course', 'Course', 'Course']);
  });

  it('reports the rate-limit budget with each page, counting down', async () => {
    const limited = await start({ rateLimitPerWindow: 50, talentEventCount: 300 });
    const src = source(limited);
    const signal = new AbortController().signal;
    const first = await src.fetchPage({ limit: LIMIT }, signal);
    const second = await src.fetchPage({ limit: LIMIT, cursor: first.nextCursor }, signal);
    const third = await src.fetchPage({ limit: LIMIT, cursor: second.nextCursor }, signal);
    assert.deepEqual([first, second, third].map((p) => p.rateLimit), [
      { remaining: 49, limit: 50 },
      { remaining: 48, limit: 50 },
      { remaining: 47, limit: 50 },
    ]);
    assert.equal(third.nextCursor, undefined);
  });

  it('turns a bad API key into an auth error, without retrying', async () => {
    const from = log.length;
    const error = await failure(source(server, { apiKey: 'bad-key-1234' }).fetchPage({ limit: LIMIT }, new AbortController().signal));
    errors.push(error);
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.status, 401);
    assert.match(error.message, /^The server rejected the credentials \(401\).*X-API-Key/);
    assert.ok(!error.message.includes('bad-key-1234'));
    assert.equal(log.length - from, 1);
  });

  it('answers an exhausted budget with rateLimited after the client has retried', async () => {
    const limited = await start({ rateLimitPerWindow: 2, talentEventCount: 100 });
    const timeline = new Timeline(source(limited), { limit: 10, maxEmptyPages: 5 });
    await timeline.loadMore();
    await timeline.loadMore();
    assert.deepEqual(timeline.rateLimit, { remaining: 0, limit: 2 });
    const [fromLog, fromDelays] = [log.length, delays.length];
    const error = await failure(timeline.loadMore());
    errors.push(error);
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.details.status, 429);
    assert.equal(error.details.attempts, DEFAULT_HTTP_OPTIONS.retries + 1);
    const attempts = log.slice(fromLog);
    assert.deepEqual(attempts.map((e) => [e.status, e.attempt]), [[429, 1], [429, 2], [429, 3], [429, 4]]);
    assert.equal(delays.length - fromDelays, DEFAULT_HTTP_OPTIONS.retries, 'backoff was asked for, not slept');
    for (const ms of delays.slice(fromDelays)) assert.ok(ms > 0);
    assert.equal(timeline.eventCount, 20, 'loaded pages stay');
    assert.equal(timeline.hasMore, true);
  });

  it('reports a missing X-API-Version as the 400 the server sent, with its reason', async () => {
    const from = log.length;
    const error = await failure(source(server, { apiVersion: '' }).fetchPage({ limit: LIMIT }, new AbortController().signal));
    errors.push(error);
    assert.equal(error.kind, 'http');
    assert.equal(error.details.status, 400);
    assert.match(error.message, /\(400\).*X-API-Version header is required/);
    assert.equal(log.length - from, 1, '400 is not retried');
  });
});
