import { codeUnits } from './linearSearch';

/**
 * Where a JSON escape could hide a query from a byte search. A decoded match can only span an escape that
 * decodes to one of the query's characters, so only those count (`\/` for a query with a slash, `\u00e9` for
 * one with an é). Backslashes are found with `Buffer.indexOf` and each run of them is read once: in a run, pairs
 * are escaped backslashes and an odd last one escapes the byte after the run, so a page of backslashes costs one
 * pass, not one look back per backslash. Encoders write `\u` escapes for control, non-ASCII and HTML-sensitive
 * characters, never for letters, digits or `-_.:` and space, so a query made of those only (an id, a word) skips
 * the scan.
 */
export class EscapeScan {
  /** For each byte that may follow a backslash, whether that short escape decodes to a character of the query. */
  private readonly shortWanted = new Uint8Array(256);
  /** Whether `\u` escapes are decoded to be checked. */
  private readonly unicode: boolean;

  /** `lowerQuery`: the query in lower case. */
  constructor(private readonly lowerQuery: string) {
    for (const [letter, decoded] of SHORT_ESCAPES) if (this.wanted(decoded)) this.shortWanted[letter.charCodeAt(0)] = 1;
    this.unicode = !PLAIN.test(lowerQuery);
  }

  /**
   * Calls `hit(offset)` at the first escape of each run of backslashes in `bytes` that decodes to a character of
   * the query (a run lies in one string). `hit` may return where to go on from: a place outside every string.
   */
  forEachHit(bytes: Buffer, hit: (offset: number) => number | void): void {
    if (!this.unicode && !this.shortWanted.includes(1)) return;
    for (let at = bytes.indexOf(BACKSLASH); at >= 0; ) {
      let end = at + 1;
      while (end < bytes.length && bytes[end] === BACKSLASH) end++;
      const last = (end - at) % 2 === 1 ? end - 1 : -1; // the backslash escaping the byte after the run
      const escape = end - at >= 2 && this.shortWanted[BACKSLASH] ? at : last >= 0 && this.wantedAt(bytes, last) ? last : -1;
      const next = escape >= 0 ? Math.max(end, hit(escape) ?? 0) : end;
      at = bytes.indexOf(BACKSLASH, next);
    }
  }

  /** Whether the escape whose backslash is at `at` decodes to a character of the query. */
  private wantedAt(bytes: Buffer, at: number): boolean {
    if (at + 1 >= bytes.length) return false;
    const letter = bytes[at + 1];
    return letter === LETTER_U ? this.unicode && this.wanted(decodeUnicodeEscape(bytes, at)) : this.shortWanted[letter] === 1;
  }

  private wanted(decoded: string | undefined): boolean {
    return decoded !== undefined && this.lowerQuery.includes(decoded.toLowerCase());
  }
}

/** Characters no JSON encoder writes as `\u` escapes. */
const PLAIN = /^[a-z0-9 _.:-]*$/;
const SHORT_ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
/** For each letter after a backslash, the code unit its short escape decodes to, -1 for none. */
const SHORT_DECODED = Int32Array.from({ length: 128 }, (_, c) => SHORT_ESCAPES.get(String.fromCharCode(c))?.charCodeAt(0) ?? -1);
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;
/** Each character code below 256 as a hexadecimal digit, -1 for the others. */
const HEX = Int8Array.from({ length: 256 }, (_, c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1));

/** The character of the `\uXXXX` escape at `at` (a surrogate pair read whole), or undefined if malformed. */
function decodeUnicodeEscape(bytes: Buffer, at: number): string | undefined {
  if (!isHex4(bytes, at + 2)) return undefined;
  const unit = hex4(bytes, at + 2);
  if (unit >= 0xd800 && unit <= 0xdbff && bytes[at + 6] === BACKSLASH && bytes[at + 7] === LETTER_U && isHex4(bytes, at + 8)) {
    const low = hex4(bytes, at + 8);
    if (low >= 0xdc00 && low <= 0xdfff) return String.fromCharCode(unit, low);
  }
  return String.fromCharCode(unit);
}

/** Whether four hexadecimal digits are at `at`. */
function isHex4(units: ArrayLike<number>, at: number): boolean {
  if (at + 4 > units.length) return false;
  for (let i = at; i < at + 4; i++) if (units[i] >= 256 || HEX[units[i]] < 0) return false;
  return true;
}

/** The code unit written as the four hexadecimal digits at `at` (see isHex4). */
function hex4(units: ArrayLike<number>, at: number): number {
  return HEX[units[at]] * 4096 + HEX[units[at + 1]] * 256 + HEX[units[at + 2]] * 16 + HEX[units[at + 3]];
}

/**
 * The text with every JSON string escape decoded (structure and raw characters as they are; a backslash that
 * starts no escape stays). One pass over its code units, decoded in place: a megabyte of escapes takes
 * milliseconds.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  const units = codeUnits(text);
  let length = 0;
  for (let i = 0; i < units.length; i++) {
    const c = units[i];
    if (c !== BACKSLASH || i + 1 === units.length) {
      units[length++] = c;
      continue;
    }
    const letter = units[i + 1];
    if (letter === LETTER_U && isHex4(units, i + 2)) {
      units[length++] = hex4(units, i + 2);
      i += 5;
    } else if (letter < 128 && SHORT_DECODED[letter] >= 0) {
      units[length++] = SHORT_DECODED[letter];
      i += 1;
    } else units[length++] = c;
  }
  return unitsToString(units, length);
}

/** The string of the first `length` code units, lone surrogates kept (a decoder would replace them). */
function unitsToString(units: Uint16Array, length: number): string {
  const CHUNK = 8192; // String.fromCharCode takes its units as arguments, and arguments are few
  const parts: string[] = [];
  for (let i = 0; i < length; i += CHUNK) parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(i + CHUNK, length)) as unknown as number[]));
  return parts.join('');
}
