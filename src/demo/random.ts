/**
 * Seedable randomness for the synthetic data. Every value is derived from (seed, salt, index), so any event
 * can be rebuilt on its own, in any order, without generating the ones before it.
 */
export type Random = () => number;

/** mulberry32: 32 bits of state, fast, and good enough for fake data (not for anything secret). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Folds integers into one 32-bit seed with murmur3's finalizer, so nearby indices give unrelated streams. */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function streamFor(...parts: number[]): Random {
  return mulberry32(mix(...parts));
}

/** An integer in [lo, hi], both included. */
export function intBetween(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

/** `n` random decimal digits as a string (ids that must keep their leading zeros). */
export function digits(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += Math.floor(random() * 10);
  return out;
}

/** A version-4-shaped UUID drawn from the stream, so it is reproducible. */
export function uuid(random: Random): string {
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(random() * 16).toString(16);
    return out;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}
