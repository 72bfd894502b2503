/**
 * The longest pattern that native search (V8's `String#indexOf`, Node's `Buffer#indexOf`) finds in time linear
 * in the text: both run Boyer–Moore on a pattern's last 250 characters and compare the rest at every candidate,
 * so a longer pattern over repetitive text costs text × pattern (a 512-digit query over 8 MB of digits: 20 s).
 */
export const NATIVE_SEARCH_MAX = 128;

/**
 * Knuth–Morris–Pratt: every place a pattern starts in a text, in order, in O(text + pattern) steps whatever both
 * hold. It reads every unit (no skipping), so it is slower than native search on ordinary text: the fast scans
 * hand over to it once they have done more work than the bytes they scanned, and long queries use it to confirm.
 */
export class LinearSearch {
  /** For each prefix of the pattern, the length of its longest proper prefix that is also its suffix. */
  private readonly border: Int32Array;

  constructor(private readonly pattern: ArrayLike<number>) {
    const m = pattern.length;
    if (m === 0) throw new RangeError('An empty pattern is everywhere.');
    this.border = new Int32Array(m);
    for (let i = 1, k = 0; i < m; i++) {
      while (k > 0 && pattern[i] !== pattern[k]) k = this.border[k - 1];
      if (pattern[i] === pattern[k]) k++;
      this.border[i] = k;
    }
  }

  /**
   * Calls `hit(start)` for each place the pattern starts in `text` at or after `from`, in order, each unit of
   * the text mapped through `fold` first (ASCII case folding) when given. `hit` may return where to go on from:
   * no place before it is reported.
   */
  forEach(text: ArrayLike<number>, from: number, fold: Uint8Array | undefined, hit: (start: number) => number | void): void {
    const { pattern, border } = this;
    const m = pattern.length;
    let wanted = from;
    for (let i = from, k = 0; i < text.length; i++) {
      const c = fold ? fold[text[i]] : text[i];
      while (k > 0 && pattern[k] !== c) k = border[k - 1];
      if (pattern[k] === c) k++;
      if (k < m) continue;
      k = border[m - 1];
      const start = i - m + 1;
      if (start < wanted) continue;
      const next = (hit(start) ?? 0) | 0; // a small integer, as `i` must stay for this loop's speed
      if (next <= start) continue;
      wanted = next;
      if (next > i + 1) {
        // nothing wanted overlaps what was read: start afresh there, reading each unit once still
        i = next - 1;
        k = 0;
      }
    }
  }

  /** Where the pattern first starts in `text`, or -1. */
  indexIn(text: ArrayLike<number>): number {
    let found = -1;
    this.forEach(text, 0, undefined, (start) => {
      found = start;
      return text.length; // past every place: stop
    });
    return found;
  }
}

/** A string's UTF-16 code units, to search it with LinearSearch. */
export function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}
