import * as assert from 'node:assert/strict';
import { parsePageMessage } from '../../src/webview/event/eventMessages';

describe('inspector messages for pivots', () => {
  it('accepts findId with a value offset and copyLink', () => {
    assert.deepEqual(parsePageMessage({ type: 'findId', at: 42 }), { type: 'findId', at: 42 });
    assert.deepEqual(parsePageMessage({ type: 'copyLink', extra: 'dropped' }), { type: 'copyLink' });
  });

  it('drops a findId that carries text instead of an offset, or a bad offset', () => {
    for (const at of [-1, 1.5, '42', Number.MAX_VALUE, undefined]) assert.equal(parsePageMessage({ type: 'findId', at }), undefined);
    assert.equal(parsePageMessage({ type: 'findId', query: 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d24654' }), undefined);
  });
});

describe('the painted report', () => {
  it('keeps the timing and the heap, and drops a report whose figures are not numbers', () => {
    const painted = { type: 'painted', key: 'k', pageMs: 12.5, sinceStartMs: 240, heapBytes: 1024 };
    assert.deepEqual(parsePageMessage(painted), painted);
    assert.deepEqual(parsePageMessage({ type: 'painted', key: 'k', pageMs: 0, sinceStartMs: 0 }), { type: 'painted', key: 'k', pageMs: 0, sinceStartMs: 0, heapBytes: undefined });
    const good = { pageMs: 3, sinceStartMs: 9 };
    for (const bad of [{ pageMs: -1 }, { pageMs: Number.NaN }, { pageMs: '3' }, { sinceStartMs: undefined }, { sinceStartMs: -2 }, { heapBytes: 1.5 }, { key: 7 }]) {
      assert.equal(parsePageMessage({ type: 'painted', key: 'k', ...good, ...bad }), undefined, JSON.stringify(bad));
    }
  });
});
