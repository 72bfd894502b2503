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

const VALUE_KINDS = new Map<TokenKind, NodeKind>([
  ['beginObject', 'object'],
  ['beginArray', 'array'],
  ['string', 'string'],
  ['number', 'number'],
  ['boolean', 'boolean'],
  ['null', 'null'],
]);

/** What the parser accepts next. */
type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd';

/** Receives the values of a JSON text in text order (see walkJson). */
export interface JsonVisitor {
  /**
   * A value starts at `start`; `end` is the end of its first token (a container's end comes with `close`).
   * `keyStart`/`keyEnd` locate its key token inside an object, -1 otherwise.
   */
  value(kind: NodeKind, start: number, end: number, keyStart: number, keyEnd: number): void;
  /** The innermost open container ends just before `end`. */
  close(end: number): void;
}

/**
 * Checks the grammar and reports each value to `visitor`, building nothing itself. Iterative, so hostile
 * nesting depth cannot overflow the stack. Throws JsonSyntaxError on anything that is not exactly one JSON value.
 */
export function walkJson(text: string, visitor: JsonVisitor): void {
  const lexer = new JsonLexer(text);
  /** The open containers, innermost last: true for an object. */
  const open: boolean[] = [];
  let values = 0;
  let keyStart = -1;
  let keyEnd = -1;
  let expect: Expect = 'value';

  /** Closes the innermost container if the current token is its closing bracket. */
  const closes = (): boolean => {
    if (open.length === 0 || lexer.kind !== (open[open.length - 1] ? 'endObject' : 'endArray')) return false;
    open.pop();
    visitor.close(lexer.end);
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
      if (open.length > 0 && token === 'comma') expect = open[open.length - 1] ? 'key' : 'value';
      else if (!closes()) throw new JsonSyntaxError(lexer.start);
    } else {
      if (expect === 'valueOrEnd' && closes()) continue;
      const kind = VALUE_KINDS.get(token);
      if (!kind) throw new JsonSyntaxError(lexer.start);
      values++;
      visitor.value(kind, lexer.start, lexer.end, keyStart, keyEnd);
      keyStart = keyEnd = -1;
      if (kind === 'object' || kind === 'array') open.push(kind === 'object');
      expect = kind === 'object' ? 'keyOrEnd' : kind === 'array' ? 'valueOrEnd' : 'commaOrEnd';
    }
  }
  if (values === 0 || open.length > 0 || expect !== 'commaOrEnd') throw new JsonSyntaxError(text.length);
}

/** Parses the whole text into nodes without converting any value (the inspector page's tree). */
export function parseJsonTree(text: string): JsonNode {
  const open: JsonNode[] = [];
  let root: JsonNode | undefined;
  walkJson(text, {
    value(kind, start, end, keyStart, keyEnd) {
      const parent = open[open.length - 1];
      const container = kind === 'object' || kind === 'array';
      const node: JsonNode = { kind, start, end, parent, keyStart, keyEnd, index: parent?.children ? parent.children.length : 0, children: container ? [] : undefined };
      if (parent?.children) parent.children.push(node);
      else root = node;
      if (container) open.push(node);
    },
    close(end) {
      const node = open.pop();
      if (node) node.end = end;
    },
  });
  if (!root) throw new JsonSyntaxError(text.length);
  return root;
}
