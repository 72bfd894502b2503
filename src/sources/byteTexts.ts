import { skipSpace, skipValue } from '../core/rawPage';

/** Text that reads the same in a JSON string's bytes and in the value: printable ASCII without `"` or `\`. */
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;

/** Bytes the searches of one page may read, per byte of the page, before its texts are kept as strings. */
const SCAN_BUDGET = 4;

/** The longest text placed: each read decodes it again, so a longer one (a hostile id) is kept as a string, once. */
const MAX_PLACED = 256;

/**
 * Where a page's indexed strings are written in its bytes, so that an event holds an offset (a small integer in
 * its object) instead of a string of its own, and reads the text back when asked (textAt). A value is placed
 * at the first place, at or after the previous item's first placed text, where the page holds it quoted: an
 * item lies wholly after that point, so its own text is found, or an earlier copy of the same bytes, which
 * reads back the same. Escaped, non-ASCII or long values stay strings; a page whose searches read more than
 * SCAN_BUDGET times its size (a value written only far away, a hostile page) keeps the rest as strings too.
 */
export class ByteTexts {
  /** Where this item's searches start. */
  private from = 0;
  private first: number | undefined;
  private budget: number;

  constructor(private readonly bytes: Buffer) {
    this.budget = SCAN_BUDGET * bytes.length;
  }

  /** Moves on to the next item of the page. */
  nextItem(): void {
    if (this.first !== undefined) this.from = this.first;
    this.first = undefined;
  }

  /** The offset of the value's text in the page's bytes, or the value itself when it is not placed. */
  place(value: string): string | number {
    if (this.budget <= 0 || value.length > MAX_PLACED || !VERBATIM.test(value)) return value;
    const at = this.bytes.indexOf(`"${value}"`, this.from, 'latin1');
    this.budget -= (at < 0 ? this.bytes.length : at) - this.from;
    if (at < 0) return value;
    this.first ??= at;
    return at + 1;
  }

  /**
   * Where the page writes the number of member `key` as the server sent it (`"amount": 12.50`), searched from this
   * item's first placed text: the literal keeps what JSON.parse drops (`12.50`, digits past 2^53). Placed only
   * where it reads as `value`, so an earlier member of that name with another number is passed over; a literal
   * is held as the complement (~) of its offset. Else the value printed, as a string.
   */
  placeNumber(key: string, value: number): string | number {
    const bytes = this.bytes;
    const quoted = `"${key}"`;
    for (let from = this.first ?? this.from; this.budget > 0; ) {
      const at = bytes.indexOf(quoted, from, 'latin1');
      this.budget -= (at < 0 ? bytes.length : at) - from;
      if (at < 0) break;
      const colon = skipSpace(bytes, at + quoted.length);
      if (bytes[colon] === COLON) {
        const start = skipSpace(bytes, colon + 1);
        if (isNumberStart(bytes[start]) && Number(bytes.toString('latin1', start, skipValue(bytes, start))) === value) return ~start;
      }
      from = at + 1;
    }
    return String(value);
  }
}

/**
 * A text as place() or placeNumber() left it: the string kept, read back from the offset up to its closing quote,
 * or (a complemented offset) the number literal written there.
 */
export function textAt(bytes: Buffer, placed: string | number): string {
  if (typeof placed === 'string') return placed;
  if (placed < 0) return bytes.toString('latin1', ~placed, skipValue(bytes, ~placed));
  return bytes.toString('latin1', placed, bytes.indexOf(0x22, placed));
}

const COLON = 0x3a;

/** A JSON number starts with a digit or `-`; any other value (a string, an object) is not read as one. */
function isNumberStart(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2d);
}
