/**
 * A JSON lexer and structural parser that keep every token as offsets into the source text, so numbers
 * (`12345678901234567890`, `1.10`), escapes and unicode are shown and copied with the server's own characters.
 * Shared by the extension and the webview bundle: nothing here may use Node APIs such as Buffer.
 */

export type TokenKind =
  | 'beginObject'
  | 'endObject'
  | 'beginArray'
  | 'endArray'
  | 'colon'
  | 'comma'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'invalid';

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The token kind of a structural character, by char code. */
const PUNCTUATION = new Map<number, TokenKind>([
  [0x7b, 'beginObject'],
  [0x7d, 'endObject'],
  [0x5b, 'beginArray'],
  [0x5d, 'endArray'],
  [0x3a, 'colon'],
  [0x2c, 'comma'],
]);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Reads one token at a time into `kind`, `start` and `end` (no object per token: a 1 MB event has ~100,000).
 * Offsets are UTF-16 code units, like String indices; `end` is just past the token. Anything it cannot read
 * becomes an `invalid` token instead of an exception.
 */
export class JsonLexer {
  kind: TokenKind = 'invalid';
  start = 0;
  end = 0;

  constructor(private readonly text: string) {}

  /** Moves to the next token; false at the end of the text. */
  advance(): boolean {
    const text = this.text;
    let pos = this.end;
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    this.start = pos;
    if (pos >= text.length) {
      this.end = pos;
      return false;
    }
    const c = text.charCodeAt(pos);
    const punctuation = PUNCTUATION.get(c);
    if (punctuation) {
      this.kind = punctuation;
      pos++;
    } else if (c === QUOTE) {
      const end = stringEnd(text, pos);
      this.kind = end < 0 ? 'invalid' : 'string';
      pos = end < 0 ? text.length : end;
    } else {
      // a literal, a number, or garbage: runs to the next space, quote or structural character
      while (pos < text.length) {
        const d = text.charCodeAt(pos);
        if (isSpace(d) || d === QUOTE || PUNCTUATION.has(d)) break;
        pos++;
      }
      this.kind = wordKind(text.slice(this.start, pos));
    }
    this.end = pos;
    return true;
  }
}

function wordKind(word: string): TokenKind {
  if (word === 'true' || word === 'false') return 'boolean';
  if (word === 'null') return 'null';
  return NUMBER.test(word) ? 'number' : 'invalid';
}

/** `start` is at an opening quote; returns the offset just past the closing one, or -1 if there is none. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return -1;
}

/** The string a string token stands for (escapes resolved). Strings lose nothing in JS, unlike numbers. */
export function decodeJsonString(token: string): string {
  try {
    const value: unknown = JSON.parse(token);
    if (typeof value === 'string') return value;
  } catch {
    // not a well-formed string token: fall through to its inner characters as they are
  }
  return token.replace(/^"|"$/g, '');
}

export type NodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** One value of a JSON document, located by offsets into the text it was parsed from. */
export interface JsonNode {
  readonly kind: NodeKind;
  /** The value's text is `text.slice(start, end)` (for a container, from its bracket to its closing one). */
  readonly start: number;
  end: number;
  readonly parent: JsonNode | undefined;
  /** For a member of an object, the offsets of its key token (quotes included); -1 otherwise. */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Position among the parent's children. */
  readonly index: number;
  /** Members or elements, in text order; undefined for a scalar. */
  readonly children: JsonNode[] | undefined;
}

export class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`Unexpected JSON at offset ${offset}.`);
    this.name = 'JsonSyntaxError';
  }
}

const VALUE_KINDS: Partial<Record<TokenKind, NodeKind>> = {
  beginObject: 'object',
  beginArray: 'array',
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
};

/** What the parser accepts next. */
type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd';

/**
 * Parses the whole text into nodes without converting any value. Iterative, so hostile nesting depth cannot
 * overflow the stack. Throws JsonSyntaxError on anything that is not exactly one JSON value.
 */
export function parseJsonTree(text: string): JsonNode {
  const lexer = new JsonLexer(text);
  const open: JsonNode[] = [];
  let root: JsonNode | undefined;
  let keyStart = -1;
  let keyEnd = -1;
  let expect: Expect = 'value';

  /** Closes the innermost container if the current token is its closing bracket. */
  const closes = (): boolean => {
    const top = open[open.length - 1];
    if (!top || lexer.kind !== (top.kind === 'object' ? 'endObject' : 'endArray')) return false;
    top.end = lexer.end;
    open.pop();
    expect = 'commaOrEnd';
    return true;
  };

  while (lexer.advance()) {
    const token = lexer.kind;
    if (expect === 'keyOrEnd' || expect === 'key') {
      if (expect === 'keyOrEnd' && closes()) continue;
      if (token !== 'string') throw new JsonSyntaxError(lexer.start);
      keyStart = lexer.start;
      keyEnd = lexer.end;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (token !== 'colon') throw new JsonSyntaxError(lexer.start);
      expect = 'value';
    } else if (expect === 'commaOrEnd') {
      const top = open[open.length - 1];
      if (top && token === 'comma') expect = top.kind === 'object' ? 'key' : 'value';
      else if (!closes()) throw new JsonSyntaxError(lexer.start);
    } else {
      if (expect === 'valueOrEnd' && closes()) continue;
      const kind = VALUE_KINDS[token];
      if (!kind) throw new JsonSyntaxError(lexer.start);
      const parent = open[open.length - 1];
      const container = kind === 'object' || kind === 'array';
      const node: JsonNode = {
        kind,
        start: lexer.start,
        end: lexer.end,
        parent,
        keyStart,
        keyEnd,
        index: parent?.children ? parent.children.length : 0,
        children: container ? [] : undefined,
      };
      keyStart = keyEnd = -1;
      if (parent?.children) parent.children.push(node);
      else root = node;
      if (container) open.push(node);
      expect = kind === 'object' ? 'keyOrEnd' : kind === 'array' ? 'valueOrEnd' : 'commaOrEnd';
    }
  }
  if (!root || open.length > 0 || expect !== 'commaOrEnd') throw new JsonSyntaxError(text.length);
  return root;
}
