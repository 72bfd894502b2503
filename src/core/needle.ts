/**
 * A query searched in raw UTF-8 bytes, ignoring case, at about the speed of `Buffer.indexOf`: a JavaScript loop
 * over every byte, or decoding the bytes to a string first, costs 3–5× that (see docs/performance.md, B6).
 *
 * `indexOf` is case-sensitive, so the search runs it for every case variant of an anchor: the longest stretch of
 * the query with at most four variants (digits and punctuation have one, each letter two). An id such as
 * `c3a1f00d-…-7b40f4d24654` anchors on a letter-free run and takes one scan; a word takes up to four. Each anchor
 * hit is then checked against the whole query.
 */
export class Needle {
  /** The query in lower case. */
  readonly lower: string;
  /** True when every hit reported is a whole match (an ASCII query); otherwise hits are candidates to confirm. */
  readonly exact: boolean;
  private readonly anchors: readonly Buffer[];
  /** Bytes of the query before the anchor (ASCII queries only). */
  private readonly anchorOffset: number;
  private readonly lowerBytes: Buffer;

  constructor(query: string) {
    this.lower = query.toLowerCase();
    this.lowerBytes = Buffer.from(this.lower, 'utf8');
    // eslint-disable-next-line no-control-regex -- ASCII is the point
    this.exact = /^[\u0000-\u007f]*$/.test(query);
    const chars = [...query];
    const { start, end } = bestAnchor(chars.map((c) => caseVariants(c).length));
    this.anchors = expand(chars.slice(start, end)).map((s) => Buffer.from(s, 'utf8'));
    this.anchorOffset = Buffer.byteLength(chars.slice(0, start).join(''), 'utf8');
  }

  /**
   * Calls `hit(offset)` for each place in `bytes` where the query may start: exactly where it starts for an
   * exact needle, otherwise where its anchor was found (the caller confirms). Offsets are not in order.
   */
  forEachHit(bytes: Buffer, hit: (offset: number) => void): void {
    const length = this.lowerBytes.length;
    for (const anchor of this.anchors) {
      for (let at = bytes.indexOf(anchor); at >= 0; at = bytes.indexOf(anchor, at + 1)) {
        if (!this.exact) hit(at);
        else {
          const start = at - this.anchorOffset;
          if (start >= 0 && start + length <= bytes.length && this.asciiEqualAt(bytes, start)) hit(start);
        }
      }
    }
  }

  private asciiEqualAt(bytes: Buffer, start: number): boolean {
    const lower = this.lowerBytes;
    for (let i = 0; i < lower.length; i++) {
      let c = bytes[start + i];
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== lower[i]) return false;
    }
    return true;
  }
}

/** The spellings of one character that ignore-case matching treats as equal to it. */
function caseVariants(c: string): string[] {
  const lower = c.toLowerCase();
  return [...new Set([c, lower, c.toUpperCase()])].filter((v) => [...v].length === 1 && v.toLowerCase() === lower);
}

const MAX_VARIANTS = 4;

/** The longest run of characters whose variants multiply to at most MAX_VARIANTS (the earliest on a tie). */
function bestAnchor(variantCounts: readonly number[]): { start: number; end: number } {
  let best = { start: 0, end: Math.min(1, variantCounts.length) };
  let start = 0;
  let product = 1;
  for (let end = 0; end < variantCounts.length; end++) {
    product *= variantCounts[end];
    while (product > MAX_VARIANTS) product /= variantCounts[start++];
    if (end + 1 - start > best.end - best.start) best = { start, end: end + 1 };
  }
  return best;
}

/** Every spelling of `chars` with each character in each of its case variants. */
function expand(chars: readonly string[]): string[] {
  let out = [''];
  for (const c of chars) out = out.flatMap((prefix) => caseVariants(c).map((v) => prefix + v));
  return out;
}
