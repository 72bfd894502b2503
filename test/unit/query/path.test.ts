import * as assert from 'node:assert/strict';
import { formatJsonPath, type PathSegment } from '../../../src/core/jsonPath';
import { parsePath } from '../../../src/core/query/path';

function segments(text: string): PathSegment[] {
  const parsed = parsePath(text);
  if (!Array.isArray(parsed)) assert.fail(`${text}: ${JSON.stringify(parsed)}`);
  return parsed;
}

function mistake(text: string): string {
  const parsed = parsePath(text);
  if (!parsed || Array.isArray(parsed)) assert.fail(`${text} was read as ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('parsePath: the inspector\'s Copy Path syntax, typed', () => {
  it('reads dotted names with or without the $, indexes and quoted keys', () => {
    assert.deepEqual(segments('$.data.item.amount'), ['data', 'item', 'amount']);
    assert.deepEqual(segments('data.item.amount'), ['data', 'item', 'amount']);
    assert.deepEqual(segments('$.items[3].sku'), ['items', 3, 'sku']);
    assert.deepEqual(segments('items[0][12]'), ['items', 0, 12]);
    assert.deepEqual(segments("$['a.b'].c"), ['a.b', 'c']);
    assert.deepEqual(segments('$["a b"]'), ['a b']);
    assert.deepEqual(segments("['it\\'s']"), ["it's"]);
    assert.deepEqual(segments('$["say \\"hi\\""]'), ['say "hi"']);
    assert.deepEqual(segments('$._id.$ref'), ['_id', '$ref']);
  });

  it('reads back every path Copy Path writes', () => {
    const paths: PathSegment[][] = [['data', 'amount'], ['items', 0, 'a.b'], ['a b', 'ç'], ['x"y\\z'], ['tab\there', 'ctl\u0001'], ['__proto__', 'constructor'], [7]];
    for (const path of paths) assert.deepEqual(segments(formatJsonPath(path)), path, formatJsonPath(path));
  });

  it('is not a path when the text is a word with other characters', () => {
    for (const text of ['TN-demo', '2025-06-30T21', 'https', '-x', '']) {
      const parsed = parsePath(text);
      if (text === 'https') assert.deepEqual(parsed, ['https']);
      else assert.equal(parsed, undefined, text);
    }
  });

  it('says what is wrong with a path that has a mistake', () => {
    assert.match(mistake('$'), /"\$" is not a path: it names no field/);
    assert.match(mistake('$.data..amount'), /a dot is followed by a name .*\['a\.b'\]/);
    assert.match(mistake('$.data.'), /a dot is followed by a name/);
    assert.match(mistake('$.items[-1]'), /brackets hold an index/);
    assert.match(mistake('$.items[01]'), /brackets hold an index/);
    assert.match(mistake('$["open'), /a quoted key is not closed/);
    assert.match(mistake("$['a'x]"), /a quoted key is followed by \]/);
    assert.match(mistake('$["\\q"]'), /a double-quoted key is a JSON string/);
    assert.match(mistake('$.data-x'), /after a name comes \. or \[/);
  });

  it('bounds the depth a path may name', () => {
    assert.equal(segments(`$${'.a'.repeat(32)}`).length, 32);
    assert.match(mistake(`$${'.a'.repeat(33)}`), /at most 32 levels/);
    const long = `$.${'a'.repeat(5000)}`;
    assert.match(mistake(`${long}.`), /^".{60}…" is not a path/);
  });
});
