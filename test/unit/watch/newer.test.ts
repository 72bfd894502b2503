import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import { RawPage } from '../../../src/core/rawPage';
import { userLimit } from '../../../src/core/limits';
import { QueuedSource, RequestQueue } from '../../../src/core/requestQueue';
import type { Page, PageRequest, TimelineSource } from '../../../src/core/source';
import { NEWER_MAX_PAGES } from '../../../src/core/tail';
import { sortKey } from '../../../src/core/time';
import { Timeline } from '../../../src/core/timeline';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import { PAGE_SIZE, groundTruth, rig } from '../faults/harness';

const ids = (t: Timeline): string[] => t.categories.flatMap((c) => c.events.map((e) => e.id)).sort();
const newestFirstIds = (events: readonly TimelineEvent[]): string[] => events.map((e) => e.id);

/** Keeps only one category from each page, as a filter the API cannot express is applied after the read. */
class CategoryFilter implements TimelineSource {
  constructor(
    private readonly source: TimelineSource,
    private readonly category: string,
  ) {}
  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    const page = await this.source.fetchPage(request, signal);
    return { ...page, events: page.events.filter((e) => e.category === this.category) };
  }
}

describe('Check for Newer Events', () => {
  let server: DemoServer;

  beforeEach(async () => {
    server = await startDemoServer({ eventCount: 2000 });
  });

  afterEach(() => server.close());

  it('reads from the first page until it meets a loaded event and merges the new ones on top of each category', async () => {
    const { timeline, http, log } = rig(server);
    await timeline.loadMore();
    await timeline.loadMore();
    const before = ids(timeline);
    server.appendEvents(5);
    const requests = log.length;
    const heard: string[] = [];
    const stop = timeline.onPage((events) => heard.push(...events.map((e) => e.id)));
    const result = await timeline.checkNewer();
    stop();
    assert.equal(result.added, 5);
    // the page listeners (a search, the activity strip, the profiles) hear of newer events too
    assert.deepEqual(heard.sort(), newestFirstIds(result.events).sort());
    assert.equal(result.pages, 1);
    assert.equal(result.gap, false);
    assert.equal(log.length - requests, 1);
    const truth = await groundTruth(server, 1);
    assert.deepEqual(newestFirstIds(result.events), truth.slice(0, 5));
    assert.equal(timeline.eventCount, 2 * PAGE_SIZE + 5);
    for (const id of before) assert.ok(timeline.event(id), `loaded event ${id} was lost`);
    for (const c of timeline.categories) {
      for (let i = 1; i < c.events.length; i++) assert.ok(c.events[i - 1].sortKey >= c.events[i].sortKey, `${c.name} is out of order`);
    }
    assert.deepEqual(await timeline.checkNewer(), { added: 0, pages: 1, events: [], gap: false });
    // The back cursor is untouched: Load more goes on where it was.
    await timeline.loadMore();
    assert.deepEqual(ids(timeline), (await groundTruth(server, 4)).slice(0, 3 * PAGE_SIZE + 5).sort());
    await http.close();
  });

  it('leaves a gap after maxPages pages and loads it on request, ending with exactly the server\'s events', async () => {
    const { timeline, http } = rig(server);
    await timeline.loadMore();
    server.appendEvents(PAGE_SIZE * 3 + 7);
    const first = await timeline.checkNewer(2);
    assert.equal(first.gap, true);
    assert.equal(first.added, PAGE_SIZE * 2);
    assert.equal(timeline.gaps.length, 1);
    const gap = timeline.gaps[0];
    // The gap sits below every event read and above every event loaded before.
    assert.ok(first.events.every((e) => e.sortKey >= gap.below));
    const second = await timeline.loadGap(gap, 2);
    assert.equal(second.gap, false);
    assert.equal(second.added, PAGE_SIZE + 7);
    assert.equal(timeline.gaps.length, 0);
    assert.deepEqual(ids(timeline), [...(await groundTruth(server, 5))].slice(0, PAGE_SIZE * 4 + 7).sort());
    await http.close();
  });

  it('reads at most the default pages when a workspace sets newer.maxPages to 1000, and 1000 at most from the user', async () => {
    const { timeline, http, log } = rig(server);
    await timeline.loadMore();
    server.appendEvents(PAGE_SIZE * 40);
    const fromWorkspace = { globalValue: undefined, defaultValue: 10, workspaceValue: 1000, workspaceFolderValue: 1000 };
    const pages = userLimit(fromWorkspace, NEWER_MAX_PAGES);
    assert.equal(pages, NEWER_MAX_PAGES.fallback);
    const before = log.length;
    const result = await timeline.checkNewer(pages);
    assert.equal(log.length - before, NEWER_MAX_PAGES.fallback, 'requests sent');
    assert.equal(result.gap, true);
    assert.equal(userLimit({ globalValue: 1e9 }, NEWER_MAX_PAGES), 1000);
    await http.close();
  });

  it('keeps both events of an equal timestamp and stops at the loaded one', async () => {
    const page = new RawPage(Buffer.from('[]'), undefined);
    const at = '2024-01-01T00:00:00.000000001Z';
    const e = (id: string, timestamp = at): TimelineEvent => ({ id, type: 'T', category: 'C', label: id, timestamp, sortKey: sortKey(timestamp), raw: { page, index: 0 } });
    const answers: Page[] = [
      { events: [e('a'), e('old', '2023-01-01T00:00:00Z')], bytes: 1, nextCursor: 'x' },
      { events: [e('b'), e('a')], bytes: 1, nextCursor: 'y' },
    ];
    const cursors: (string | undefined)[] = [];
    const source: TimelineSource = { fetchPage: async (request) => (cursors.push(request.cursor), answers.shift() as Page) };
    const timeline = new Timeline(source, { limit: 2, maxEmptyPages: 3 });
    await timeline.loadMore();
    const result = await timeline.checkNewer();
    assert.deepEqual(newestFirstIds(result.events), ['b']);
    assert.deepEqual(cursors, [undefined, undefined]);
    assert.deepEqual(timeline.categories[0].events.map((x) => x.id), ['a', 'b', 'old']);
  });

  it('works on a filtered timeline: empty filtered pages are read through to a loaded event', async () => {
    const { timeline: base, http } = rig(server);
    await base.loadMore();
    const category = base.categories[0].name;
    const pismo = new PismoSource({ baseUrl: new URL(server.url), http, auth: { token: async () => server.token } });
    const filtered = new Timeline(new CategoryFilter(pismo, category), { limit: PAGE_SIZE, maxEmptyPages: 10 });
    await filtered.loadMore();
    const loaded = filtered.eventCount;
    assert.ok(loaded > 0);
    server.appendEvents(PAGE_SIZE * 2);
    const result = await filtered.checkNewer();
    assert.equal(result.gap, false);
    assert.ok(result.events.every((e) => e.category === category));
    assert.equal(filtered.eventCount, loaded + result.added);
    const truth = new Set(await groundTruth(server, 3));
    for (const e of result.events) assert.ok(truth.has(e.id));
    assert.ok(result.pages >= 2, 'it read past the pages of new events');
    await http.close();
  });
});

describe('RequestQueue', () => {
  it('lets one request per connection run at a time, whatever mix of Load more and Check for Newer asks', async () => {
    let running = 0;
    let most = 0;
    const page = new RawPage(Buffer.from('[]'), undefined);
    let n = 0;
    const source: TimelineSource = {
      fetchPage: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        const t = `2024-01-01T00:00:${String(59 - (n % 60)).padStart(2, '0')}Z`;
        const id = `e${n++}`;
        return { events: [{ id, type: 'T', category: 'C', label: id, timestamp: t, sortKey: sortKey(t), raw: { page, index: 0 } }], bytes: 1, nextCursor: `c${n}` };
      },
    };
    const queue = new RequestQueue();
    const a = new Timeline(new QueuedSource(source, queue), { limit: 1, maxEmptyPages: 3 });
    const b = new Timeline(new QueuedSource(source, queue), { limit: 1, maxEmptyPages: 3 });
    await a.loadMore();
    await Promise.all([a.loadMore(), a.checkNewer(3), b.loadMore(), b.loadMore().then(() => b.checkNewer(2)), a.loadMore()]);
    assert.equal(most, 1);
    assert.equal(n, 5, "every operation read its page");
  });

  it('drops a waiting request whose signal aborts, and the next still waits for the one in flight', async () => {
    const queue = new RequestQueue();
    const order: string[] = [];
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((resolve) => (release = () => (order.push('first'), resolve()))), new AbortController().signal);
    const controller = new AbortController();
    const dropped = queue.run(async () => void order.push('dropped'), controller.signal);
    const third = queue.run(async () => void order.push('third'), new AbortController().signal);
    controller.abort();
    await assert.rejects(dropped, { name: 'TimelineError' });
    assert.equal(queue.queued, 1);
    release();
    await Promise.all([first, third]);
    assert.deepEqual(order, ['first', 'third']);
  });
});
