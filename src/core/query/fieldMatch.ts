import { EscapeScan } from '../escapes';
import type { TimelineEvent } from '../event';
import type { PathSegment } from '../jsonPath';
import { decodeJsonString } from '../jsonTokens';
import { Needle } from '../needle';
import { type RawPage, skipSpace, skipString, skipValue } from '../rawPage';

/** `data.item.amount:1234.50`: the value at a path of an event's JSON. */
export interface FieldTerm {
  readonly path: readonly PathSegment[];
  readonly value: string;
}

/** A member name as the bytes a key without escapes holds, and as text for a key with them. */
interface Key {
  readonly bytes: Buffer;
  readonly name: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether events hold a field term: the value at the path, as the server wrote it, equals the term's value,
 * ignoring case. A number compares as its literal (`1.10` is not `1.1`), a string with its escapes decoded
 * (`\u00e9` is `é`); an object or an array equals nothing. A duplicate key counts as its last occurrence, as
 * in JSON.parse.
 *
 * No event is decoded to be matched: a value must first appear in the page's bytes (one case-folding scan
 * per page, as Find's, with the escapes that could hide it), and only the items where it does are walked, by
 * skipping from key to key along the path.
 */
export class FieldMatcher {
  private readonly segments: readonly (Key | number)[];
  private readonly lower: string;
  /** Undefined for an empty value, which every item may hold. */
  private readonly needle: Needle | undefined;
  private readonly escapes: EscapeScan | undefined;
  private lastPage: RawPage | undefined;
  /** The page's items whose bytes hold the value; undefined when every item may. */
  private candidates: ReadonlySet<number> | undefined;

  constructor(readonly term: FieldTerm) {
    this.segments = term.path.map((s) => (typeof s === 'number' ? s : { bytes: Buffer.from(s, 'utf8'), name: s }));
    this.lower = term.value.toLowerCase();
    this.needle = term.value === '' ? undefined : new Needle(term.value);
    this.escapes = this.needle && new EscapeScan(this.needle.lower);
  }

  matches(event: TimelineEvent): boolean {
    const { page, index } = event.raw;
    if (page !== this.lastPage) {
      this.candidates = this.needle && this.itemsHolding(page);
      this.lastPage = page;
    }
    return (this.candidates === undefined || this.candidates.has(index)) && this.holds(page.itemBytes(index));
  }

  /** The same test for one item's bytes (a JSON value), read on its own. */
  matchesItem(bytes: Buffer): boolean {
    if (this.needle && this.escapes) {
      let seen = false;
      const see = (): void => {
        seen = true;
      };
      this.needle.forEachHit(bytes, see);
      if (!seen) this.escapes.forEachHit(bytes, see);
      if (!seen) return false;
    }
    return this.holds(bytes);
  }

  private itemsHolding(page: RawPage): Set<number> {
    const items = new Set<number>();
    const add = (offset: number): void => {
      const item = page.itemAt(offset);
      if (item >= 0) items.add(item);
    };
    this.needle?.forEachHit(page.bytes, add);
    this.escapes?.forEachHit(page.bytes, add);
    return items;
  }

  private holds(item: Buffer): boolean {
    let pos = skipSpace(item, 0);
    for (const segment of this.segments) {
      pos = typeof segment === 'number' ? element(item, pos, segment) : member(item, pos, segment);
      if (pos < 0) return false;
    }
    return valueEquals(item, pos, skipValue(item, pos), this.lower);
  }
}

/** Where the value of `key` starts in the object at `pos`, the last one when the key repeats; -1 if none. */
function member(bytes: Buffer, pos: number, key: Key): number {
  if (bytes[pos] !== OPEN_OBJECT) return -1;
  let found = -1;
  pos = skipSpace(bytes, pos + 1);
  while (bytes[pos] === QUOTE) {
    const keyEnd = skipString(bytes, pos);
    const same = keyEquals(bytes, pos, keyEnd, key);
    pos = skipSpace(bytes, keyEnd);
    if (bytes[pos] !== COLON) return -1;
    pos = skipSpace(bytes, pos + 1);
    if (same) found = pos;
    pos = skipSpace(bytes, skipValue(bytes, pos));
    if (bytes[pos] !== COMMA) break;
    pos = skipSpace(bytes, pos + 1);
  }
  return found;
}

/** Where element `index` of the array at `pos` starts; -1 if the array is shorter. */
function element(bytes: Buffer, pos: number, index: number): number {
  if (bytes[pos] !== OPEN_ARRAY) return -1;
  pos = skipSpace(bytes, pos + 1);
  for (let i = 0; pos < bytes.length && bytes[pos] !== CLOSE_ARRAY; i++) {
    if (i === index) return pos;
    pos = skipSpace(bytes, skipValue(bytes, pos));
    if (bytes[pos] !== COMMA) return -1;
    pos = skipSpace(bytes, pos + 1);
  }
  return -1;
}

/**
 * The key token at [start, end) against a name, byte by byte; a key with an escape is decoded to compare. The
 * bytes before a key's first escape stand for themselves, so a difference there settles it.
 */
function keyEquals(bytes: Buffer, start: number, end: number, key: Key): boolean {
  const length = end - start - 2;
  const expected = key.bytes;
  for (let i = 0; i < length; i++) {
    const c = bytes[start + 1 + i];
    if (c === BACKSLASH) return decodeJsonString(bytes.toString('utf8', start, end)) === key.name;
    if (i >= expected.length || c !== expected[i]) return false;
  }
  return length === expected.length;
}

function valueEquals(bytes: Buffer, start: number, end: number, lower: string): boolean {
  const first = bytes[start];
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) return false;
  return (first === QUOTE ? stringValue(bytes, start, end) : bytes.toString('latin1', start, end)).toLowerCase() === lower;
}

function stringValue(bytes: Buffer, start: number, end: number): string {
  const escape = bytes.indexOf(BACKSLASH, start + 1);
  return escape < 0 || escape >= end ? bytes.toString('utf8', start + 1, end - 1) : decodeJsonString(bytes.toString('utf8', start, end));
}
