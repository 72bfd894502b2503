import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../../src/demo/server';
import { TalentTimeline } from '../../../src/demo/talentlmsData';
import { RateLimiter } from '../../../src/demo/talentlmsRateLimit';

const PATH = '/api/v2/timeline';

interface Ref {
  id: number;
  name: string;
}
interface TalentItem {
  id: number;
  event_type: string;
  created_at: string;
  user: Ref;
  course?: Ref;
  group?: Ref;
  branch?: Ref;
  unit?: Ref;
}
interface Envelope {
  _data: TalentItem[];
  _links?: Record<'self' | 'first' | 'last' | 'prev' | 'next', string | null>;
  _meta: { pagination: { page: number; page_size: number; total_items: number; total_pages: number; total_results: number } };
}
interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

/** The seed table's 51 API values, read from its fixture (not from any code under test). */
function seedApiValues(): Set<string> {
  const doc = readFileSync(join(__dirname, '../../../../test/fixtures/talentlms-timeline-mappings.txt'), 'utf8');
  const values = doc.split('\n').map((l) => /((?:user|course|branch|group|certification|unitprogress|notification|automation|reports)_[a-z_]+)$/.exec(l.trim())?.[1]);
  return new Set(values.filter((v): v is string => v !== undefined));
}

/** The top-level elements of `_data`, as text, by a quote- and depth-aware scan. */
function dataItems(body: string): string[] {
  const start = body.indexOf('"_data":[') + '"_data":['.length;
  const items: string[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < body.length; i++) {
    const c = body[i];
    if (c === '"') for (i++; body[i] !== '"'; i++) i += body[i] === '\\' ? 1 : 0;
    else if (c === '{' || c === '[') from = depth++ === 0 ? i : from;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      if (--depth === 0) items.push(body.slice(from, i + 1));
    }
  }
  return items;
}

describe('demo server: TalentLMS timeline', () => {
  let server: DemoServer;
  const extra: DemoServer[] = [];
  let all: TalentItem[];
  let pages: Envelope[];

  const headersFor = (s: DemoServer): Record<string, string> => ({ 'x-api-key': s.token, 'x-api-version': '2025-01-01', accept: 'application/json' });

  async function get(s: DemoServer, query = '', headers = headersFor(s)): Promise<Answer> {
    const res = await fetch(`${s.url}${PATH}${query}`, { headers });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  async function ok(s: DemoServer, query = ''): Promise<Envelope> {
    const res = await get(s, query);
    assert.equal(res.status, 200, res.text);
    return JSON.parse(res.text) as Envelope;
  }

  async function followAll(s: DemoServer, query: string): Promise<Envelope[]> {
    const out = [await ok(s, query)];
    for (let next = out[0]._links?.next; next; next = out[out.length - 1]._links?.next) {
      assert.ok(next.startsWith(`${s.url}${PATH}?`), next);
      out.push(await ok(s, next.slice(`${s.url}${PATH}`.length)));
      if (out.length > 10_000) throw new Error('paging never ends');
    }
    return out;
  }

  async function start(options: DemoServerOptions): Promise<DemoServer> {
    const s = await startDemoServer(options);
    extra.push(s);
    return s;
  }

  before(async () => {
    server = await startDemoServer();
    pages = await followAll(server, '?page[size]=100');
    all = pages.flatMap((p) => p._data);
  });
  after(async () => {
    await server.close();
    await Promise.all(extra.map((s) => s.close()));
  });

  it('serves 1,000 events by default, each once, newest first, in the v2 envelope', () => {
    assert.equal(server.talentEventCount, 1000);
    assert.equal(all.length, 1000);
    assert.equal(pages.length, 10);
    assert.equal(new Set(all.map((i) => i.id)).size, 1000);
    for (let k = 1; k < all.length; k++) assert.ok(all[k - 1].created_at > all[k].created_at, `not descending at ${k}`);
    for (const item of all) assert.match(item.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    pages.forEach((p, k) => assert.deepEqual(p._meta.pagination, { page: k + 1, page_size: 100, total_items: 1000, total_pages: 10, total_results: 1000 }));
  });

  it('holds every API value of the seed table at least once, and a few unknown types', () => {
    const documented = seedApiValues();
    assert.equal(documented.size, 51);
    const served = new Set(all.map((i) => i.event_type));
    for (const value of documented) assert.ok(served.has(value), `${value} never appears`);
    const unknown = new Set([...served].filter((t) => !documented.has(t)));
    assert.ok(unknown.has('webhook_fired') && unknown.has('course_archive_course'), [...unknown].join());
    for (let seed = 1; seed <= 25; seed++) {
      const timeline = new TalentTimeline(seed, 1000);
      const types = new Set(Array.from({ length: 1000 }, (_, i) => timeline.typeAt(i)));
      for (const value of documented) assert.ok(types.has(value), `seed ${seed} never serves ${value}`);
    }
  });

  it('shapes items like the v2 notes: id, event_type, created_at, user, and the related entities', async () => {
    const isRef = (r: Ref | undefined): boolean => !!r && Number.isInteger(r.id) && typeof r.name === 'string' && r.name.length > 0;
    for (const item of all) {
      const t = item.event_type;
      assert.ok(Number.isInteger(item.id) && isRef(item.user), t);
      assert.equal(isRef(item.unit), t.startsWith('unitprogress_'), t);
      assert.equal(isRef(item.branch), t.startsWith('branch_'), t);
      assert.equal(isRef(item.group), t.startsWith('group_'), t);
      if (/^(course|certification|unitprogress)_|_course$/.test(t)) assert.ok(isRef(item.course), t);
    }
    // Names with quotes, backslashes and emoji are escaped in the text and come back intact.
    const text = (await get(server, '?page[size]=100')).text;
    const names = new Set(all.flatMap((i) => (i.course ? [i.course.name] : [])));
    assert.ok(names.has('The "Hands-on" Git Workshop') && names.has('Paths & Shares: C:\\Users\\Public') && names.has('Launch Readiness 🚀'));
    const items = dataItems(text);
    assert.equal(items.length, 100);
    items.forEach((t, k) => assert.deepEqual(JSON.parse(t), all[k]));
  });

  it('links pages with absolute URLs on the host that was called; next is null on the last page', async () => {
    const base = `${server.url}${PATH}`;
    const first = pages[0]._links;
    assert.deepEqual(first, {
      self: `${base}?page[number]=1&page[size]=100`,
      first: `${base}?page[number]=1&page[size]=100`,
      last: `${base}?page[number]=10&page[size]=100`,
      prev: null,
      next: `${base}?page[number]=2&page[size]=100`,
    });
    assert.equal(pages[9]._links?.next, null);
    assert.equal(pages[9]._links?.prev, `${base}?page[number]=9&page[size]=100`);
    // Called as localhost (node:http lets the Host header be set), the links say localhost too.
    const port = new URL(server.url).port;
    const viaLocalhost = await new Promise<string>((resolve, reject) => {
      const req = http.get(`${server.url}${PATH}`, { headers: { ...headersFor(server), host: `localhost:${port}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
    assert.equal((JSON.parse(viaLocalhost) as Envelope)._links?.next, `http://localhost:${port}${PATH}?page[number]=2&page[size]=20`);
  });

  it('pages by page[number] and page[size]: default 20, at most 100, an empty page past the end', async () => {
    const byDefault = await ok(server);
    assert.equal(byDefault._data.length, 20);
    assert.equal(byDefault._meta.pagination.page_size, 20);
    assert.equal(byDefault._meta.pagination.total_pages, 50);
    const third = await ok(server, '?page[number]=3&page[size]=7');
    assert.deepEqual(third._data.map((i) => i.id), all.slice(14, 21).map((i) => i.id));
    const past = await ok(server, '?page[number]=11&page[size]=100');
    assert.deepEqual(past._data, []);
    assert.equal(past._links?.next, null);
    assert.equal(past._links?.prev, `${server.url}${PATH}?page[number]=10&page[size]=100`);
    for (const query of ['?page[size]=101', '?page[size]=0', '?page[size]=ten', '?page[number]=0', '?page[number]=-1', '?page[numbr]=2']) {
      const res = await get(server, query);
      assert.equal(res.status, 400, query);
      const body = JSON.parse(res.text) as { type: string; message: string };
      assert.equal(body.type, 'invalid_request_error');
      assert.match(body.message, /page\[/, query);
    }
  });

  it('filters by event type and by an inclusive created_at range, and keeps the filters in its links', async () => {
    const type = 'course_completion';
    const byType = await followAll(server, `?page[size]=5&filter[event_type][eq]=${type}`);
    const expected = all.filter((i) => i.event_type === type);
    assert.ok(expected.length > 5);
    assert.deepEqual(byType.flatMap((p) => p._data), expected);
    assert.equal(byType[0]._meta.pagination.total_results, expected.length);
    assert.equal(byType[0]._meta.pagination.total_items, 1000);
    assert.match(byType[0]._links?.next ?? '', /&filter\[event_type\]\[eq\]=course_completion$/);

    const [lte, gte] = [all[100].created_at, all[200].created_at];
    const range = await followAll(server, `?page[size]=100&filter[created_at][gte]=${gte}&filter[created_at][lte]=${lte}`);
    assert.deepEqual(range.flatMap((p) => p._data).map((i) => i.id), all.slice(100, 201).map((i) => i.id));
    const unix = Date.parse(gte) / 1000;
    const sinceUnix = await followAll(server, `?page[size]=100&filter[created_at][gte]=${unix}`);
    assert.equal(sinceUnix.flatMap((p) => p._data).length, 201);
    const day = all[0].created_at.slice(0, 10); // bare dates: from the start of gte's day to the end of lte's
    const sameDay = await followAll(server, `?page[size]=100&filter[created_at][gte]=${day}&filter[created_at][lte]=${day}`);
    assert.deepEqual(sameDay.flatMap((p) => p._data), all.filter((i) => i.created_at.startsWith(day)));
    assert.ok(sameDay[0]._data.length > 1);
    const none = await ok(server, '?filter[event_type][eq]=no_such_type');
    assert.deepEqual([none._data, none._meta.pagination.total_pages, none._links?.next], [[], 0, null]);

    for (const query of ['?filter[created_at][gte]=yesterday', '?filter[event_type][like]=course', '?filter[user_id][eq]=1']) {
      const res = await get(server, query);
      assert.equal(res.status, 400, query);
      assert.equal((JSON.parse(res.text) as { type: string }).type, 'invalid_request_error');
    }
  });

  it('answers 401 in the v2 error shape for a missing or wrong X-API-Key', async () => {
    const attempts: Record<string, string>[] = [
      { 'x-api-version': '2025-01-01' },
      { 'x-api-key': 'wrong', 'x-api-version': '2025-01-01' },
      { 'x-api-key': `${server.token}x`, 'x-api-version': '2025-01-01' },
      { authorization: `Bearer ${server.token}`, 'x-api-version': '2025-01-01' },
    ];
    for (const headers of attempts) {
      const res = await get(server, '', headers);
      assert.equal(res.status, 401);
      const body = JSON.parse(res.text) as { type: string; message: string };
      assert.equal(body.type, 'invalid_request_error');
      assert.match(body.message, /API key/);
      assert.ok(!res.text.includes(server.token));
    }
  });

  it('requires X-API-Version (400 with a message) and answers JSON only', async () => {
    for (const [headers, message] of [
      [{ 'x-api-key': server.token }, /X-API-Version header is required/],
      [{ 'x-api-key': server.token, 'x-api-version': 'latest' }, /X-API-Version must be a date/],
    ] as const) {
      const res = await get(server, '', headers);
      assert.equal(res.status, 400);
      assert.match((JSON.parse(res.text) as { message: string }).message, message);
    }
    assert.equal((await get(server, '', { ...headersFor(server), accept: 'text/html' })).status, 406);
    assert.equal((await get(server, '', { ...headersFor(server), accept: 'text/html, application/*;q=0.8' })).status, 200);
  });

  it('counts calls in X-RateLimit-* headers and answers 429 without Retry-After once spent', async () => {
    const limited = await start({ rateLimitPerWindow: 3, talentEventCount: 10 });
    const seen: [number, string | null, string | null][] = [];
    const note = (r: Answer): number => seen.push([r.status, r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')]);
    for (let k = 0; k < 3; k++) note(await get(limited));
    note(await get(limited, '', { 'x-api-key': 'wrong', 'x-api-version': '2025-01-01' })); // not counted
    const spent = await get(limited);
    note(spent);
    assert.deepEqual(seen, [
      [200, '3', '2'],
      [200, '3', '1'],
      [200, '3', '0'],
      [401, '3', '0'],
      [429, '3', '0'],
    ]);
    assert.equal(spent.headers.get('retry-after'), null);
    assert.equal((JSON.parse(spent.text) as { type: string }).type, 'invalid_request_error');
  });

  it('leaves _links out when asked, so clients must page by _meta', async () => {
    const bare = await start({ talentLinks: false, talentEventCount: 45 });
    const res = await get(bare, '?page[number]=3');
    const body = JSON.parse(res.text) as Envelope;
    assert.equal(body._links, undefined);
    assert.deepEqual(Object.keys(body), ['_data', '_meta']);
    assert.equal(body._data.length, 5);
    assert.deepEqual(body._meta.pagination, { page: 3, page_size: 20, total_items: 45, total_pages: 3, total_results: 45 });
  });

  it('rebuilds any event from (seed, index) alone', async () => {
    const a = new TalentTimeline(7, 200_000);
    assert.equal(a.event(5).text, new TalentTimeline(7, 10).event(5).text);
    assert.notEqual(a.event(0).text, new TalentTimeline(8, 10).event(0).text);
    for (let i = 1; i < 3000; i++) assert.ok(a.seconds(i) < a.seconds(i - 1));
    assert.equal(a.firstAtOrBefore(a.seconds(1234)), 1234);
    assert.equal(a.firstAtOrBefore(a.seconds(1234) - 1), 1235);
    const same = await startDemoServer({ seed: 7, talentEventCount: 30 });
    try {
      const text = (await get(same, '?page[size]=30')).text;
      assert.deepEqual(dataItems(text), Array.from({ length: 30 }, (_, i) => a.event(i).text));
    } finally {
      await same.close();
    }
  });

  it('renews the rate-limit budget when its window has passed', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1000, () => now);
    assert.deepEqual([limiter.take(), limiter.take(), limiter.take(), limiter.remaining], [true, true, false, 0]);
    now = 999;
    assert.equal(limiter.take(), false);
    now = 1000;
    assert.equal(limiter.remaining, 2);
    assert.equal(limiter.take(), true);
    assert.deepEqual(limiter.headers(), { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1' });
    assert.throws(() => new RateLimiter(-1), RangeError);
  });
});
