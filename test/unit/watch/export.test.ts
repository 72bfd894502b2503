import * as assert from 'node:assert/strict';
import { chmod, link, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEvent } from '../../../src/core/event';
import { CHUNK_BYTES } from '../../../src/core/chunkWriter';
import { exportEvents, OverwriteError } from '../../../src/core/export';
import { mergeNewestFirst } from '../../../src/core/newestFirstMerge';
import { RawPage } from '../../../src/core/rawPage';
import { sortKey } from '../../../src/core/time';
import { startDemoServer } from '../../../src/demo/server';
import { HOSTILE_PAYLOADS } from '../../integration/fixtures/hostilePayloads';
import { page as serverPage } from '../demo/helpers';
import { PAGE_SIZE, rig } from '../faults/harness';

/** The hostile corpus as one page: big integers, `1.10`, escapes, bidi, a 600 KB event, a pretty-printed one. */
const ITEMS = [
  ...HOSTILE_PAYLOADS.map((p) => p.item),
  '{"id":"escapes","s":"quote \\" backslash \\\\ slash \\/ tab \\t nl \\n u \\u00e9 \\ud83d\\ude80","n":-0.0,"e":1E+400}',
  `{"id":"big","blob":"${'x'.repeat(600 * 1024)}"}`,
  '{\n  "id": "pretty",\r\n  "v": [1.10, 12345678901234567890]\n}',
];

function corpus(): TimelineEvent[] {
  const body = Buffer.from(`{"has_next":false,"items":[${ITEMS.join(' ,\n')}]}`, 'utf8');
  const page = new RawPage(body, 'items');
  return ITEMS.map((_, index) => {
    const timestamp = `2024-01-01T00:00:${String(59 - index).padStart(2, '0')}.123456789Z`;
    return { id: `e${index}`, type: 'T', category: 'C', label: 'e', timestamp, sortKey: sortKey(timestamp), raw: { page, index } };
  });
}

describe('export', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'timeline-export-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes NDJSON: each line exactly the bytes the server sent for that event', async () => {
    const path = join(dir, 'out.ndjson');
    const result = await exportEvents(corpus(), path, { format: 'ndjson' });
    const written = await readFile(path);
    const expected = Buffer.from(ITEMS.map((item) => item.replace(/[\r\n]/g, ' ')).join('\n') + '\n', 'utf8');
    assert.ok(written.equals(expected), 'bytes differ');
    assert.deepEqual(result, { events: ITEMS.length, bytes: expected.length });
    const lines = written.toString('utf8').split('\n').slice(0, -1);
    assert.equal(lines.length, ITEMS.length);
    // Unchanged bytes except the pretty item's whitespace line breaks.
    for (let i = 0; i < ITEMS.length - 1; i++) assert.equal(lines[i], ITEMS[i]);
    assert.ok(lines[ITEMS.length - 2].length > 600 * 1024);
    assert.match(lines[0], /<\/script><script>/);
  });

  it('writes a JSON array of the exact items that parses back', async () => {
    const path = join(dir, 'out.json');
    await exportEvents(corpus(), path, { format: 'json' });
    const written = await readFile(path, 'utf8');
    assert.equal(written, `[\n${ITEMS.join(',\n')}\n]\n`);
    assert.equal((JSON.parse(written) as unknown[]).length, ITEMS.length);
    assert.match(written, /"big":12345678901234567890,"rate":1\.10,/);
    assert.equal(await readFile(join(dir, 'empty.json'), 'utf8').catch(() => 'absent'), 'absent');
    await exportEvents([], join(dir, 'empty.json'), { format: 'json' });
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'empty.json'), 'utf8')), []);
  });

  it('writes an export of several chunks, an item larger than a chunk among them, byte for byte in both formats', async () => {
    const small = Array.from({ length: 3000 }, (_, i) => `{"id":"s${i}","pad":"${String(i).repeat(2000 / String(i).length)}"}`);
    const huge = `{"id":"huge","blob":"${'y'.repeat(CHUNK_BYTES + 1000)}"}`;
    const pretty = ['{\n"id":"p1"}', '{"id":"p2",\r\n"v":1}'];
    // the first page is longer than a chunk, so a run of its items is cut where a chunk ends
    const pages = [small.slice(0, 2500), [huge], small.slice(2500), pretty];
    const events = pages.flatMap((items) => {
      const page = new RawPage(Buffer.from(`{"items":[${items.join(',')}]}`), 'items');
      return items.map((_, index): TimelineEvent => ({ id: `${index}`, type: 'T', category: 'C', label: 'e', timestamp: '', sortKey: '', raw: { page, index } }));
    });
    const items = pages.flat();
    assert.ok(items.join('').length > 2 * CHUNK_BYTES, 'the export spans several chunks');
    const ndjson = join(dir, 'big.ndjson');
    const json = join(dir, 'big.json');
    const lines = await exportEvents(events, ndjson, { format: 'ndjson' });
    await exportEvents(events, json, { format: 'json' });
    const expected = Buffer.from(items.map((item) => item.replace(/[\r\n]/g, ' ')).join('\n') + '\n');
    assert.ok((await readFile(ndjson)).equals(expected), 'NDJSON bytes differ');
    assert.equal(lines.bytes, expected.length);
    assert.equal(await readFile(json, 'utf8'), `[\n${items.join(',\n')}\n]\n`);
    // items out of their page's order are lines of their own
    const reversed = join(dir, 'reversed.ndjson');
    await exportEvents([...events].reverse(), reversed, { format: 'ndjson' });
    assert.equal(await readFile(reversed, 'utf8'), [...items].reverse().map((item) => `${item.replace(/[\r\n]/g, ' ')}\n`).join(''));
  });

  it('leaves no file, partial or final, when cancelled, and keeps a file it would have replaced', async () => {
    const path = join(dir, 'out.ndjson');
    await writeFile(path, 'previous');
    const controller = new AbortController();
    const small = corpus().slice(0, 3);
    const many = function* (): Generator<TimelineEvent> {
      for (let i = 0; i < 10_000; i++) yield small[i % small.length];
    };
    const progress: number[] = [];
    await assert.rejects(
      exportEvents(many(), path, {
        format: 'ndjson',
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p.events);
          controller.abort();
        },
      }),
      { name: 'TimelineError', message: /cancelled/ },
    );
    assert.ok(progress.length > 0);
    assert.deepEqual(await readdir(dir), ['out.ndjson']);
    assert.equal(await readFile(path, 'utf8'), 'previous');
  });

  it('leaves no partial file when writing fails', async () => {
    const events = corpus();
    const broken = function* (): Generator<TimelineEvent> {
      yield events[0];
      throw new Error('the source broke');
    };
    await assert.rejects(exportEvents(broken(), join(dir, 'x.ndjson'), { format: 'ndjson' }), /the source broke/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('exports a demo timeline byte-identical to the server\'s items, newest first across categories', async () => {
    const server = await startDemoServer({ eventCount: 500 });
    try {
      const { timeline, http } = rig(server);
      for (let i = 0; i < 3; i++) await timeline.loadMore();
      await http.close();
      const path = join(dir, 'demo.ndjson');
      const merged = mergeNewestFirst(timeline.categories.map((c) => c.events));
      const result = await exportEvents(merged, path, { format: 'ndjson' });
      assert.equal(result.events, 3 * PAGE_SIZE);
      const expected: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 3; i++) {
        const p = await serverPage(server, cursor === null ? { limit: String(PAGE_SIZE) } : { limit: String(PAGE_SIZE), cursor });
        expected.push(...p.itemTexts);
        cursor = p.body.next_cursor;
      }
      assert.ok((await readFile(path)).equals(Buffer.from(expected.join('\n') + '\n', 'utf8')));
    } finally {
      await server.close();
    }
  });

  describe('over an existing file', () => {
    const expected = (): Buffer => Buffer.from(ITEMS.slice(0, 3).map((item) => item.replace(/[\r\n]/g, ' ')).join('\n') + '\n', 'utf8');
    const write = (path: string): Promise<unknown> => exportEvents(corpus().slice(0, 3), path, { format: 'ndjson' });
    const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

    it('creates a new export readable by its owner only', async () => {
      await write(join(dir, 'new.ndjson'));
      assert.equal(await mode(join(dir, 'new.ndjson')), 0o600);
    });

    it('keeps the permissions of the file it replaces: 0600 stays 0600, 0664 is not narrowed by the umask', async () => {
      for (const kept of [0o600, 0o664, 0o640]) {
        const path = join(dir, `kept-${kept.toString(8)}.ndjson`);
        await writeFile(path, 'previous');
        await chmod(path, kept);
        await write(path);
        assert.equal(await mode(path), kept, kept.toString(8));
        assert.ok((await readFile(path)).equals(expected()));
      }
    });

    it('writes a hard-linked file in place: every link shows the export, with its permissions', async () => {
      const path = join(dir, 'linked.ndjson');
      const other = join(dir, 'other-name.ndjson');
      await writeFile(path, 'previous content, longer than nothing at all');
      await chmod(path, 0o600);
      await link(path, other);
      const before = await stat(path);
      await write(path);
      const after = await stat(path);
      assert.equal(after.ino, before.ino, 'the same file');
      assert.equal(after.nlink, 2);
      assert.ok((await readFile(other)).equals(expected()), 'the other link shows the export');
      assert.equal(await mode(other), 0o600);
      assert.deepEqual((await readdir(dir)).sort(), ['linked.ndjson', 'other-name.ndjson']);
    });

    it('writes through a symbolic link, which stays a link', async () => {
      const target = join(dir, 'target.ndjson');
      await writeFile(target, 'previous');
      await symlink(target, join(dir, 'shortcut.ndjson'));
      await write(join(dir, 'shortcut.ndjson'));
      assert.ok((await lstat(join(dir, 'shortcut.ndjson'))).isSymbolicLink());
      assert.ok((await readFile(target)).equals(expected()));
    });

    it('leaves a hard-linked file as it was when cancelled', async () => {
      const path = join(dir, 'linked.ndjson');
      await writeFile(path, 'previous');
      await link(path, join(dir, 'other-name.ndjson'));
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(exportEvents(corpus(), path, { format: 'ndjson', signal: controller.signal }), /cancelled/);
      assert.equal(await readFile(join(dir, 'other-name.ndjson'), 'utf8'), 'previous');
      assert.deepEqual((await readdir(dir)).sort(), ['linked.ndjson', 'other-name.ndjson']);
    });

    it('keeps the whole export beside a link it could not write in place, and says where', async () => {
      await mkdir(join(dir, 'folder'));
      await symlink(join(dir, 'folder'), join(dir, 'not-a-file.ndjson'));
      const failure = await write(join(dir, 'not-a-file.ndjson')).then(() => undefined, (e: unknown) => e);
      assert.ok(failure instanceof OverwriteError, String(failure));
      assert.ok((await readFile(failure.kept)).equals(expected()), 'the kept copy is the whole export');
      assert.deepEqual(await readdir(join(dir, 'folder')), []);
    });

    it('writes a file with a 240-character name: the temporary name beside it is short', async () => {
      const name = `${'n'.repeat(240 - '.ndjson'.length)}.ndjson`;
      assert.equal(name.length, 240);
      await writeFile(join(dir, name), 'previous');
      await write(join(dir, name));
      assert.ok((await readFile(join(dir, name))).equals(expected()));
      assert.deepEqual(await readdir(dir), [name]);
    });
  });
});

