import { type FileHandle, open } from 'node:fs/promises';
import { TimelineError } from '../../core/errors';
import { RawPage } from '../../core/rawPage';
import { Redactor } from '../../core/redact';
import type { PageRequest, TimelineSource } from '../../core/source';
import { readEvents } from './events';
import { type FileIndexOptions, type TimelineFileIndex, indexTimelineFile } from './fileIndex';
import type { GenericPage } from './genericSource';
import type { GenericFields } from './mapping';
import { detectPreset } from './detect';
import type { GenericPreset } from './presets';

const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
/** Events read to tell which preset a file's events fit. */
const SAMPLE_EVENTS = 20;

export interface TimelineFileSourceOptions {
  readonly index: TimelineFileIndex;
  /** Where each event's id, time, type… are (a mapping's fields). */
  readonly fields: GenericFields;
  /** Masks secrets in what errors quote. */
  readonly redactor?: Redactor;
}

/**
 * A timeline read from a file a page at a time, through its index: each page is one read of the bytes its
 * events span, so only the pages held are in memory, and every event keeps the file's exact bytes. The cursor
 * is the number of the page's first event.
 */
export class TimelineFileSource implements TimelineSource {
  private handle: Promise<FileHandle> | undefined;
  private readonly redactor: Redactor;

  constructor(private readonly options: TimelineFileSourceOptions) {
    this.redactor = options.redactor ?? new Redactor();
  }

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<GenericPage> {
    const { index, fields } = this.options;
    const first = request.cursor === undefined ? 0 : Number(request.cursor);
    if (!Number.isInteger(first) || first < 0 || first > index.count) throw new TimelineError('config', 'The file was read from a position it does not have.');
    const last = Math.min(index.count, first + request.limit);
    const body = await eventsBytes(await (this.handle ??= open(index.path, 'r')), index, first, last);
    signal.throwIfAborted();
    const redact = (text: string): string => this.redactor.redact(text);
    const page = new RawPage(body, undefined);
    // the fast reading first, as for pages from a server (see parseJsonBytes)
    const events = readEvents(fields, page, parseItems(body, first, index, redact), true, redact) ?? readEvents(fields, page, JSON.parse(body.toString('utf8')) as unknown[], false, redact);
    return { events: events ?? [], nextCursor: last < index.count ? String(last) : undefined, bytes: body.length };
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
  }
}

/** The events [first, last) as one JSON array: one read of the file, each event's bytes kept exactly. */
async function eventsBytes(file: FileHandle, index: TimelineFileIndex, first: number, last: number): Promise<Buffer> {
  if (first === last) return Buffer.from('[]');
  const from = index.start(first);
  const span = Buffer.alloc(index.end(last - 1) - from);
  for (let at = 0; at < span.length; ) {
    const { bytesRead } = await file.read(span, at, span.length - at, from + at);
    if (bytesRead === 0) throw new TimelineError('badShape', 'The file got shorter since it was opened: open it again.');
    at += bytesRead;
  }
  const parts: Buffer[] = [OPEN];
  for (let k = first; k < last; k++) {
    if (k > first) parts.push(COMMA);
    parts.push(span.subarray(index.start(k) - from, index.end(k) - from));
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** The page's events parsed the fast way (Latin-1); one that is not JSON is named by its number and offset in the file. */
function parseItems(body: Buffer, first: number, index: TimelineFileIndex, redact: (text: string) => string): unknown[] {
  try {
    return JSON.parse(body.toString('latin1')) as unknown[];
  } catch {
    const page = new RawPage(body, undefined);
    for (let k = 0; k < page.itemCount; k++) {
      try {
        JSON.parse(page.itemText(k));
      } catch {
        const text = redact(page.itemText(k)).replace(/\s+/g, ' ');
        const at = index.start(first + k).toLocaleString('en-US');
        throw new TimelineError('badJson', `Event ${(first + k + 1).toLocaleString('en-US')} of the file (at byte ${at}) is not JSON: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`);
      }
    }
    throw new TimelineError('badJson', 'The file holds text that is not JSON between its events.');
  }
}

export interface OpenTimelineFileOptions extends FileIndexOptions {
  /** The fields to read events by; without them, the preset whose fields fit the file's first events. */
  readonly fields?: GenericFields;
  readonly redactor?: Redactor;
}

export interface OpenedTimelineFile {
  readonly source: TimelineFileSource;
  readonly index: TimelineFileIndex;
  readonly fields: GenericFields;
  /** The preset found for the file's events, when no fields were given. */
  readonly preset?: GenericPreset;
}

/**
 * Indexes a timeline file (an export of this extension, a download from an API, a log) and reads its events
 * by the given fields, or by the preset its first events fit: the built-in exports are found by their shape.
 */
export async function openTimelineFile(path: string, options: OpenTimelineFileOptions = {}): Promise<OpenedTimelineFile> {
  const index = await indexTimelineFile(path, options);
  if (options.fields) return { index, fields: options.fields, source: new TimelineFileSource({ index, fields: options.fields, redactor: options.redactor }) };
  const file = await open(path, 'r');
  let sample: unknown[];
  try {
    sample = parseItems(await eventsBytes(file, index, 0, Math.min(index.count, SAMPLE_EVENTS)), 0, index, (text) => (options.redactor ?? new Redactor()).redact(text));
  } finally {
    await file.close();
  }
  const found = detectPreset(sample);
  if (!found) throw new TimelineError('badShape', 'No preset fits the events of this file: give a mapping that says where their id, time and type are.');
  return { index, fields: found.fields, preset: found.preset, source: new TimelineFileSource({ index, fields: found.fields, redactor: options.redactor }) };
}
