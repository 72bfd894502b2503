import type { PathSegment } from '../jsonPath';

/** Deeper than any event's JSON a person would name; bounds the work a typed path can ask for. */
export const MAX_PATH_SEGMENTS = 32;
const NAME = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const INDEX = /(0|[1-9]\d{0,8})\]/y;

/**
 * The segments of a path as the inspector's Copy Path writes it (`$.data.item.amount`, `$.items[3]`,
 * `$["a b"]`, see jsonPath.ts), with `$` optional (`data.item.amount`) and `$['a.b']` for a key holding a dot.
 * Undefined when the text is not a path at all; a sentence when it is one with a mistake.
 */
export function parsePath(text: string): PathSegment[] | { error: string } | undefined {
  const rooted = text.startsWith('$') && (text.length === 1 || text[1] === '.' || text[1] === '[');
  const segments: PathSegment[] = [];
  let at = rooted ? 1 : 0;
  if (!rooted && text[0] !== '[') {
    const name = match(NAME, text, at);
    if (name === undefined) return undefined;
    segments.push(name);
    at += name.length;
  }
  while (at < text.length) {
    if (segments.length >= MAX_PATH_SEGMENTS) return mistake(text, `it may name at most ${MAX_PATH_SEGMENTS} levels`);
    if (text[at] === '.') {
      const name = match(NAME, text, at + 1);
      if (name === undefined) return mistake(text, 'a dot is followed by a name (letters, digits, _ or $); write a key holding other characters as [\'a.b\']');
      segments.push(name);
      at += 1 + name.length;
    } else if (text[at] === '[') {
      const segment = bracket(text, at + 1);
      if ('error' in segment) return mistake(text, segment.error);
      segments.push(segment.value);
      at = segment.end;
    } else {
      return rooted || text[0] === '[' ? mistake(text, 'after a name comes . or [') : undefined;
    }
  }
  if (segments.length === 0) return mistake(text, 'it names no field: write $.data.amount, say');
  return segments;
}

/** `[3]`, `["a b"]` (a JSON string) or `['a.b']`; `at` is just past the `[`. */
function bracket(text: string, at: number): { value: PathSegment; end: number } | { error: string } {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") {
    const index = match(INDEX, text, at);
    if (index === undefined) return { error: 'brackets hold an index (0, 1, …) or a quoted key' };
    return { value: Number(index.slice(0, -1)), end: at + index.length };
  }
  const close = closingQuote(text, at + 1, quote);
  if (close < 0) return { error: 'a quoted key is not closed' };
  if (text[close + 1] !== ']') return { error: 'a quoted key is followed by ]' };
  const inner = text.slice(at + 1, close);
  const key = quote === '"' ? jsonString(inner) : inner.replace(/\\(['\\])/g, '$1');
  if (key === undefined) return { error: 'a double-quoted key is a JSON string, with JSON\'s escapes' };
  return { value: key, end: close + 2 };
}

/** The offset of the quote that closes a key started just before `from`, past backslash escapes; -1 if none. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** What Copy Path writes with JSON.stringify, read back with JSON.parse. */
function jsonString(inner: string): string | undefined {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return undefined;
  }
}

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function mistake(text: string, why: string): { error: string } {
  return { error: `${shown(text)} is not a path: ${why}.` };
}

/** A typed key as a message may quote it: short. */
export function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
