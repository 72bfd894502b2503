import * as assert from 'node:assert/strict';
import { rawText } from '../../../src/core/rawPage';
import { ByteTexts, textAt } from '../../../src/sources/byteTexts';
import { parsePismoPage } from '../../../src/sources/pismo';

describe('ByteTexts', () => {
  it('places a value where the page writes it quoted, and reads the same text back', () => {
    const bytes = Buffer.from('{"items":[{"id":"a-1","c":"x"},{"id":"a-2","c":"x"}]}');
    const texts = new ByteTexts(bytes);
    texts.nextItem();
    const first = texts.place('a-1');
    assert.equal(first, bytes.indexOf('a-1'));
    texts.nextItem();
    const second = texts.place('a-2');
    const shared = texts.place('x');
    assert.equal(textAt(bytes, first), 'a-1');
    assert.equal(textAt(bytes, second), 'a-2');
    assert.equal(textAt(bytes, shared), 'x');
  });

  it('keeps as strings the values whose bytes differ from their text: escaped, non-ASCII, with a quote', () => {
    const bytes = Buffer.from('{"items":[{"a":"x\\/y","b":"café","c":"say \\"hi\\""}]}');
    const texts = new ByteTexts(bytes);
    texts.nextItem();
    for (const value of ['x/y', 'café', 'say "hi"', 'back\\slash', '']) assert.equal(texts.place(value), value);
  });

  it('keeps a long value as its string, so a row that shows a hostile 1 MB id does not decode it again', () => {
    const short = 'S'.repeat(256);
    const long = 'L'.repeat(257);
    const bytes = Buffer.from(`{"items":[{"a":"${short}","b":"${long}"}]}`);
    const texts = new ByteTexts(bytes);
    texts.nextItem();
    assert.equal(texts.place(short), bytes.indexOf(short));
    assert.equal(texts.place(long), long);
  });

  it('places a number where the page writes it, keeping what JSON.parse drops, past a same-named member of another value', () => {
    const body = '{"items":[{"id":"a-1","fee":{"amount":3},"data":{"amount" : 12.50}},{"id":"a-2","data":{"amount":12345678901234567890.12}},{"id":"a-3","data":{"amount":7}}]}';
    const bytes = Buffer.from(body);
    const texts = new ByteTexts(bytes);
    const read = (id: string, value: number): string => {
      texts.nextItem();
      texts.place(id);
      return textAt(bytes, texts.placeNumber('amount', value));
    };
    assert.equal(read('a-1', 12.5), '12.50');
    assert.equal(read('a-2', Number('12345678901234567890.12')), '12345678901234567890.12');
    assert.equal(read('a-3', 8), '8', 'a number the page does not write is kept printed');
  });

  /** Items whose ids are escaped (so their bytes are not their text), with copies of the ids after the items. */
  function farPage(copyOrder: (ids: string[]) => string[]): { bytes: Buffer; ids: string[] } {
    const ids = Array.from({ length: 50 }, (_, i) => `e-${i}`);
    const items = ids.map((id) => `{"id":"${id.replace('-', '\\u002d')}"}`);
    const copies = copyOrder([...ids]).map((id) => `"${id}"`);
    return { bytes: Buffer.from(`{"items":[${items.join(',')}],"x":[${copies.join(',')}]}`), ids };
  }

  function placeAll(bytes: Buffer, ids: string[]): number {
    const texts = new ByteTexts(bytes);
    let placed = 0;
    for (const id of ids) {
      texts.nextItem();
      const at = texts.place(id);
      if (typeof at === 'number') placed++;
      assert.equal(textAt(bytes, at), id);
    }
    return placed;
  }

  it('places a value at a copy past its item when the item escapes it: the copy reads back the same', () => {
    const { bytes, ids } = farPage((copies) => copies);
    assert.equal(placeAll(bytes, ids), ids.length);
  });

  it('stops searching a page once its searches read a few times its size, and keeps the rest as strings', () => {
    // Each id's copy lies before the previous one's, so every search runs to the end of the page.
    const { bytes, ids } = farPage((copies) => copies.reverse());
    const placed = placeAll(bytes, ids);
    assert.ok(placed >= 1 && placed < 10, `placed ${placed} of ${ids.length} before the budget ran out`);
  });
});

describe('Pismo events read their ids from the page', () => {
  it('give back the id and correlation id JSON.parse reads, whatever the page escapes or repeats', () => {
    const items = [
      { tenant_account_timestamp: 'TN-1-2026-12-01T10:00:00.000000001Z', correlation_id: 'c-1', type: 'A', category: 'X', timestamp: '2026-12-01T10:00:00.000000001Z' },
      { correlation_id: 'c-1', tenant_account_timestamp: 'TN-1-2026-12-01T09:00:00Z', type: 'A', category: 'X', timestamp: '2026-12-01T09:00:00Z', data: { note: 'TN-1-2026-12-01T08:00:00Z' } },
      { tenant_account_timestamp: 'TN-1-2026-12-01T08:00:00Z', correlation_id: 'c/2', type: 'A', category: 'X', timestamp: '2026-12-01T08:00:00Z' },
      { tenant_account_timestamp: 'TN-1-ümlaut', correlation_id: 'c-ü', type: 'A', category: 'X', timestamp: '2026-12-01T07:00:00Z' },
      { type: 'A', category: 'X', timestamp: '2026-12-01T06:00:00Z', correlation_id: 'c-3' },
    ];
    // `\/` in the third item's correlation id: its bytes are not its text.
    const body = Buffer.from(JSON.stringify({ items, has_next: false }).replace('"c/2"', '"c\\/2"'));
    const page = parsePismoPage(body, 'category');
    assert.equal(page.events.length, items.length);
    for (const [i, event] of page.events.entries()) {
      const parsed = JSON.parse(rawText(event.raw)) as Record<string, string>;
      if (parsed.tenant_account_timestamp !== undefined) assert.equal(event.id, parsed.tenant_account_timestamp, `item ${i}`);
      assert.equal(event.correlationId, parsed.correlation_id, `item ${i}`);
      assert.equal(event.timestamp, parsed.timestamp, `item ${i}`);
    }
  });
});
