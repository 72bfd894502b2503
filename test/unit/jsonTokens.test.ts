import * as assert from 'node:assert/strict';
import { reindentJson } from '../../src/core/jsonFormat';
import { JsonLexer, JsonSyntaxError, decodeJsonString, parseJsonTree, type JsonNode } from '../../src/core/jsonTokens';
import { bestOf, passMs } from './hostile/timing';

/** Every token as [kind, its text]. */
function lex(text: string): [string, string][] {
  const lexer = new JsonLexer(text);
  const tokens: [string, string][] = [];
  while (lexer.advance()) tokens.push([lexer.kind, text.slice(lexer.start, lexer.end)]);
  return tokens;
}

/** The node's value rebuilt from its token texts only (the way the webview shows it). */
function rebuild(node: JsonNode, text: string): string {
  if (!node.children) return text.slice(node.start, node.end);
  const parts = node.children.map((c) => (c.keyStart >= 0 ? `${text.slice(c.keyStart, c.keyEnd)}:` : '') + rebuild(c, text));
  return node.kind === 'object' ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
}

describe('JsonLexer', () => {
  it('reads every kind with its exact characters', () => {
    assert.deepEqual(lex('{"a" : [12345678901234567890, 1.10, -1.5e-7, true, false, null, "x\\"y"]}'), [
      ['beginObject', '{'],
      ['string', '"a"'],
      ['colon', ':'],
      ['beginArray', '['],
      ['number', '12345678901234567890'],
      ['comma', ','],
      ['number', '1.10'],
      ['comma', ','],
      ['number', '-1.5e-7'],
      ['comma', ','],
      ['boolean', 'true'],
      ['comma', ','],
      ['boolean', 'false'],
      ['comma', ','],
      ['null', 'null'],
      ['comma', ','],
      ['string', '"x\\"y"'],
      ['endArray', ']'],
      ['endObject', '}'],
    ]);
  });

  it('keeps strings whole: brackets, quotes, backslashes, unicode, invisible characters', () => {
    for (const s of ['"]}{[,:"', '"\\\\"', '"\\\\\\""', '"日本 🎉"', '"\u202Eabc\u200B"', '"\\u00e7\\ud83c\\udf89"', '""']) {
      assert.deepEqual(lex(s), [['string', s]]);
    }
  });

  it('skips only JSON whitespace between tokens', () => {
    assert.deepEqual(lex(' \t\r\n[ \n1\t,\r2 ]\n'), [
      ['beginArray', '['],
      ['number', '1'],
      ['comma', ','],
      ['number', '2'],
      ['endArray', ']'],
    ]);
  });

  it('marks what is not JSON as invalid instead of throwing', () => {
    assert.deepEqual(lex('[tru, 01, 1., .5, NaN, "open'), [
      ['beginArray', '['],
      ['invalid', 'tru'],
      ['comma', ','],
      ['invalid', '01'],
      ['comma', ','],
      ['invalid', '1.'],
      ['comma', ','],
      ['invalid', '.5'],
      ['comma', ','],
      ['invalid', 'NaN'],
      ['comma', ','],
      ['invalid', '"open'],
    ]);
    assert.deepEqual(lex('"ends in escaped quote\\"'), [['invalid', '"ends in escaped quote\\"']]);
  });

  it('reads a 10 MB string as one token, in about one pass over it', () => {
    const text = `{"big":"${'x'.repeat(10_000_000)}"}`;
    const tokens = lex(text);
    assert.equal(tokens.length, 5);
    assert.equal(tokens[3][1].length, 10_000_002);
    // measured about one pass; a lexer that went back over the string would be many
    const lexing = bestOf(2, () => lex(text));
    const pass = passMs(text);
    assert.ok(lexing < pass * 10, `${lexing.toFixed(0)} ms to lex, ${pass.toFixed(0)} ms to read the text once`);
  });
});

describe('decodeJsonString', () => {
  it('resolves escapes', () => {
    assert.equal(decodeJsonString('"a\\"b\\\\c\\/d\\n\\u00e7\\ud83c\\udf89"'), 'a"b\\c/d\nç🎉');
    assert.equal(decodeJsonString('"\u202Eraw"'), '\u202Eraw');
  });

  it('falls back to the inner characters of a malformed token', () => {
    assert.equal(decodeJsonString('"bad \\x"'), 'bad \\x');
  });
});

describe('parseJsonTree', () => {
  const doc = '{"a":1,"b":{"c":[true,null,{"d":"e"}],"":[]},"a b":"x"}';

  it('locates every value and key by offsets', () => {
    const root = parseJsonTree(doc);
    assert.equal(root.kind, 'object');
    assert.equal(doc.slice(root.start, root.end), doc);
    const [a, b, ab] = root.children ?? [];
    assert.equal(doc.slice(a.keyStart, a.keyEnd), '"a"');
    assert.equal(doc.slice(a.start, a.end), '1');
    assert.equal(b.kind, 'object');
    assert.equal(doc.slice(b.start, b.end), '{"c":[true,null,{"d":"e"}],"":[]}');
    assert.equal(ab.parent, root);
    assert.equal(ab.index, 2);
    const c = b.children?.[0];
    assert.equal(c?.kind, 'array');
    assert.deepEqual(
      c?.children?.map((n) => [n.kind, n.keyStart, n.index]),
      [
        ['boolean', -1, 0],
        ['null', -1, 1],
        ['object', -1, 2],
      ],
    );
    assert.equal(b.children?.[1].children?.length, 0);
  });

  it('rebuilds the text token for token', () => {
    for (const text of [doc, '[1,[2,[3,[]]],{}]', '"s"', '-0.0', '{"dup":1,"dup":2}']) {
      assert.equal(rebuild(parseJsonTree(text), text), text);
    }
  });

  it('agrees with reindentJson on what each value is', () => {
    const text = ' { "n" : 12345678901234567890 , "s" : "x" } ';
    const root = parseJsonTree(text);
    assert.equal(rebuild(root, text), '{"n":12345678901234567890,"s":"x"}');
    assert.equal(reindentJson(text.trim()), '{\n  "n": 12345678901234567890,\n  "s": "x"\n}');
  });

  it('handles nesting far deeper than the call stack', () => {
    const depth = 200_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    let node: JsonNode | undefined = parseJsonTree(text);
    let levels = 0;
    while (node) {
      levels++;
      node = node.children?.[0];
    }
    assert.equal(levels, depth);
  });

  it('rejects anything that is not exactly one JSON value', () => {
    for (const bad of ['', ' ', '{', '[1,]', '{"a"}', '{"a":1,}', '{1:2}', '[1 2]', '{"a":1}}', '1 2', '[}', '{]', 'tru', '["x" "y"]', '{"a"::1}', ',']) {
      assert.throws(() => parseJsonTree(bad), JsonSyntaxError, bad);
    }
  });

  it('says where the text went wrong', () => {
    assert.throws(() => parseJsonTree('[1,]'), (e: unknown) => e instanceof JsonSyntaxError && e.offset === 3);
  });
});
