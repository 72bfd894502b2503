/**
 * Where a JSON escape could hide a query from a byte search. A decoded match can only span an escape that
 * decodes to one of the query's characters, so only those escapes are looked for (`\/` for a query with a
 * slash, `\u00e9` for one with an é), each with `Buffer.indexOf`: a page whose escapes are all `\"` or `\u2028`
 * costs a few native scans and no decoding. Encoders write `\u` escapes for control, non-ASCII and HTML-sensitive
 * characters, never for letters, digits or `-_.:` and space, so a query made of those only (an id, a word)
 * skips that scan.
 */
export class EscapeScan {
  private readonly patterns: readonly Buffer[];

  /** `lowerQuery`: the query in lower case. */
  constructor(private readonly lowerQuery: string) {
    const short = [...SHORT_ESCAPES].filter(([, decoded]) => this.wanted(decoded)).map(([letter]) => Buffer.from(`\\${letter}`, 'latin1'));
    this.patterns = PLAIN.test(lowerQuery) ? short : [UNICODE_ESCAPE, ...short];
  }

  /** Calls `hit(offset)` at each escape in `bytes` that decodes to a character of the query. */
  forEachHit(bytes: Buffer, hit: (offset: number) => void): void {
    for (const pattern of this.patterns) {
      for (let at = bytes.indexOf(pattern); at >= 0; at = bytes.indexOf(pattern, at + 1)) {
        if (isEscaped(bytes, at)) continue; // `\\u…`: the backslash is itself the escaped character
        if (pattern !== UNICODE_ESCAPE || this.wanted(decodeUnicodeEscape(bytes, at))) hit(at);
      }
    }
  }

  private wanted(decoded: string | undefined): boolean {
    return decoded !== undefined && this.lowerQuery.includes(decoded.toLowerCase());
  }
}

const UNICODE_ESCAPE = Buffer.from('\\u', 'latin1');
/** Characters no JSON encoder writes as `\\u` escapes. */
const PLAIN = /^[a-z0-9 _.:-]*$/;
const SHORT_ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
const BACKSLASH = 0x5c;

/** True when the backslash at `at` is preceded by an odd run of backslashes. */
function isEscaped(bytes: Buffer, at: number): boolean {
  let run = 0;
  while (at - run - 1 >= 0 && bytes[at - run - 1] === BACKSLASH) run++;
  return run % 2 === 1;
}

/** The character of the `\uXXXX` escape at `at` (a surrogate pair read whole), or undefined if malformed. */
function decodeUnicodeEscape(bytes: Buffer, at: number): string | undefined {
  const unit = hex4(bytes, at + 2);
  if (unit === undefined) return undefined;
  if (unit >= 0xd800 && unit <= 0xdbff && bytes[at + 6] === BACKSLASH && bytes[at + 7] === 0x75) {
    const low = hex4(bytes, at + 8);
    if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) return String.fromCharCode(unit, low);
  }
  return String.fromCharCode(unit);
}

function hex4(bytes: Buffer, at: number): number | undefined {
  if (at + 4 > bytes.length) return undefined;
  const text = bytes.toString('latin1', at, at + 4);
  return /^[0-9a-fA-F]{4}$/.test(text) ? Number.parseInt(text, 16) : undefined;
}

/** The text with every JSON string escape decoded (structure and raw characters as they are). */
export function decodeEscapes(text: string): string {
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g, (_, hex: string | undefined, short: string | undefined) =>
    hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (SHORT_ESCAPES.get(short ?? '') ?? ''),
  );
}
