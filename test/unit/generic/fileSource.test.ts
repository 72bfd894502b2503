import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimelineError } from '../../../src/core/errors';
import { exportEvents } from '../../../src/core/export';
import { mergeNewestFirst } from '../../../src/core/newestFirstMerge';
import { rawText } from '../../../src/core/rawPage';
import type { Timeline } from '../../../src/core/timeline';
import { parseBaseUrl } from '../../../src/core/url';
import { type DemoServer, startDemoServer } from '../../../src/demo/server';
import { indexTimelineFile } from '../../../src/sources/generic/fileIndex';
import { openTimelineFile } from '../../../src/sources/generic/fileSource';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { PismoSource } from '../../../src/sources/pismo';
import { TalentLmsSource } from '../../../src/sources/talentlms';
import { Clients, failure, loadAll, newTimeline, presetSource, treeView } from './harness';

const signal = (): AbortSignal => new AbortController().signal;
const FIELDS = parseMapping({ path: '/x', items: '$', fields: { id: '$.id', time: '$.t', type: '$.type' }, paging: { style: 'none' } }).fields;

describe('timeline files: indexed as they stream, read a page at a time', () => {
  let dir: string;
  let server: DemoServer;
  const clients = new Clients();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'timeline-files-'));
    server = await startDemoServer({ eventCount: 1200, talentEventCount: 500, apiEventCount: 150 });
  });

  after(async () => {
    await clients.closeAll();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Exports a loaded timeline in both formats, opens each file again and loads it: the same tree, byte for byte. */
  async function roundTrip(original: Timeline, presetId: string): Promise<void> {
    for (const format of ['ndjson', 'json'] as const) {
      const path = join(dir, `${presetId}.${format}`);
      await exportEvents(mergeNewestFirst(original.categories.map((c) => c.events)), path, { format });
      const opened = await openTimelineFile(path);
      assert.equal(opened.preset?.id, presetId, `${format}: found by its shape`);
      assert.equal(opened.index.format, format === 'json' ? 'jsonArray' : 'jsonLines');
      assert.equal(opened.index.count, original.eventCount);
      const reopened = newTimeline(opened.source, 100);
      await loadAll(reopened);
      await opened.source.close();
      assert.deepEqual(treeView(reopened), treeView(original), format);
    }
  }

  it('an export of a Pismo connection opens again with the same events and bytes, as NDJSON and as a JSON array', async () => {
    const baseUrl = parseBaseUrl(server.url);
    const original = newTimeline(new PismoSource({ baseUrl, http: clients.http(baseUrl), auth: { token: async () => server.token } }), 100);
    await loadAll(original);
    assert.equal(original.eventCount, 1200);
    await roundTrip(original, 'pismo');
  });

  it('so does an export of TalentLMS, and of a generic connection (Stripe)', async () => {
    const baseUrl = parseBaseUrl(server.url);
    const talent = newTimeline(new TalentLmsSource({ baseUrl, http: clients.http(baseUrl), apiKey: async () => server.token, apiVersion: '2025-01-01' }), 100);
    await loadAll(talent);
    await roundTrip(talent, 'talentlms');
    const stripe = newTimeline(presetSource(server, clients, 'stripe-events'), 100);
    await loadAll(stripe);
    await roundTrip(stripe, 'stripe-events');
  });

  it('streams a large file in chunks with progress, never holding it whole, and stops on Cancel', async () => {
    const path = join(dir, 'large.ndjson');
    const events = 40_000;
    const line = (k: number): string => `{"id":"e${k}","t":"2025-06-30T21:00:00.${String(k).padStart(9, '0')}Z","type":"T${k % 7}","pad":"${'x'.repeat(200)}"}\n`;
    await writeFile(path, Array.from({ length: events }, (_, k) => line(k)).join(''));
    const chunkBytes = 256 * 1024;
    const seen: { bytes: number; events: number }[] = [];
    const index = await indexTimelineFile(path, { chunkBytes, onProgress: (p) => seen.push(p) });
    assert.equal(index.count, events);
    assert.ok(seen.length >= index.size / chunkBytes, `${seen.length} progress reports`);
    seen.forEach((p, k) => assert.ok(p.bytes - (k === 0 ? 0 : seen[k - 1].bytes) <= chunkBytes, 'at most one chunk read at a time'));
    assert.equal(seen[seen.length - 1].bytes, index.size);
    assert.ok(seen.every((p, k) => k === 0 || p.events >= seen[k - 1].events));

    const opened = await openTimelineFile(path, { fields: FIELDS });
    const page = await opened.source.fetchPage({ cursor: '39990', limit: 100 }, signal());
    assert.deepEqual(page.events.map((e) => e.id), Array.from({ length: 10 }, (_, k) => `e${39_990 + k}`));
    assert.equal(rawText(page.events[9].raw), line(39_999).trimEnd());
    assert.equal(page.nextCursor, undefined);
    await opened.source.close();

    const controller = new AbortController();
    let reports = 0;
    const cancelled = await failure(
      indexTimelineFile(path, {
        chunkBytes,
        signal: controller.signal,
        onProgress: () => {
          if (++reports === 3) controller.abort();
        },
      }),
    );
    assert.equal(cancelled.kind, 'cancelled');
    assert.equal(reports, 3, 'no chunk is read after Cancel');
  });

  it('finds the same events whatever the chunk boundaries: strings holding brackets, escapes, CRLF, blank lines, a BOM', async () => {
    const items = ['{"id":"a","t":"2025-01-01T00:00:00Z","type":"x","s":"]}\\"{["}', '{"id":"b","t":"2025-01-01T00:00:01Z","type":"y","n":[1,[2,{"z":"\\\\"}]]}', '{"id":"c","t":"2025-01-01T00:00:02Z","type":"x"}'];
    const files: [string, string][] = [
      ['lines.ndjson', `\ufeff${items[0]}\r\n\r\n${items[1]}\r\n   ${items[2]}`],
      ['array.json', `[\n  ${items[0]},\n  ${items[1]} ,${items[2]}\n]\n`],
      ['pretty.json', `${items[0].replace(/,/g, ',\n  ')}\n${items[1]}\n\n${items[2]}\n`],
    ];
    for (const [name, text] of files) {
      const path = join(dir, name);
      await writeFile(path, text);
      for (const chunkBytes of [1, 2, 3, 7, 64 * 1024]) {
        const opened = await openTimelineFile(path, { fields: FIELDS, chunkBytes });
        const page = await opened.source.fetchPage({ limit: 10 }, signal());
        await opened.source.close();
        assert.deepEqual(page.events.map((e) => e.id), ['a', 'b', 'c'], `${name} in chunks of ${chunkBytes}`);
        const texts = page.events.map((e) => rawText(e.raw));
        assert.deepEqual(texts.slice(1), items.slice(1), name);
        assert.deepEqual(JSON.parse(texts[0]), JSON.parse(items[0]));
      }
    }
  });

  it('says what is wrong with a file that is not a timeline, or was cut short, or holds an event that is not JSON', async () => {
    const cases: [string, string, string][] = [
      ['text.log', 'hello world\n', 'The file is not NDJSON or a JSON array of events: it starts with "hello world ".'],
      ['cut.ndjson', '{"id":"a","t":"2025-01-01T00:00:00Z","type":"x"}\n{"id":"b","t":', 'The file ends inside an event that starts at byte 49: it may have been cut short.'],
      ['cut.json', '[{"id":"a","t":"2025-01-01T00:00:00Z","type":"x"}', 'The file ends inside an event: it may have been cut short.'],
      ['after.json', '[{"id":"a"}] {"id":"b"}', 'The file goes on after its array closed (at byte 13).'],
      ['commas.ndjson', '{"id":"a"},{"id":"b"}', 'The file has a "," between top-level values at byte 10: write NDJSON (one event per line) or a JSON array.'],
    ];
    for (const [name, text, message] of cases) {
      await writeFile(join(dir, name), text);
      const error = await failure(indexTimelineFile(join(dir, name)));
      assert.equal(error.message, message, name);
    }
    await writeFile(join(dir, 'bad.ndjson'), '{"id":"a","t":"2025-01-01T00:00:00Z","type":"x"}\n{"id":"b",,}\n');
    const opened = await openTimelineFile(join(dir, 'bad.ndjson'), { fields: FIELDS });
    const error = await failure(opened.source.fetchPage({ limit: 10 }, signal()));
    await opened.source.close();
    assert.equal(error.kind, 'badJson');
    assert.equal(error.message, 'Event 2 of the file (at byte 49) is not JSON: {"id":"b",,}');

    await writeFile(join(dir, 'unknown.ndjson'), '{"when":"2025-01-01T00:00:00Z","what":"x"}\n');
    const unknown = await failure(openTimelineFile(join(dir, 'unknown.ndjson')));
    assert.equal(unknown.message, 'No preset fits the events of this file: give a mapping that says where their id, time and type are.');
    assert.ok(unknown instanceof TimelineError);
  });
});
