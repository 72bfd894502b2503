import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import { EventIndex, idHash } from '../../../src/core/eventIndex';
import { RawPage } from '../../../src/core/rawPage';

const page = new RawPage(Buffer.from('[]'), undefined);
const event = (id: string): TimelineEvent => ({ id, type: 'T', category: 'C', label: id, timestamp: '', sortKey: '', raw: { page, index: 0 } });

describe('EventIndex', () => {
  it('finds every event by id through many doublings, and keeps the order they were added in', () => {
    const index = new EventIndex();
    const ids = Array.from({ length: 20_000 }, (_, i) => `TN-7-${i % 97}-2026-12-01T10:00:${String(i).padStart(6, '0')}Z`);
    for (const [n, id] of ids.entries()) assert.equal(index.add(event(id)), n);
    assert.equal(index.size, ids.length);
    assert.deepEqual([...index.values()].map((e) => e.id), ids);
    for (const id of ids) assert.equal(index.get(id)?.id, id);
    assert.equal(index.has(`${ids[5]}x`), false);
    assert.equal(index.get(''), undefined);
  });

  it('keeps the first event of an id and refuses the next', () => {
    const index = new EventIndex();
    const first = event('a');
    assert.equal(index.add(first), 0);
    assert.equal(index.add(event('a')), -1);
    assert.equal(index.at(0), first);
    assert.equal(index.get('a'), first);
    assert.equal(index.size, 1);
  });

  it('reads an id through a getter, as a source that keeps no id string does', () => {
    const index = new EventIndex();
    let reads = 0;
    const lazy = { ...event(''), get id() { reads++; return 'lazy-1'; } };
    index.add(lazy);
    index.add(event('other'));
    assert.equal(index.get('lazy-1'), lazy);
    assert.ok(reads >= 2, 'the id was read when added and when compared');
  });

  it('hashes to 32-bit integers that differ for ids that differ in one character', () => {
    const hashes = new Set(Array.from({ length: 1000 }, (_, i) => idHash(`id-${i}`)));
    assert.equal(hashes.size, 1000);
    for (const h of hashes) assert.equal(h, h | 0);
  });
});
