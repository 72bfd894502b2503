import { randomBytes } from 'node:crypto';
import { type FileHandle, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ChunkWriter } from './chunkWriter';
import { TimelineError } from './errors';
import type { TimelineEvent } from './event';
import type { RawPage } from './rawPage';

export type ExportFormat = 'ndjson' | 'json';

export interface ExportProgress {
  readonly events: number;
  readonly bytes: number;
}

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly signal?: AbortSignal;
  /** Called every few thousand events and at the end. */
  readonly onProgress?: (progress: ExportProgress) => void;
}

/**
 * The export is complete, but writing it over a linked file in place failed part way: that file may hold part
 * of it, so the whole export is kept in `kept`, beside it.
 */
export class OverwriteError extends Error {
  override readonly name = 'OverwriteError';
  constructor(
    readonly kept: string,
    readonly reason: string,
  ) {
    super(`The export is complete in ${kept}, but writing it over the file in place failed: ${reason}`);
  }
}

/** Progress is reported, and the event loop given a turn, every this many events. */
const PROGRESS_EVERY = 2_000;
/** Exported account data is the user's alone, unless the file it replaces said otherwise. */
const PRIVATE = 0o600;
const NEWLINE = Buffer.from('\n');
const EMPTY = Buffer.alloc(0);
const SEPARATOR = Buffer.from(',\n');
const SPACE = 0x20;

/**
 * Writes events to `path` exactly as the server sent them: NDJSON (one event's bytes per line) or a JSON array
 * of them. Streamed: event bytes are copied from the pages held into large chunks, one written while the next
 * is filled (ChunkWriter), never joined into one string; the event loop gets a turn every few thousand events, so a long
 * export never holds up the rest of the extension host. Written to a temporary file beside the target (0600,
 * or the replaced file's permissions) and renamed at the end, so a cancelled or failed export leaves no
 * partial file and an existing file is replaced only whole. A file with other hard links, or a name that is a
 * symbolic link, is written in place instead once the export is complete, as an editor saving it would: every
 * name for it then shows the export, where a rename would quietly part them.
 */
export async function exportEvents(events: Iterable<TimelineEvent>, path: string, options: ExportOptions): Promise<ExportProgress> {
  const { format, signal, onProgress } = options;
  const replaced = await replacedFile(path);
  // Short, so any file name the system allows still has room beside it.
  const temp = join(dirname(path), `.export-${randomBytes(4).toString('hex')}.partial`);
  const json = format === 'json';
  const after = json ? EMPTY : NEWLINE;
  let count = 0;
  let out: FileHandle | undefined;
  let chunks: ChunkWriter | undefined;
  try {
    const file = (out = await open(temp, 'wx', PRIVATE));
    // Set on the handle: the creation mode is narrowed by the umask, and a 0664 file must stay 0664.
    if (replaced && replaced.mode !== PRIVATE) await file.chmod(replaced.mode);
    const writer = (chunks = new ChunkWriter(file));
    if (json) writer.add(Buffer.from('[\n'));
    // NDJSON lines of consecutive items of one page, copied together when the run ends (ChunkWriter.addLines)
    let run: RawPage | undefined;
    let first = 0;
    let last = 0;
    const endRun = (): void => {
      if (run) writer.addLines(run, first, last);
      run = undefined;
    };
    for (const { raw } of events) {
      const { page, index } = raw;
      if (run === page && index === last + 1 && page.itemStart(index) === page.itemEnd(last) + 1 && writer.fits(page.itemEnd(index) - page.itemStart(first) + 1)) {
        last = index;
      } else {
        endRun();
        // a page with a line break may have an item to fix: one line per event (oneLine)
        const piece = json ? page.itemBytes(index) : page.hasLineBreak ? oneLine(page.itemBytes(index)) : undefined;
        const before = json && count > 0 ? SEPARATOR : EMPTY;
        const length = before.length + (piece?.length ?? page.itemEnd(index) - page.itemStart(index)) + after.length;
        if (!writer.fits(length)) {
          signal?.throwIfAborted();
          await writer.flush();
        }
        if (!writer.fits(length)) {
          await writer.writeLarge(Buffer.concat([before, piece ?? page.itemBytes(index), after]));
        } else if (piece) {
          writer.add(before);
          writer.add(piece);
          writer.add(after);
        } else {
          run = page;
          first = last = index;
        }
      }
      count++;
      if (count % PROGRESS_EVERY === 0) {
        endRun();
        onProgress?.({ events: count, bytes: writer.bytes });
        await new Promise(setImmediate);
        signal?.throwIfAborted();
      }
    }
    endRun();
    if (json) {
      const close = Buffer.from(count > 0 ? '\n]\n' : ']\n');
      if (!writer.fits(close.length)) await writer.flush();
      writer.add(close);
    }
    signal?.throwIfAborted();
    await writer.end();
    out = undefined;
    await file.close();
    if (!replaced?.inPlace) await rename(temp, path);
  } catch (e) {
    await chunks?.settle();
    await out?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (signal?.aborted) throw new TimelineError('cancelled', 'The export was cancelled; no file was written.');
    throw e;
  }
  if (replaced?.inPlace) await overwrite(path, temp);
  const done = { events: count, bytes: chunks?.bytes ?? 0 };
  onProgress?.(done);
  return done;
}

/** What replacing the file at `path` must keep: its permissions, and whether it must be written in place. */
async function replacedFile(path: string): Promise<{ mode: number; inPlace: boolean } | undefined> {
  const entry = await lstat(path).catch(unlessMissing);
  if (!entry) return undefined;
  const target = entry.isSymbolicLink() ? await stat(path).catch(unlessMissing) : entry;
  return {
    mode: target?.isFile() ? target.mode & 0o777 : PRIVATE,
    inPlace: entry.isSymbolicLink() || (entry.isFile() && entry.nlink > 1),
  };
}

function unlessMissing(e: NodeJS.ErrnoException): undefined {
  if (e.code === 'ENOENT') return undefined;
  throw e;
}

/** Copies the finished export into the existing file, through its own inode, then drops the copy. */
async function overwrite(path: string, temp: string): Promise<void> {
  try {
    const source = await open(temp, 'r');
    try {
      // 'w' truncates the file and keeps it: same inode, links and permissions (0600 if a dangling link makes one).
      const target = await open(path, 'w', PRIVATE);
      await pipeline(source.createReadStream({ autoClose: false }), target.createWriteStream());
    } finally {
      await source.close();
    }
  } catch (e) {
    throw new OverwriteError(temp, e instanceof Error ? e.message : String(e));
  }
  await unlink(temp);
}

/**
 * NDJSON needs one line per event. JSON strings cannot hold a raw line break, so one in an item is whitespace
 * between tokens (a pretty-printing server): only then, and only those bytes, become spaces.
 */
function oneLine(item: Buffer): Buffer {
  if (item.indexOf(0x0a) < 0 && item.indexOf(0x0d) < 0) return item;
  const copy = Buffer.from(item);
  for (let i = 0; i < copy.length; i++) if (copy[i] === 0x0a || copy[i] === 0x0d) copy[i] = SPACE;
  return copy;
}
