import * as assert from 'node:assert/strict';
import { reindentJson } from '../../src/core/jsonFormat';

/** The text with all whitespace outside strings removed: what must survive re-indenting unchanged. */
function squeeze(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
}

const SAMPLES = [
  '{"id":1,"amount":12345678901234567890,"rate":1.10,"tiny":1.5e-7,"big":-1E+400,"zero":-0.0}',
  '{ "ts" : "2022-02-15T20:27:02.151790540Z" , "n" : [ 1 , 2 ,3 ] }',
  '{"s":"quote \\" backslash \\\\ braces {[,:]} \\u00e7 \\ud83c\\udf89 \\n","u":"ção 日本 🎉"}',
  '{"a b":{"":[],"{}":{}},"x":[[],[{}],[[1]]]}',
  '{"dup":1,"dup":"2"}',
  '[\n\t1,\r\n\t"two",\n\tnull , true,false ]',
  '"just a string with   spaces"',
  '42',
  '{"rtl":"\u202Eevil\u202C","zw":"a\u200Bb","ws":"  keep  "}',
];

describe('reindentJson', () => {
  for (const sample of SAMPLES) {
    it(`keeps every token of ${JSON.stringify(sample.slice(0, 40))}`, () => {
      const out = reindentJson(sample);
      assert.equal(squeeze(out), squeeze(sample));
      assert.deepEqual(JSON.parse(out), JSON.parse(sample));
    });
  }

  it('indents by two spaces with `key: value` and empty containers inline', () => {
    assert.equal(reindentJson('{"a":[1,{}],"b":{"c":[]}}'), '{\n  "a": [\n    1,\n    {}\n  ],\n  "b": {\n    "c": []\n  }\n}');
  });

  it('re-indents already indented text to the same layout', () => {
    const once = reindentJson(SAMPLES[0]);
    assert.equal(reindentJson(once), once);
    assert.equal(reindentJson('{\n      "a":    1\n}'), '{\n  "a": 1\n}');
  });

  it('takes another indent', () => {
    assert.equal(reindentJson('[1]', '\t'), '[\n\t1\n]');
  });

  it('keeps a number JSON.parse would round', () => {
    const out = reindentJson('{"n":12345678901234567890,"f":1.10}');
    assert.match(out, /"n": 12345678901234567890,/);
    assert.match(out, /"f": 1\.10\n/);
  });
});
