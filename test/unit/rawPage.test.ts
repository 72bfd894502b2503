import * as assert from 'node:assert/strict';
import { RawPage, findItemRanges, rawText } from '../../src/core/rawPage';

/** Item texts exactly as a server might write them: the page must hand each one back character for character. */
const ITEMS = [
  '{"id":1,"amount":12345678901234567890,"rate":1.10,"tiny":1.5e-7,"neg":-0.0}',
  '{"timestamp":"2022-02-15T20:27:02.151790540Z","note":"quote \\" backslash \\\\ slash \\/ tab \\t"}',
  '{"text":"brackets ] } [ { and , : inside","nested":{"deep":[[1,[2,{"x":"]"}]]]}}',
  '{"unicode":"ção – 日本語 – 🎉","escaped":"\\u00e7\\u0000\\ud83c\\udf89"}',
  '{"dup":1,"dup":2}',
  '[1,"two",null,true,false]',
  '"a bare string item"',
  '-12.5E+3',
  'null',
  '{"items":[{"not":"the page items"}],"_data":["nested keys that look like envelopes"]}',
];

function texts(page: RawPage): string[] {
  return Array.from({ length: page.itemCount }, (_, i) => page.itemText(i));
}

describe('RawPage', () => {
  it('extracts every item of an `items` envelope exactly', () => {
    const page = new RawPage(Buffer.from(`{"items":[${ITEMS.join(',')}],"has_next":true,"next_cursor":"abc"}`), 'items');
    assert.deepEqual(texts(page), ITEMS);
  });

  it('finds `items` when it is not the first key, after values that contain the word', () => {
    const body = `{"next_cursor":"items","meta":{"items":[0]},"list":["items"],"items":[${ITEMS.join(',')}],"has_next":false}`;
    assert.deepEqual(texts(new RawPage(Buffer.from(body), 'items')), ITEMS);
  });

  it('reads a TalentLMS `_data` envelope', () => {
    const body = `{"_links":{"next":"https://x/?page[number]=2"},"_data":[${ITEMS.join(',')}],"_meta":{"pagination":{"page":1}}}`;
    assert.deepEqual(texts(new RawPage(Buffer.from(body), '_data')), ITEMS);
  });

  it('reads a bare top-level array', () => {
    assert.deepEqual(texts(new RawPage(Buffer.from(`[${ITEMS.join(',')}]`), undefined)), ITEMS);
  });

  it('keeps items exact whatever the whitespace around and between them', () => {
    const body = ` \r\n\t{ "items" \n:\t[\n   ${ITEMS.join('  ,\r\n\t ')}  \n ] ,\n "has_next" : false }\n`;
    assert.deepEqual(texts(new RawPage(Buffer.from(body), 'items')), ITEMS);
  });

  it('keeps whitespace inside an item as it was sent', () => {
    const item = '{\n    "a" : [ 1 ,  2 ],\n    "b":"x  y"\n}';
    assert.deepEqual(texts(new RawPage(Buffer.from(`{"items":[ ${item} ]}`), 'items')), [item]);
  });

  it('takes the last of duplicate `items` keys, as JSON.parse does', () => {
    const page = new RawPage(Buffer.from('{"items":[{"old":1}],"items":[{"new":2},{"new":3}]}'), 'items');
    assert.deepEqual(texts(page), ['{"new":2}', '{"new":3}']);
  });

  it('matches an escaped spelling of the key', () => {
    assert.deepEqual(texts(new RawPage(Buffer.from('{"it\\u0065ms":[7]}'), 'items')), ['7']);
  });

  it('counts byte offsets in UTF-8 and slices multi-byte text whole', () => {
    const page = new RawPage(Buffer.from('{"ñ":"ü","items":["日本","🎉",{"€":"€"}]}'), 'items');
    assert.deepEqual(texts(page), ['"日本"', '"🎉"', '{"€":"€"}']);
  });

  it('agrees with JSON.parse on every item', () => {
    const body = `{"x":[1,{"y":"]"}],"items":[${ITEMS.join(',')}]}`;
    const page = new RawPage(Buffer.from(body), 'items');
    const parsed = (JSON.parse(body) as { items: unknown[] }).items;
    assert.equal(page.itemCount, parsed.length);
    parsed.forEach((item, i) => assert.deepEqual(JSON.parse(page.itemText(i)), item));
  });

  it('has no items when the key is missing, empty, or not an array', () => {
    assert.equal(new RawPage(Buffer.from('{"has_next":false}'), 'items').itemCount, 0);
    assert.equal(new RawPage(Buffer.from('{"items":[]}'), 'items').itemCount, 0);
    assert.equal(new RawPage(Buffer.from('{"items": [ \n ]}'), 'items').itemCount, 0);
    assert.equal(new RawPage(Buffer.from('{"items":null}'), 'items').itemCount, 0);
    assert.equal(new RawPage(Buffer.from('[1,2]'), 'items').itemCount, 0);
    assert.equal(new RawPage(Buffer.from('{"items":[1]}'), undefined).itemCount, 0);
  });

  it('rejects an index out of range', () => {
    const page = new RawPage(Buffer.from('[1]'), undefined);
    assert.throws(() => page.itemText(1), RangeError);
    assert.throws(() => page.itemText(-1), RangeError);
  });

  it('gives an event its text through rawText()', () => {
    const page = new RawPage(Buffer.from(`[${ITEMS.join(',')}]`), undefined);
    assert.equal(rawText({ page, index: 3 }), ITEMS[3]);
  });

  it('findItemRanges returns start/end byte pairs', () => {
    const ranges = findItemRanges(Buffer.from('{"items": [10, "ab"]}'), 'items');
    assert.deepEqual(Array.from(ranges), [11, 13, 15, 19]);
  });
});
