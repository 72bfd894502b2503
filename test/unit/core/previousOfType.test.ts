import * as assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/event';
import { previousOfType } from '../../../src/core/previousOfType';
import { RawPage } from '../../../src/core/rawPage';

const page = new RawPage(Buffer.from('[{}]'), undefined);
const ev = (id: string, type: string, sortKey: string): TimelineEvent => ({ id, type, category: 'C', label: type, timestamp: sortKey, sortKey, raw: { page, index: 0 } });

describe('previousOfType', () => {
  // newest first, as a Category holds them; two events share a time
  const list = [ev('a', 'X', '9'), ev('b', 'Y', '8'), ev('c', 'X', '7'), ev('d', 'Y', '7'), ev('e', 'X', '5'), ev('f', 'Y', '1')];

  it('finds the next older event of the same type', () => {
    assert.equal(previousOfType(list, list[0])?.id, 'c');
    assert.equal(previousOfType(list, list[2])?.id, 'e');
    assert.equal(previousOfType(list, list[1])?.id, 'd');
  });

  it('steps over events of equal time to start after the event itself', () => {
    assert.equal(previousOfType(list, list[3])?.id, 'f');
  });

  it('is undefined for the oldest of its type', () => {
    assert.equal(previousOfType(list, list[4]), undefined);
    assert.equal(previousOfType(list, list[5]), undefined);
  });
});
