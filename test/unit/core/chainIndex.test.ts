import * as assert from 'node:assert/strict';
import { ChainIndex } from '../../../src/core/chainIndex';
import type { TimelineEvent } from '../../../src/core/event';
import { EventIndex } from '../../../src/core/eventIndex';
import { RawPage } from '../../../src/core/rawPage';

const page = new RawPage(Buffer.from('[]'), undefined);
const event = (id: string, sortKey: string, correlationId: string): TimelineEvent => ({ id, type: 'T', category: 'C', label: id, timestamp: sortKey, sortKey, correlationId, raw: { page, index: 0 } });

describe('ChainIndex', () => {
  it('gives each correlation id its events newest first, ties in arrival order, across table doublings', () => {
    const events = new EventIndex();
    const chains = new ChainIndex(events);
    const expected = new Map<string, { key: string; id: string }[]>();
    let x = 11;
    for (let n = 0; n < 30_000; n++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      // most ids alone, some in chains of up to 40 (past the short-chain length), arriving in any order
      const correlationId = n % 3 === 0 ? `chain-${x % 500}` : `alone-${n}`;
      const key = String(x % 1000).padStart(4, '0');
      const e = event(`e${n}`, key, correlationId);
      chains.add(correlationId, events.add(e));
      const list = expected.get(correlationId) ?? [];
      list.push({ key, id: e.id });
      expected.set(correlationId, list);
    }
    for (const [correlationId, list] of expected) {
      const want = list.map((e, i) => ({ ...e, i })).sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : a.i - b.i)).map((e) => e.id);
      assert.deepEqual(chains.get(correlationId).map((e) => e.id), want, correlationId);
    }
    assert.deepEqual(chains.get('none'), []);
  });
});
