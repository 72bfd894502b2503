import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TimelineError } from '../../core/errors';

export interface FileIndexProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly events: number;
}

export interface FileIndexOptions {
  readonly signal?: AbortSignal;
  /** Called after each chunk read. */
  readonly onProgress?: (progress: FileIndexProgress) => void;
  /** Bytes read at a time (1 MiB): what indexing holds in memory besides the offsets. */
  readonly chunkBytes?: number;
}

/** A JSON array of events, or JSON values one after another (NDJSON, or pretty-printed objects in a row). */
export type TimelineFileFormat = 'jsonArray' | 'jsonLines';

/**
 * Where each event of a timeline file starts and ends: 16 bytes an event, whatever its size, so a file of a
 * gigabyte is indexed in one streamed pass and read back a page at a time (see TimelineFileSource).
 */
export class TimelineFileIndex {
  constructor(
    readonly path: string,
    readonly format: TimelineFileFormat,
    readonly size: number,
    private readonly offsets: Float64Array,
    readonly count: number,
  ) {}

  start(event: number): number {
    return this.offsets[event * 2];
  }

  end(event: number): number {
    return this.offsets[event * 2 + 1];
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const BOM = [0xef, 0xbb, 0xbf];
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Indexes a timeline file as it streams: a JSON array's elements, or the top-level values of NDJSON. Only
 * the structure is scanned (brackets outside strings); each event is parsed when its page is read. Cancelled
 * by `signal` with a TimelineError of kind `cancelled`.
 */
export async function indexTimelineFile(path: string, options: FileIndexOptions = {}): Promise<TimelineFileIndex> {
  const { signal, onProgress, chunkBytes = 1024 * 1024 } = options;
  signal?.throwIfAborted();
  const totalBytes = (await stat(path)).size;
  const scanner = new StructureScanner();
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes, signal }) as AsyncIterable<Buffer>) {
      scanner.scan(chunk, bytes);
      bytes += chunk.length;
      onProgress?.({ bytes, totalBytes, events: scanner.count });
    }
  } catch (e) {
    if (signal?.aborted) throw new TimelineError('cancelled', 'Opening the file was cancelled.');
    if (e instanceof TimelineError) throw e;
    throw new TimelineError('config', `The file could not be read: ${(e as Error).message}`);
  }
  return new TimelineFileIndex(path, scanner.finish(bytes), totalBytes, scanner.offsets, scanner.count);
}

/**
 * The structural scan, chunk by chunk, its state kept across chunk boundaries: the depth of brackets, whether
 * it is inside a string (and just after a backslash), and where the open event started.
 */
class StructureScanner {
  offsets = new Float64Array(1024);
  count = 0;
  private format: TimelineFileFormat | undefined;
  /** The depth events sit at: 1 inside the array, 0 for values one after another. */
  private base = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Where the open event starts; -1 between events. */
  private open = -1;
  /** A value that is not a container or a string (a number, true): it ends at the next delimiter. */
  private bare = false;
  private closed = false;
  private first = true;

  scan(chunk: Buffer, offset: number): void {
    let i = 0;
    if (this.first) {
      // a UTF-8 byte order mark, which a chunk boundary may split
      while (i < chunk.length && offset + i < BOM.length && chunk[i] === BOM[offset + i]) i++;
      while (i < chunk.length && isSpace(chunk[i])) i++;
      if (i === chunk.length) return;
      this.first = false;
      this.format = chunk[i] === OPEN_ARRAY ? 'jsonArray' : 'jsonLines';
      if (this.format === 'jsonArray') {
        this.base = 1;
        this.depth = 1;
        i++;
      } else if (chunk[i] !== OPEN_OBJECT) {
        const start = chunk.subarray(i, i + 20).toString('utf8').replace(/\s+/g, ' ');
        throw new TimelineError('badShape', `The file is not NDJSON or a JSON array of events: it starts with "${start}".`);
      }
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === this.base) this.close(offset + i + 1);
        }
        continue;
      }
      if (this.bare) {
        if (!(isSpace(c) || c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT)) continue;
        this.bare = false;
        this.close(offset + i);
      }
      if (isSpace(c)) continue;
      if (this.closed) throw new TimelineError('badShape', `The file goes on after its array closed (at byte ${(offset + i).toLocaleString('en-US')}).`);
      if (c === QUOTE) {
        if (this.depth === this.base) this.open = offset + i;
        this.inString = true;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === this.base) this.open = offset + i;
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth === this.base) this.close(offset + i + 1);
        else if (this.depth < this.base) {
          if (this.format === 'jsonLines') throw new TimelineError('badShape', `The file has an unmatched "${String.fromCharCode(c)}" at byte ${(offset + i).toLocaleString('en-US')}.`);
          this.closed = true;
        }
      } else if (c === COMMA) {
        if (this.depth === this.base && this.format === 'jsonLines') throw new TimelineError('badShape', `The file has a "," between top-level values at byte ${(offset + i).toLocaleString('en-US')}: write NDJSON (one event per line) or a JSON array.`);
      } else if (this.depth === this.base) {
        this.open = offset + i;
        this.bare = true;
      }
    }
  }

  /** The file's format, once its end is reached: an event left open is an error, not a silent loss. */
  finish(size: number): TimelineFileFormat {
    if (this.bare) {
      this.bare = false;
      this.close(size);
    }
    if (this.open >= 0 || (this.format === 'jsonArray' && !this.closed)) {
      throw new TimelineError('badShape', `The file ends inside an event${this.open >= 0 ? ` that starts at byte ${this.open.toLocaleString('en-US')}` : ''}: it may have been cut short.`);
    }
    return this.format ?? 'jsonLines';
  }

  private close(end: number): void {
    if (this.count * 2 === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count * 2] = this.open;
    this.offsets[this.count * 2 + 1] = end;
    this.count++;
    this.open = -1;
  }
}
