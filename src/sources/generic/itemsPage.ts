import type { PathSegment } from '../../core/jsonPath';
import { RawPage, skipSpace, skipString, skipValue } from '../../core/rawPage';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * The RawPage of a body's item array at `segments` (`$`, `$.data`, `$.result.items`): events point into the
 * server's own bytes, whatever the envelope. A top-level array or member is what RawPage reads itself; a
 * deeper array is found once in the bytes and read as a bare array (a view into the body, not a copy).
 * The body must be valid JSON (it was parsed).
 */
export function itemsPage(body: Buffer, segments: readonly PathSegment[]): RawPage {
  if (segments.length === 0) return new RawPage(body, undefined);
  if (segments.length === 1 && typeof segments[0] === 'string') return new RawPage(body, segments[0]);
  const range = valueRange(body, segments);
  return new RawPage(range ? body.subarray(range.start, range.end) : Buffer.alloc(0), undefined);
}

/** Where the value at `segments` starts and ends in `bytes`; a duplicate key counts as its last occurrence, as in JSON.parse. */
export function valueRange(bytes: Uint8Array, segments: readonly PathSegment[]): { start: number; end: number } | undefined {
  let start = skipSpace(bytes, 0);
  for (const segment of segments) {
    const found = typeof segment === 'number' ? elementAt(bytes, start, segment) : memberOf(bytes, start, segment);
    if (found === undefined) return undefined;
    start = found;
  }
  return { start, end: skipValue(bytes, start) };
}

function memberOf(bytes: Uint8Array, start: number, key: string): number | undefined {
  if (bytes[start] !== OPEN_OBJECT) return undefined;
  let found: number | undefined;
  let pos = skipSpace(bytes, start + 1);
  while (pos < bytes.length && bytes[pos] !== CLOSE_OBJECT) {
    const keyEnd = skipString(bytes, pos);
    const name = JSON.parse(Buffer.from(bytes.subarray(pos, keyEnd)).toString('utf8')) as string;
    pos = skipSpace(bytes, keyEnd);
    if (bytes[pos] !== COLON) return undefined;
    pos = skipSpace(bytes, pos + 1);
    if (name === key) found = pos;
    pos = skipSpace(bytes, skipValue(bytes, pos));
    if (bytes[pos] === COMMA) pos = skipSpace(bytes, pos + 1);
  }
  return found;
}

function elementAt(bytes: Uint8Array, start: number, index: number): number | undefined {
  if (bytes[start] !== OPEN_ARRAY) return undefined;
  let pos = skipSpace(bytes, start + 1);
  for (let k = 0; pos < bytes.length && bytes[pos] !== CLOSE_ARRAY; k++) {
    if (k === index) return pos;
    pos = skipSpace(bytes, skipValue(bytes, pos));
    if (bytes[pos] === COMMA) pos = skipSpace(bytes, pos + 1);
  }
  return undefined;
}
