/**
 * A growing set of instants (milliseconds, fractions kept) in ascending order, counted over a range by two
 * binary searches. Loading reads older pages, which land at the front, and live tail brings newer events,
 * which land at the back, so the array keeps room at both ends; a batch that falls in between (a filled gap)
 * is merged once. Additions wait in a batch until the next count, so a page costs one sort of its own events
 * (none when they come in order, as a category's do).
 */
export class SortedTimes {
  private buffer = new Float64Array(16);
  private lo = 8;
  private hi = 8;
  private waiting: number[] = [];

  get size(): number {
    return this.hi - this.lo + this.waiting.length;
  }

  add(timeMs: number): void {
    this.waiting.push(timeMs);
  }

  /** How many held instants are earlier than `timeMs`. */
  countBefore(timeMs: number): number {
    this.settle();
    const buffer = this.buffer;
    let lo = this.lo;
    let hi = this.hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (buffer[mid] < timeMs) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.lo;
  }

  /** The earliest and latest held instants; undefined when there are none. */
  bounds(): { first: number; last: number } | undefined {
    this.settle();
    return this.hi > this.lo ? { first: this.buffer[this.lo], last: this.buffer[this.hi - 1] } : undefined;
  }

  private settle(): void {
    if (this.waiting.length === 0) return;
    const batch = inOrder(Float64Array.from(this.waiting));
    this.waiting = [];
    const n = this.hi - this.lo;
    if (n === 0 || batch[batch.length - 1] <= this.buffer[this.lo]) this.prepend(batch);
    else if (batch[0] >= this.buffer[this.hi - 1]) this.append(batch);
    else this.merge(batch);
  }

  private prepend(batch: Float64Array): void {
    if (this.lo < batch.length) this.regrow(batch.length, 0);
    this.lo -= batch.length;
    this.buffer.set(batch, this.lo);
  }

  private append(batch: Float64Array): void {
    if (this.buffer.length - this.hi < batch.length) this.regrow(0, batch.length);
    this.buffer.set(batch, this.hi);
    this.hi += batch.length;
  }

  private merge(batch: Float64Array): void {
    const held = this.buffer.subarray(this.lo, this.hi);
    const n = held.length + batch.length;
    const merged = new Float64Array(n * 2);
    const start = n >> 1;
    let i = 0;
    let j = 0;
    for (let w = start; w < start + n; w++) merged[w] = j >= batch.length || (i < held.length && held[i] <= batch[j]) ? held[i++] : batch[j++];
    this.buffer = merged;
    this.lo = start;
    this.hi = start + n;
  }

  /** A buffer twice the size needed, the held instants in its middle, with at least the room asked for at each end. */
  private regrow(front: number, back: number): void {
    const n = this.hi - this.lo;
    const spare = n + front + back;
    const grown = new Float64Array(n + front + back + spare);
    const lo = front + (spare >> 1);
    grown.set(this.buffer.subarray(this.lo, this.hi), lo);
    this.buffer = grown;
    this.lo = lo;
    this.hi = lo + n;
  }
}

/** Sorted ascending; a batch taken from a category (newest first) is only reversed. */
function inOrder(batch: Float64Array): Float64Array {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < batch.length && (ascending || descending); i++) {
    if (batch[i] < batch[i - 1]) ascending = false;
    else if (batch[i] > batch[i - 1]) descending = false;
  }
  return ascending ? batch : descending ? batch.reverse() : batch.sort();
}
