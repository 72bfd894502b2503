import * as assert from 'node:assert/strict';
import { JsonIndex } from '../../src/core/jsonIndex';
import { formatJsonPath } from '../../src/core/jsonPath';
import { parseJsonTree, type JsonNode } from '../../src/core/jsonTokens';
import { EventJson } from '../../src/ui/inspector/eventPanelModel';

const SAMPLE = `{
  "id": "evt_1",
  "data": {"item": {"amount": 12345678901234567890, "rate": 1.10}},
  "items": [10, {"x": null}, [true, [false]], "s"],
  "a b": 1,
  "": 2,
  "1st": 3,
  "$ok_2": 4,
  "quo\\"te": 5,
  "uni\\u00e7": 6,
  "日本": 7,
  "a.b": {"[0]": []}
}`;

/** Every value of the page's tree, in document order. */
function allNodes(text: string): JsonNode[] {
  const all: JsonNode[] = [];
  const visit = (n: JsonNode): void => {
    all.push(n);
    n.children?.forEach(visit);
  };
  visit(parseJsonTree(text));
  return all;
}

/** Every value in document order with its path, as the index finds them by their start. */
function allPaths(text: string): [string, string][] {
  const index = JsonIndex.of(text);
  assert.ok(index);
  return allNodes(text).map((node) => {
    const value = index.valueAt(node.start);
    assert.ok(value, `no value at ${node.start}`);
    return [formatJsonPath(index.path(value)), text.slice(value.start, value.end).slice(0, 12)];
  });
}

describe('formatJsonPath', () => {
  it('uses dots for identifiers, brackets for indices and for every other key', () => {
    assert.equal(formatJsonPath([]), '$');
    assert.equal(formatJsonPath(['data', 'item', 'amount']), '$.data.item.amount');
    assert.equal(formatJsonPath(['items', 3]), '$.items[3]');
    assert.equal(formatJsonPath(['a b']), '$["a b"]');
    assert.equal(formatJsonPath(['x', 0, 1, 'y']), '$.x[0][1].y');
    assert.equal(formatJsonPath(['', '1st', '$ok_2', 'quo"te', 'back\\slash', 'a.b', '日本']), '$[""]["1st"].$ok_2["quo\\"te"]["back\\\\slash"]["a.b"]["日本"]');
    assert.equal(formatJsonPath(['0']), '$["0"]', 'a key that looks like an index stays a key');
  });
});

describe('JsonIndex paths', () => {
  it('names every value of a sample document', () => {
    assert.deepEqual(allPaths(SAMPLE), [
      ['$', '{\n  "id": "e'],
      ['$.id', '"evt_1"'],
      ['$.data', '{"item": {"a'],
      ['$.data.item', '{"amount": 1'],
      ['$.data.item.amount', '123456789012'],
      ['$.data.item.rate', '1.10'],
      ['$.items', '[10, {"x": n'],
      ['$.items[0]', '10'],
      ['$.items[1]', '{"x": null}'],
      ['$.items[1].x', 'null'],
      ['$.items[2]', '[true, [fals'],
      ['$.items[2][0]', 'true'],
      ['$.items[2][1]', '[false]'],
      ['$.items[2][1][0]', 'false'],
      ['$.items[3]', '"s"'],
      ['$["a b"]', '1'],
      ['$[""]', '2'],
      ['$["1st"]', '3'],
      ['$.$ok_2', '4'],
      ['$["quo\\"te"]', '5'],
      ['$["uniç"]', '6'],
      ['$["日本"]', '7'],
      ['$["a.b"]', '{"[0]": []}'],
      ['$["a.b"]["[0]"]', '[]'],
    ]);
  });

  it('starts a bare array at an index', () => {
    const text = '[[1],{"k":[2]}]';
    assert.deepEqual(
      allPaths(text).map(([p]) => p),
      ['$', '$[0]', '$[0][0]', '$[1]', '$[1].k', '$[1].k[0]'],
    );
  });
});

describe('JsonIndex lookups', () => {
  it('finds each value by the offset where it starts, and nothing between values', () => {
    const index = JsonIndex.of(SAMPLE);
    assert.ok(index);
    const all = allNodes(SAMPLE);
    for (const node of all) {
      // a container and its first child never share a start, so the match is exact
      assert.deepEqual(index.valueAt(node.start), { kind: node.kind, start: node.start, end: node.end, id: all.indexOf(node) });
    }
    const starts = new Set(all.map((n) => n.start));
    for (let i = -1; i <= SAMPLE.length; i++) {
      if (!starts.has(i)) assert.equal(index.valueAt(i), undefined, `offset ${i}`);
    }
  });

  it('tells duplicate keys apart', () => {
    const text = '{"dup":"first","dup":"second"}';
    const index = JsonIndex.of(text);
    assert.equal(index?.valueAt(text.indexOf('"first"'))?.end, text.indexOf(',"dup"'));
    assert.equal(index?.valueAt(text.indexOf('"second"'))?.end, text.length - 1);
  });

  it('walks the tree as parseJsonTree builds it: members in order, their counts, keys and parents', () => {
    const index = JsonIndex.of(SAMPLE);
    assert.ok(index);
    const all = allNodes(SAMPLE);
    assert.equal(index.size, all.length);
    all.forEach((node, id) => {
      assert.equal(index.kind(id), node.kind);
      assert.equal(index.parent(id), node.parent ? all.indexOf(node.parent) : -1);
      assert.equal(index.childCount(id), node.children?.length ?? 0);
      assert.deepEqual(index.keyRange(id), [node.keyStart, node.keyEnd]);
      const siblings = node.parent?.children;
      const after = siblings?.[node.index + 1];
      assert.equal(index.next(id), after ? all.indexOf(after) : -1, `next of ${id}`);
      if (siblings) assert.equal(index.position(id), node.index);
    });
  });

  it('is undefined for text that is not exactly one JSON value', () => {
    for (const bad of ['', '{', '[1,]', '1 2', '{"a":1}}']) assert.equal(JsonIndex.of(bad), undefined, bad);
  });
});

describe('copy value and copy path (the panel model)', () => {
  const at = (needle: string): number => SAMPLE.indexOf(needle);
  const valueTextAt = (text: string, offset: number): string | undefined => new EventJson(text).valueAt(offset)?.text;
  const pathTextAt = (text: string, offset: number): string | undefined => new EventJson(text).pathAt(offset);

  it('copies numbers with their exact characters', () => {
    assert.equal(valueTextAt(SAMPLE, at('12345678901234567890')), '12345678901234567890');
    assert.equal(valueTextAt(SAMPLE, at('1.10')), '1.10');
    assert.equal(pathTextAt(SAMPLE, at('1.10')), '$.data.item.rate');
  });

  it('copies a string unescaped and a container re-indented', () => {
    assert.equal(valueTextAt(SAMPLE, at('"evt_1"')), 'evt_1');
    assert.equal(valueTextAt(SAMPLE, at('{"x": null}')), '{\n  "x": null\n}');
    assert.equal(valueTextAt('["a\\"b\\u00e7"]', 1), 'a"bç');
    assert.equal(pathTextAt(SAMPLE, at('{"x": null}')), '$.items[1]');
  });

  it('copies literals and the whole document', () => {
    assert.equal(valueTextAt(SAMPLE, at('null')), 'null');
    assert.equal(pathTextAt(SAMPLE, 0), '$');
  });

  it('copies nothing for an offset that is not a value, or text that is not JSON', () => {
    assert.equal(valueTextAt(SAMPLE, 1), undefined);
    assert.equal(pathTextAt(SAMPLE, SAMPLE.length + 5), undefined);
    assert.equal(valueTextAt('{"a":', 0), undefined);
  });
});
