import { type PageFilter, parseFilter } from '../filter';
import { parseInstant } from '../instant';
import type { FieldTerm } from './fieldMatch';
import type { PathSegment } from '../jsonPath';
import { parsePath, shown } from './path';

/**
 * A Find query read into its terms: `type:REFUSAL data.item.amount:1234.50 memo:"he said" timeout`. Terms
 * the server can be asked for (type, category, a time range) form a PageFilter; the others are matched here on
 * each event; the words left over are found as Find finds text.
 */
export interface Query {
  /** The query as typed. */
  readonly source: string;
  /** What a source can send to its server; the Timeline also matches it on every page. */
  readonly filter: PageFilter | undefined;
  /** What only the extension can match, on each event. */
  readonly local: LocalTerms;
}

export interface LocalTerms {
  /** `correlation:` the event's correlation id, ignoring case. */
  readonly correlationId: string | undefined;
  /** `id:` the event's id, ignoring case. */
  readonly id: string | undefined;
  /** Paths of the event's JSON, each with the value it must hold. */
  readonly fields: readonly FieldTerm[];
  /**
   * The words that are not terms, found as Find finds text (ignoring case, quotes kept as typed). A query
   * with no term at all is this text exactly as typed, so every plain search means what it meant before.
   */
  readonly text: string | undefined;
}

export interface QueryOptions {
  /** The clock that `since:2h` counts back from. */
  readonly nowMs: number;
  /**
   * Types and categories the connection has shown: a value typed in another case is sent in theirs, since
   * servers compare names exactly (`type:refusal` asks for REFUSAL).
   */
  readonly names?: { readonly types?: Iterable<string>; readonly categories?: Iterable<string> };
}

/** A query is typed or pasted by people, or passed by a link: bounded before it is read. */
export const MAX_QUERY_CHARS = 2000;
export const MAX_QUERY_TERMS = 20;

const KEYWORDS = ['type', 'category', 'correlation', 'id', 'since', 'until'] as const;
type Keyword = (typeof KEYWORDS)[number];

/** One `key:value` of the query: a keyword's, or a path's. */
interface Term {
  readonly key: string;
  readonly path: PathSegment[] | undefined;
  readonly value: string;
  readonly end: number;
}

/** The query's terms, or the sentence that says what is wrong with it, before any request is made. */
export function parseQuery(source: string, options: QueryOptions): Query | { error: string } {
  if (source.length > MAX_QUERY_CHARS) return { error: `A query is at most ${MAX_QUERY_CHARS.toLocaleString('en-US')} characters.` };
  // eslint-disable-next-line no-control-regex -- control characters are refused, not searched for
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(source)) return { error: 'The query holds a control character: type the text to find as plain characters.' };
  const keywords = new Map<Keyword, string>();
  const fields: FieldTerm[] = [];
  const words: string[] = [];
  let terms = 0;
  for (let at = skipSpace(source, 0); at < source.length; at = skipSpace(source, at)) {
    const term = readTerm(source, at);
    if (term && 'error' in term) return term;
    if (!term) {
      const end = wordEnd(source, at);
      words.push(source.slice(at, end));
      at = end;
      continue;
    }
    if (++terms > MAX_QUERY_TERMS) return { error: `A query holds at most ${MAX_QUERY_TERMS} terms.` };
    at = term.end;
    if (term.path) {
      fields.push({ path: term.path, value: term.value });
    } else if (isKeyword(term.key)) {
      if (keywords.has(term.key)) return { error: `${term.key}: is given twice: an event has one, so write it once.` };
      keywords.set(term.key, term.value);
    }
  }
  const filter = keywordFilter(keywords, options);
  if (filter && 'error' in filter) return filter;
  const text = terms === 0 ? source : words.join(' ');
  return {
    source,
    filter,
    local: { correlationId: keywords.get('correlation'), id: keywords.get('id'), fields, text: text.trim() === '' ? undefined : text },
  };
}

/** True when the query is plain text: no term, so Find's own search of the text is all it asks. */
export function isPlainQuery(query: Query): boolean {
  const { correlationId, id, fields } = query.local;
  return query.filter === undefined && correlationId === undefined && id === undefined && fields.length === 0;
}

function isKeyword(key: string): key is Keyword {
  return (KEYWORDS as readonly string[]).includes(key);
}

/**
 * The term starting at `at`; undefined when the word there is text. A word is a term when what comes before
 * its first colon is a keyword or a path. A bare name with nothing usable after the colon stays text, so
 * `Error: timeout`, `https://…` and ids such as `TN::42::2025-06-30T21:13:17Z` are found as before; a keyword
 * or a `$` path must have a value.
 */
function readTerm(text: string, at: number): Term | { error: string } | undefined {
  const colon = keyEnd(text, at);
  if (colon < 0) return undefined;
  const key = text.slice(at, colon);
  const keyword = isKeyword(key);
  const path = keyword ? undefined : parsePath(key);
  if (!keyword && path === undefined) return undefined;
  const explicit = keyword || key.startsWith('$') || key.startsWith('[');
  if (path && 'error' in path) return explicit ? path : undefined;
  const valueAt = colon + 1;
  if (text[valueAt] === '"') {
    const quoted = readQuoted(text, valueAt);
    if (quoted === undefined) return { error: `The value of ${shown(key)} opens a quote that is not closed.` };
    if (quoted.end < text.length && !isSpace(text[quoted.end])) return { error: `Leave a space after the quoted value of ${shown(key)}.` };
    // a path may ask for an empty string (memo:""); a keyword names something, which is never empty
    if (quoted.value === '' && !path) return noValue(key);
    return { key, path, value: quoted.value, end: quoted.end };
  }
  const end = wordEnd(text, valueAt);
  const value = text.slice(valueAt, end);
  if (!explicit && (value === '' || value.startsWith(':') || value.startsWith('//'))) return undefined;
  if (value === '') return noValue(key);
  return { key, path, value, end };
}

function noValue(key: string): { error: string } {
  return { error: `${shown(key)} has no value: write ${key.length > 60 ? 'it' : key}:VALUE, in quotes when it holds spaces.` };
}

/**
 * The offset of the colon that ends a term's key starting at `at`; -1 when the word has none. Brackets are
 * read whole, quotes in them included, so `$["a b:c"]:x` is one key.
 */
function keyEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === ':') return i;
    if (isSpace(c) || c === '"') return -1;
    if (c === '[') {
      const close = bracketEnd(text, i);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

/** The offset of the `]` closing the bracket at `at`, skipping quoted keys; -1 when it is not closed. */
function bracketEnd(text: string, at: number): number {
  let quote: string | undefined;
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

/** A quoted value: `\"` and `\\` stand for the character, any other backslash for itself. */
function readQuoted(text: string, at: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) value += text[++i];
    else if (c === '"') return { value, end: i + 1 };
    else value += c;
  }
  return undefined;
}

/** A word of text runs to the next space outside quotes; a quote left open runs to the end, taken as typed. */
function wordEnd(text: string, at: number): number {
  let quoted = false;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && isSpace(c)) return i;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text[at])) at++;
  return at;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0' || c === '\u3000';
}

/** The type, category and range terms as the filter the Filter command would build from them. */
function keywordFilter(keywords: ReadonlyMap<Keyword, string>, options: QueryOptions): PageFilter | { error: string } | undefined {
  const type = keywords.get('type');
  const category = keywords.get('category');
  const range: { since?: string; until?: string } = {};
  for (const end of ['since', 'until'] as const) {
    const text = keywords.get(end);
    if (text === undefined) continue;
    const instant = parseInstant(text, options.nowMs, { endOfDay: end === 'until' });
    if ('error' in instant) return { error: `${end}: ${instant.error}` };
    range[end] = instant.iso;
  }
  if (type === undefined && category === undefined && range.since === undefined && range.until === undefined) return undefined;
  const parsed = parseFilter({
    types: type === undefined ? undefined : [known(type, options.names?.types)],
    categories: category === undefined ? undefined : [known(category, options.names?.categories)],
    ...range,
  });
  return parsed;
}

/** The spelling the connection uses for a name typed in another case. */
function known(value: string, names: Iterable<string> | undefined): string {
  if (!names) return value;
  const lower = value.toLowerCase();
  for (const name of names) if (name === value) return name;
  for (const name of names) if (name.toLowerCase() === lower) return name;
  return value;
}
