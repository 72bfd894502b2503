import type { FileHandle } from 'node:fs/promises';
import type { RawPage } from './rawPage';

/** Bytes gathered before one write: few system calls, and a copy of one chunk overlaps the write of the other. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
const LF = 0x0a;

/**
 * Writes many small pieces to a file as few large writes, with two buffers: one is filled while the other is
 * being written, so copying the pieces and the disk work at the same time. Adding is synchronous (an export adds
 * 100,000s of pieces); only a full chunk waits, and then only for the write before it.
 */
export class ChunkWriter {
  private filling = Buffer.allocUnsafe(CHUNK_BYTES);
  private spare = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private sent = 0;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly file: FileHandle) {}

  /** Bytes taken so far (written, being written, or gathered). */
  get bytes(): number {
    return this.sent + this.used;
  }

  /** Whether `length` more bytes fit in the chunk being filled; when not, `flush` first. */
  fits(length: number): boolean {
    return this.used + length <= CHUNK_BYTES;
  }

  /**
   * Items `first` to `last` of `page` as lines: the page's bytes from the first's start to the last's end in one
   * copy, the one byte between each two (their comma: see `joinedByOneByte`) made a line break, and one after
   * the last (see `fits`: the span's length and one).
   */
  addLines(page: RawPage, first: number, last: number): void {
    const start = page.itemStart(first);
    const at = this.used - start;
    const end = page.itemEnd(last);
    page.bytes.copy(this.filling, this.used, start, end);
    for (let i = first; i < last; i++) this.filling[at + page.itemEnd(i)] = LF;
    this.filling[at + end] = LF;
    this.used += end - start + 1;
  }

  /** Copies `piece` in (see `fits`). */
  add(piece: Uint8Array): void {
    this.filling.set(piece, this.used);
    this.used += piece.length;
  }

  /** Starts writing what was gathered, once the write before it is done (its buffer is the next to fill). */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.used === 0) return;
    const data = this.filling.subarray(0, this.used);
    [this.filling, this.spare] = [this.spare, this.filling];
    this.sent += this.used;
    this.used = 0;
    const write = writeAll(this.file, data);
    write.catch(() => undefined); // awaited by the next flush or by `end`; never left unhandled meanwhile
    this.inFlight = write;
  }

  /** Writes a piece too large for a chunk as it is, after what was gathered before it. */
  async writeLarge(piece: Uint8Array): Promise<void> {
    await this.flush();
    await this.inFlight;
    this.sent += piece.length;
    await writeAll(this.file, piece);
  }

  /** Writes what is left and waits for every write. */
  async end(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }

  /** Waits for a write in flight without failing, so the file can be closed after an error. */
  async settle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }
}

async function writeAll(file: FileHandle, data: Uint8Array): Promise<void> {
  for (let at = 0; at < data.length; ) at += (await file.write(data, at)).bytesWritten;
}
