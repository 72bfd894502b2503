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
}

/** A text as place() left it: the string kept, or read back from the offset up to its closing quote. */
export function textAt(bytes: Buffer, placed: string | number): string {
  return typeof placed === 'string' ? placed : bytes.toString('latin1', placed, bytes.indexOf(0x22, placed));
}
