/**
 * The smallest index in `[0, count)` whose value is at or below `limit`, for values that fall as the index
 * grows (the demo's timelines are newest first); `count` when there is none. A binary search.
 */
export function firstAtOrBelow<T extends number | bigint>(count: number, valueAt: (index: number) => T, limit: T): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) <= limit) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
