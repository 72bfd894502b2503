import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TimelineError } from './errors';
import type { TimelineEvent } from './event';
import { rawBytes } from './rawPage';

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

/** Bytes gathered before one write: large writes keep the per-call cost of the stream small. */
const CHUNK_BYTES = 256 * 1024;
/** Progress is reported, and the event loop given a turn, every this many events. */
const PROGRESS_EVERY = 2_000;
const NEWLINE = Buffer.from('\n');
const SEPARATOR = Buffer.from(',\n');
const SPACE = 0x20;

/**
 * Writes events to `path` exactly as the server sent them: NDJSON (one event's bytes per line) or a JSON array
 * of them. Streamed: event bytes are views into the pages held, gathered into chunks and written with
 * backpressure, never joined into one string; the event loop gets a turn every few thousand events, so a long
 * export never holds up the rest of the extension host. Written to a temporary file beside the target and renamed at the
 * end, so a cancelled or failed export leaves no partial file (and an existing file is replaced only whole).
 */
export async function exportEvents(events: Iterable<TimelineEvent>, path: string, options: ExportOptions): Promise<ExportProgress> {
  const { format, signal, onProgress } = options;
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const json = format === 'json';
  let chunk: Buffer[] = [];
  let chunkBytes = 0;
  let count = 0;
  let bytes = 0;
  let out: FileHandle | undefined;
  const push = (b: Buffer): void => {
    chunk.push(b);
    chunkBytes += b.length;
  };
  // One awaited write per chunk: the file handle's own backpressure, no stream events to wait on.
  const flush = async (file: FileHandle): Promise<void> => {
    if (chunkBytes === 0) return;
    const data = chunk.length === 1 ? chunk[0] : Buffer.concat(chunk, chunkBytes);
    bytes += chunkBytes;
    chunk = [];
    chunkBytes = 0;
    for (let at = 0; at < data.length; ) at += (await file.write(data, at)).bytesWritten;
  };
  try {
    const file = (out = await open(temp, 'wx'));
    if (json) push(Buffer.from('[\n'));
    for (const event of events) {
      const item = rawBytes(event.raw);
      if (json) {
        if (count > 0) push(SEPARATOR);
        push(item);
      } else {
        push(oneLine(item));
        push(NEWLINE);
      }
      count++;
      if (chunkBytes >= CHUNK_BYTES) {
        signal?.throwIfAborted();
        await flush(file);
      }
      if (count % PROGRESS_EVERY === 0) {
        onProgress?.({ events: count, bytes: bytes + chunkBytes });
        await new Promise(setImmediate);
        signal?.throwIfAborted();
      }
    }
    if (json) push(Buffer.from(count > 0 ? '\n]\n' : ']\n'));
    signal?.throwIfAborted();
    await flush(file);
    out = undefined;
    await file.close();
    await rename(temp, path);
  } catch (e) {
    await out?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (signal?.aborted) throw new TimelineError('cancelled', 'The export was cancelled; no file was written.');
    throw e;
  }
  const done = { events: count, bytes };
  onProgress?.(done);
  return done;
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
