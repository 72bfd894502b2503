import { FoldScan } from './foldScan';
import { LinearSearch, NATIVE_SEARCH_MAX } from './linearSearch';

/**
 * A query searched in raw UTF-8 bytes, ignoring case, near the speed of `Buffer.indexOf`: decoding the bytes to
 * a string first costs 3–5× that, and `indexOf` is case-sensitive (docs/performance.md, B6). So:
 * - an ASCII query of up to 16 bytes (a word, an amount, a short id), with a FoldScan: WebAssembly, 16 places at a
 *   time, 0.3–0.6× `indexOf` of the same bytes (which is slow for short patterns), where V8's ignore-case RegExp
 *   took 1.7× and the JavaScript scan 4.7×;
 * - a longer ASCII query (or any, where WebAssembly cannot run) with a stretch that case cannot change (digits,
 *   punctuation: most ids) of 8 bytes or more, with one native `indexOf` of that stretch, each hit then checked
 *   against the whole query; any other, with a case-folding Horspool scan in JavaScript (one pass, skipping by the
 *   query's length);
 * - a non-ASCII query, with native `indexOf` of each case variant of its best anchor (at most four), its hits
 *   being candidates for the caller to confirm.
 * Each stays linear in the bytes: a FoldScan compares a byte at most 16 times (its longest query), an anchor is
 * cut to what native search finds in linear time, and a scan whose checks of hits have cost more than the bytes it
 * passed (a long query over repetitive bytes) goes on with a LinearSearch from where it stopped.
 */
export class Needle {
  /** The query in lower case. */
  readonly lower: string;
  /** True when every hit reported is a whole match (an ASCII query); otherwise hits are candidates to confirm. */
  readonly exact: boolean;
  private readonly anchors: readonly Buffer[];
  /** Bytes of the query before the anchor. */
  private readonly anchorOffset: number;
  private readonly lowerBytes: Buffer;
  /** The Horspool skip for each byte, when the query is scanned in JavaScript. */
  private readonly skip: Int32Array | undefined;
  /** A short ASCII query, scanned 16 places at a time. */
  private readonly fold: FoldScan | undefined;

  constructor(query: string) {
    this.lower = query.toLowerCase();
    this.lowerBytes = Buffer.from(this.lower, 'utf8');
    // eslint-disable-next-line no-control-regex -- ASCII is the point
    this.exact = /^[\u0000-\u007f]*$/.test(query);
    const chars = [...query];
    const variants = chars.map((c) => caseVariants(c).length);
    const invariant = bestAnchor(variants, 1);
    const native = invariant.end - invariant.start >= Math.min(MIN_NATIVE_ANCHOR, chars.length);
    const { start, end } = native ? invariant : bestAnchor(variants, MAX_VARIANTS);
    this.fold = this.exact ? FoldScan.of(this.lowerBytes) : undefined;
    this.skip = this.exact && !native && !this.fold ? horspoolSkip(this.lowerBytes) : undefined;
    const anchor = nativeSized(chars.slice(start, end));
    this.anchors = expand(anchor).map((s) => Buffer.from(s, 'utf8'));
    this.anchorOffset = Buffer.byteLength(chars.slice(0, start).join(''), 'utf8');
  }

  /**
   * Calls `hit(offset)` for each place in `bytes` where the query may start: exactly where it starts for an
   * exact needle, otherwise where its anchor was found (the caller confirms). Offsets are not in order across
   * anchors. `hit` may return where to go on from (past the item the hit fell in): no place before it is reported.
   */
  forEachHit(bytes: Buffer, hit: (offset: number) => number | void): void {
    if (this.fold) {
      this.fold.forEachHit(bytes, hit);
      return;
    }
    if (this.skip) {
      this.horspool(bytes, this.skip, hit);
      return;
    }
    for (const anchor of this.anchors) this.native(bytes, anchor, hit);
  }

  private native(bytes: Buffer, anchor: Buffer, hit: (offset: number) => number | void): void {
    const { exact, anchorOffset } = this;
    const length = this.lowerBytes.length;
    let work = 0; // bytes compared: indexOf's own check of each hit, then the whole query's
    for (let at = bytes.indexOf(anchor); at >= 0; ) {
      let next = at + 1; // where the anchor is looked for next
      work += anchor.length;
      if (!exact) next = Math.max(next, (hit(at) ?? 0) | 0);
      else {
        const start = at - anchorOffset;
        if (start >= 0 && start + length <= bytes.length) {
          const same = this.sameAt(bytes, start);
          work += same;
          if (same === length) next = Math.max(next, ((hit(start) ?? 0) | 0) + anchorOffset);
        }
      }
      if (work > at + GUARD_SLACK) {
        if (exact) new LinearSearch(this.lowerBytes).forEach(bytes, Math.max(0, next - anchorOffset), FOLD, hit);
        else new LinearSearch(anchor).forEach(bytes, next, undefined, hit);
        return;
      }
      at = bytes.indexOf(anchor, next);
    }
  }

  private horspool(bytes: Buffer, skip: Int32Array, hit: (offset: number) => number | void): void {
    const pattern = this.lowerBytes;
    const m = pattern.length;
    const last = pattern[m - 1];
    const stop = bytes.length - m;
    let work = 0; // bytes compared by the checks of windows whose last byte matched
    // `i` stays a small integer (`| 0` on what `hit` returns): as any number, this loop took 1.1–1.8× as long on B6's pages
    for (let i = 0; i <= stop; ) {
      const c = bytes[i + m - 1];
      if (FOLD[c] === last) {
        const same = this.sameAt(bytes, i);
        work += same + 1;
        const next = same === m ? hit(i) : undefined;
        if (next !== undefined && next > i + skip[c]) {
          i = next | 0;
          continue;
        }
        if (work > i + GUARD_SLACK) {
          new LinearSearch(pattern).forEach(bytes, i + skip[c], FOLD, hit);
          return;
        }
      }
      i += skip[c];
    }
  }

  /** How many bytes from `start` on equal the query's, ignoring ASCII case (the query's length when all do). */
  private sameAt(bytes: Buffer, start: number): number {
    const lower = this.lowerBytes;
    let i = 0;
    while (i < lower.length && FOLD[bytes[start + i]] === lower[i]) i++;
    return i;
  }
}

/** Below this, one native scan of a case-free stretch has too many false hits to beat the JavaScript scan. */
const MIN_NATIVE_ANCHOR = 8;

/**
 * Bytes a scan may compare beyond one per byte it has passed before it hands over to the LinearSearch: room for
 * the checks of ordinary hits, so that only a query repeating what the page repeats pays for the slower scan.
 */
const GUARD_SLACK = 1 << 16;

/** ASCII upper case to lower case, every other byte as it is. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c));

/** How far the window moves when its last byte is `c`: from c's last place in the pattern (either case) to its end. */
function horspoolSkip(pattern: Uint8Array): Int32Array {
  const m = pattern.length;
  const skip = new Int32Array(256).fill(m);
  for (let i = 0; i < m - 1; i++) {
    const c = pattern[i];
    skip[c] = m - 1 - i;
    if (c >= 0x61 && c <= 0x7a) skip[c - 0x20] = m - 1 - i;
  }
  return skip;
}

/** The spellings of one character that ignore-case matching treats as equal to it. */
function caseVariants(c: string): string[] {
  const lower = c.toLowerCase();
  return [...new Set([c, lower, c.toUpperCase()])].filter((v) => [...v].length === 1 && v.toLowerCase() === lower);
}

const MAX_VARIANTS = 4;

/** The longest run of characters whose variants multiply to at most `max` (the earliest on a tie). */
function bestAnchor(variantCounts: readonly number[], max: number): { start: number; end: number } {
  let best = { start: 0, end: 0 };
  let start = 0;
  let product = 1;
  for (let end = 0; end < variantCounts.length; end++) {
    product *= variantCounts[end];
    while (product > max) product /= variantCounts[start++];
    if (end + 1 - start > best.end - best.start) best = { start, end: end + 1 };
  }
  return best;
}

/** The anchor's longest start that native search finds in linear time (NATIVE_SEARCH_MAX bytes, whole characters). */
function nativeSized(chars: readonly string[]): string[] {
  let bytes = 0;
  let end = 0;
  while (end < chars.length && bytes + Buffer.byteLength(chars[end], 'utf8') <= NATIVE_SEARCH_MAX) bytes += Buffer.byteLength(chars[end++], 'utf8');
  return chars.slice(0, end);
}

/** Every spelling of `chars` with each character in each of its case variants. */
function expand(chars: readonly string[]): string[] {
  let out = [''];
  for (const c of chars) out = out.flatMap((prefix) => caseVariants(c).map((v) => prefix + v));
  return out;
}
