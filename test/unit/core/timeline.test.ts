import * as assert from 'node:assert/strict';
import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import { RawPage } from '../../../src/core/rawPage';
import type { Page, PageRequest, TimelineSource } from '../../../src/core/source';
import { sortKey } from '../../../src/core/time';
import { Timeline } from '../../../src/core/timeline';

const page = new RawPage(Buffer.from('[]'), undefined);

function event(id: string, category: string, second: number, correlationId?: string): TimelineEvent {
  const timestamp = `2024-01-01T00:00:${String(second).padStart(2, '0')}.000000001Z`;
  return { id, type: 'T', category, label: id, timestamp, sortKey: sortKey(timestamp), correlationId, raw: { page, index: 0 } };
}

/** A scripted source: each call answers the next entry, recording the cursor it was asked for. */
class ScriptedSource implements TimelineSource {
  readonly cursors: (string | undefined)[] = [];
  constructor(private readonly answers: (Page | Error)[]) {}
  async fetchPage(request: PageRequest): Promise<Page> {
    this.cursors.push(request.cursor);
    const next = this.answers.shift();
    if (!next) throw new Error('no more scripted pages');
    if (next instanceof Error) throw next;
    return next;
  }
}

const options = { limit: 2, maxEmptyPages: 3 };

describe('Timeline', () => {
  it('pages with the cursor, groups by category newest first, and stops at the end', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'CARD', 50), event('b', 'TRANSACTION', 40)], nextCursor: 'c1', bytes: 10 },
      { events: [event('c', 'CARD', 30), event('d', 'CARD', 55)], bytes: 10 },
    ]);
    const timeline = new Timeline(source, options);
    assert.deepEqual(await timeline.loadMore(), { added: 2, pages: 1 });
    assert.equal(timeline.hasMore, true);
    await timeline.loadMore();
    assert.deepEqual(source.cursors, [undefined, 'c1']);
    assert.equal(timeline.hasMore, false);
    assert.deepEqual(timeline.categories.map((c) => c.name), ['CARD', 'TRANSACTION']);
    assert.deepEqual(timeline.categories[0].events.map((e) => e.id), ['d', 'a', 'c']);
    assert.deepEqual(await timeline.loadMore(), { added: 0, pages: 0 });
  });

  it('drops events it already has', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'CARD', 50)], nextCursor: 'c1', bytes: 1 },
      { events: [event('a', 'CARD', 50), event('b', 'CARD', 49)], bytes: 1 },
    ]);
    const timeline = new Timeline(source, options);
    await timeline.loadMore();
    assert.deepEqual(await timeline.loadMore(), { added: 1, pages: 1 });
    assert.equal(timeline.eventCount, 2);
  });

  it('follows empty pages while more exist, as Pismo\'s filter-after-read needs', async () => {
    const source = new ScriptedSource([
      { events: [], nextCursor: 'c1', bytes: 1 },
      { events: [], nextCursor: 'c2', bytes: 1 },
      { events: [event('a', 'CARD', 1)], nextCursor: 'c3', bytes: 1 },
    ]);
    const timeline = new Timeline(source, options);
    assert.deepEqual(await timeline.loadMore(), { added: 1, pages: 3 });
    assert.equal(timeline.hasMore, true);
  });

  it('stops an endless run of empty pages and goes on when asked again', async () => {
    const empties = Array.from({ length: 4 }, (_, i) => ({ events: [], nextCursor: `e${i}`, bytes: 1 }));
    const source = new ScriptedSource([...empties, { events: [event('a', 'CARD', 1)], bytes: 1 }]);
    const timeline = new Timeline(source, options);
    await assert.rejects(timeline.loadMore(), (e: TimelineError) => e.kind === 'emptyRun');
    assert.equal(timeline.error?.kind, 'emptyRun');
    assert.equal(timeline.hasMore, true);
    assert.deepEqual(await timeline.loadMore(), { added: 1, pages: 2 });
    assert.equal(timeline.error, undefined);
  });

  it('stops when a cursor repeats instead of looping', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'CARD', 3)], nextCursor: 'c1', bytes: 1 },
      { events: [event('b', 'CARD', 2)], nextCursor: 'c1', bytes: 1 },
    ]);
    const timeline = new Timeline(source, options);
    await timeline.loadMore();
    await assert.rejects(timeline.loadMore(), (e: TimelineError) => e.kind === 'repeatCursor');
    assert.equal(timeline.eventCount, 2);
    assert.equal(timeline.hasMore, false);
  });

  it('keeps loaded events and the cursor when a page fails, so Retry continues', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'CARD', 3)], nextCursor: 'c1', bytes: 1 },
      new TimelineError('server', 'The server failed (503).'),
      { events: [event('b', 'CARD', 2)], bytes: 1 },
    ]);
    const timeline = new Timeline(source, options);
    await timeline.loadMore();
    await assert.rejects(timeline.loadMore(), /503/);
    assert.equal(timeline.eventCount, 1);
    assert.equal(timeline.error?.kind, 'server');
    await timeline.loadMore();
    assert.deepEqual(source.cursors, [undefined, 'c1', 'c1']);
    assert.equal(timeline.eventCount, 2);
  });

  it('fetches once for concurrent Load more clicks', async () => {
    const source = new ScriptedSource([{ events: [event('a', 'CARD', 3)], nextCursor: 'c1', bytes: 1 }]);
    const timeline = new Timeline(source, options);
    const [x, y] = await Promise.all([timeline.loadMore(), timeline.loadMore()]);
    assert.equal(x, y);
    assert.equal(source.cursors.length, 1);
  });

  it('indexes events by correlation id', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'CARD', 3, 'x'), event('b', 'TRANSACTION', 2, 'x'), event('c', 'CARD', 1, 'y')], bytes: 1 },
    ]);
    const timeline = new Timeline(source, options);
    await timeline.loadMore();
    assert.deepEqual(timeline.related('x').map((e) => e.id), ['a', 'b']);
    assert.deepEqual(timeline.related('none'), []);
  });

  it('turns a cancelled load into a cancelled error and keeps what it had', async () => {
    let release: () => void = () => undefined;
    const source: TimelineSource = {
      fetchPage: (_r, signal) =>
        new Promise((_resolve, reject) => {
          release = () => reject(signal.reason);
          signal.addEventListener('abort', () => release());
        }),
    };
    const timeline = new Timeline(source, options);
    const loading = timeline.loadMore();
    timeline.cancel();
    await assert.rejects(loading, (e: TimelineError) => e.kind === 'cancelled');
    assert.equal(timeline.isLoading, false);
  });

  it('lists categories in the configured order, the rest by name', async () => {
    const source = new ScriptedSource([
      { events: [event('a', 'Other', 5), event('b', 'Course', 4), event('c', 'User', 3), event('d', 'Alpha', 2)], bytes: 1 },
    ]);
    const timeline = new Timeline(source, { ...options, categoryOrder: ['User', 'Course', 'Branch'] });
    await timeline.loadMore();
    assert.deepEqual(timeline.categories.map((c) => c.name), ['User', 'Course', 'Alpha', 'Other']);
  });
});
