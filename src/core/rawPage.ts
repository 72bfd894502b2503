/**
 * A page's body kept as the bytes the server sent. Events point into it by index, so the JSON shown for an
 * event is exactly the server's text (big integers, `1.10`, nanosecond timestamps and escapes intact) and
 * memory stays near the size of the responses instead of the 3–5× that parsed objects cost.
 */
export class RawPage {
  /** [start0, end0, start1, end1, …] byte offsets of each item, found on first use. */
  private ranges: Uint32Array | undefined;
  private lineBreak: boolean | undefined;

  /**
   * @param bytes the whole response body
   * @param itemsKey the top-level key holding the item array (`items`, `_data`); undefined for a bare array
   */
  constructor(
    readonly bytes: Buffer,
    readonly itemsKey: string | undefined,
  ) {}

  get itemCount(): number {
    return this.itemRanges().length / 2;
  }

  /** The exact JSON text of item `index`. */
  itemText(index: number): string {
    const ranges = this.itemRanges();
    if (index < 0 || index * 2 >= ranges.length) throw new RangeError(`No item ${index} in this page.`);
    return this.bytes.toString('utf8', ranges[index * 2], ranges[index * 2 + 1]);
  }

  /** The index of the item whose text holds byte `offset`, or -1 when it falls outside every item (the envelope). */
  itemAt(offset: number): number {
    const ranges = this.itemRanges();
    const lo = this.firstEndingAfter(offset);
    return lo * 2 < ranges.length && ranges[lo * 2] <= offset ? lo : -1;
  }

  /**
   * Where the stretch holding byte `offset` ends: its item's end, or in the envelope the next item's start (the
   * body's end after the last item). A search that has placed a hit there goes on from this offset.
   */
  regionEnd(offset: number): number {
    const ranges = this.itemRanges();
    const lo = this.firstEndingAfter(offset);
    if (lo * 2 >= ranges.length) return this.bytes.length;
    return ranges[lo * 2] <= offset ? ranges[lo * 2 + 1] : ranges[lo * 2];
  }

  /** The exact bytes of item `index`: a view into the page, not a copy. */
  itemBytes(index: number): Buffer {
    const ranges = this.itemRanges();
    if (index < 0 || index * 2 >= ranges.length) throw new RangeError(`No item ${index} in this page.`);
    return this.bytes.subarray(ranges[index * 2], ranges[index * 2 + 1]);
  }

  /** Where item `index` starts in the page's bytes. */
  itemStart(index: number): number {
    const ranges = this.itemRanges();
    if (index < 0 || index * 2 >= ranges.length) throw new RangeError(`No item ${index} in this page.`);
    return ranges[index * 2];
  }

  /** Where item `index` ends (exclusive) in the page's bytes. */
  itemEnd(index: number): number {
    const ranges = this.itemRanges();
    if (index < 0 || index * 2 >= ranges.length) throw new RangeError(`No item ${index} in this page.`);
    return ranges[index * 2 + 1];
  }

  /** Whether a CR or LF appears anywhere in the page: when none does, no item holds a line break. */
  get hasLineBreak(): boolean {
    this.lineBreak ??= this.bytes.indexOf(0x0a) >= 0 || this.bytes.indexOf(0x0d) >= 0;
    return this.lineBreak;
  }

  /** The first item ending after byte `offset` (binary search; the item count when none does). */
  private firstEndingAfter(offset: number): number {
    const ranges = this.itemRanges();
    let lo = 0;
    let hi = ranges.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid * 2 + 1] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private itemRanges(): Uint32Array {
    this.ranges ??= findItemRanges(this.bytes, this.itemsKey);
    return this.ranges;
  }
}

/** Where one event's text lives: its page and its position in the page's item array. */
export interface RawItem {
  readonly page: RawPage;
  readonly index: number;
}

export function rawText(item: RawItem): string {
  return item.page.itemText(item.index);
}

export function rawBytes(item: RawItem): Buffer {
  return item.page.itemBytes(item.index);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Byte offsets of every element of the item array. The body must already be valid JSON (the source parsed
 * it); structural characters are ASCII, so scanning UTF-8 bytes is safe. A duplicate key counts as its last
 * occurrence, as in JSON.parse.
 */
export function findItemRanges(bytes: Uint8Array, itemsKey: string | undefined): Uint32Array {
  let pos = skipSpace(bytes, 0);
  if (itemsKey === undefined) return arrayElementRanges(bytes, pos);
  if (bytes[pos] !== OPEN_OBJECT) return new Uint32Array(0);
  let found: Uint32Array = new Uint32Array(0);
  pos = skipSpace(bytes, pos + 1);
  while (pos < bytes.length && bytes[pos] !== CLOSE_OBJECT) {
    const keyEnd = skipString(bytes, pos);
    const key = JSON.parse(Buffer.from(bytes.subarray(pos, keyEnd)).toString('utf8')) as string;
    pos = skipSpace(bytes, keyEnd);
    if (bytes[pos] !== COLON) break;
    pos = skipSpace(bytes, pos + 1);
    if (key === itemsKey && bytes[pos] === OPEN_ARRAY) {
      found = arrayElementRanges(bytes, pos);
      // the array ends past its last element's closing bracket: skip to there instead of scanning it twice
      const last = found.length > 0 ? found[found.length - 1] : pos + 1;
      pos = skipSpace(bytes, last);
      pos = bytes[pos] === CLOSE_ARRAY ? skipSpace(bytes, pos + 1) : skipSpace(bytes, skipValue(bytes, pos));
    } else {
      pos = skipSpace(bytes, skipValue(bytes, pos));
    }
    if (bytes[pos] === COMMA) pos = skipSpace(bytes, pos + 1);
  }
  return found;
}

function arrayElementRanges(bytes: Uint8Array, start: number): Uint32Array {
  if (bytes[start] !== OPEN_ARRAY) return new Uint32Array(0);
  const out: number[] = [];
  let pos = skipSpace(bytes, start + 1);
  while (pos < bytes.length && bytes[pos] !== CLOSE_ARRAY) {
    const end = skipValue(bytes, pos);
    out.push(pos, end);
    pos = skipSpace(bytes, end);
    if (bytes[pos] === COMMA) pos = skipSpace(bytes, pos + 1);
  }
  return Uint32Array.from(out);
}

export function skipSpace(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length && isSpace(bytes[pos])) pos++;
  return pos;
}

/** `pos` is at an opening quote; returns the offset just past the closing one. */
export function skipString(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  for (pos++; pos < length; pos++) {
    const c = bytes[pos];
    if (c === BACKSLASH) pos++;
    else if (c === QUOTE) return pos + 1;
  }
  return length;
}

/**
 * Returns the offset just past the value starting at `pos`. This loop is most of what opening the first event
 * of a page costs (the page's item offsets are found then), so containers are scanned in one tight loop with
 * strings skipped inline (see docs/performance.md).
 */
export function skipValue(bytes: Uint8Array, pos: number): number {
  const length = bytes.length;
  const first = bytes[pos];
  if (first === QUOTE) return skipString(bytes, pos);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (; pos < length; pos++) {
      const c = bytes[pos];
      if (c === QUOTE) {
        for (pos++; pos < length; pos++) {
          const d = bytes[pos];
          if (d === BACKSLASH) pos++;
          else if (d === QUOTE) break;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return pos + 1;
    }
    return length;
  }
  while (pos < length) {
    const c = bytes[pos];
    if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) break;
    pos++;
  }
  return pos;
}
