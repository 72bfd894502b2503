import * as assert from 'node:assert/strict';
import { Category } from '../../../src/core/category';
import type { TimelineEvent } from '../../../src/core/event';
import { RawPage } from '../../../src/core/rawPage';

const page = new RawPage(Buffer.from('[]'), undefined);
const event = (id: string, sortKey: string): TimelineEvent => ({ id, type: 'T', category: 'C', label: id, timestamp: sortKey, sortKey, raw: { page, index: 0 } });

/** A deterministic pseudo-random sequence, so a failure names a reproducible case. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

describe('Category', () => {
  it('keeps events newest first whatever order pages arrive in, ties in arrival order', () => {
    const c = new Category('C');
    c.addAll([event('b', '2'), event('a', '1')]);
    c.addAll([event('d', '4'), event('c', '3'), event('b2', '2')]);
    c.addAll([event('a0', '0')]);
    assert.deepEqual(c.events.map((e) => e.id), ['d', 'c', 'b', 'b2', 'a', 'a0']);
  });

  it('adding a page at once gives the same order as adding its events one by one', () => {
    const random = numbers(7);
    for (let round = 0; round < 200; round++) {
      const single = new Category('C');
      const batched = new Category('C');
      for (let p = 0; p < 4; p++) {
        const size = random.next().value % 12;
        const batch = Array.from({ length: size }, (_, i) => event(`${round}-${p}-${i}`, String(random.next().value % 40).padStart(2, '0')));
        for (const e of batch) single.add(e);
        batched.addAll(batch);
      }
      assert.deepEqual(batched.events.map((e) => e.id), single.events.map((e) => e.id), `round ${round}`);
    }
  });
});
