import type { PathSegment } from '../../core/jsonPath';

/**
 * The paths a mapping names, in the syntax the inspector's Copy Path writes (`$.data.object.id`, `$.items[3]`,
 * `$["@timestamp"]`), so a value can be clicked, its path copied and pasted into a mapping. Member and index
 * steps only: no wildcard, filter or expression, so a path is data and costs a few property reads per item.
 */
export interface JsonPath {
  /** As written, for messages. */
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

/** A path is read from settings anybody may write: long enough for any real API, short enough to cost nothing. */
export const MAX_PATH_CHARS = 512;
export const MAX_PATH_SEGMENTS = 32;
const MAX_INDEX_DIGITS = 9;
const DOT_NAME = /[^.[\]\s'"]+/y;
const INDEX = /(0|[1-9]\d*)\]/y;

/** The path's steps from the root written as `root` (`$`, or `$last` for the last item), or the sentence that says what is wrong. */
export function parseJsonPath(text: string, root = '$'): JsonPath | { error: string } {
  if (text.length > MAX_PATH_CHARS) return { error: `is ${text.length.toLocaleString('en-US')} characters long: a path has at most ${MAX_PATH_CHARS}` };
  if (!text.startsWith(root) || /^[A-Za-z0-9_]/.test(text.slice(root.length))) return { error: `must start with ${root}, as Copy Path writes it (${root}.data.id)` };
  const segments: PathSegment[] = [];
  let at = root.length;
  while (at < text.length) {
    if (segments.length === MAX_PATH_SEGMENTS) return { error: `has more than ${MAX_PATH_SEGMENTS} steps: a path has at most ${MAX_PATH_SEGMENTS}` };
    const step = readStep(text, at);
    if ('error' in step) return step;
    segments.push(step.segment);
    at = step.end;
  }
  return { text, segments };
}

function readStep(text: string, at: number): { segment: PathSegment; end: number } | { error: string } {
  const where = `at character ${at + 1}`;
  if (text[at] === '.') {
    DOT_NAME.lastIndex = at + 1;
    const m = DOT_NAME.exec(text);
    if (!m) return { error: `has a "." not followed by a member name ${where}: write $["key"] for a key with spaces, dots or quotes` };
    return { segment: m[0], end: DOT_NAME.lastIndex };
  }
  if (text[at] !== '[') return { error: `has "${text[at]}" ${where} where "." or "[" was expected` };
  const quote = text[at + 1];
  if (quote === '"' || quote === "'") return readQuoted(text, at + 1, quote, where);
  INDEX.lastIndex = at + 1;
  const m = INDEX.exec(text);
  if (!m || m[1].length > MAX_INDEX_DIGITS) return { error: `has a "[" ${where} not followed by an index such as [0] or a quoted key such as ["a.b"]` };
  return { segment: Number(m[1]), end: INDEX.lastIndex };
}

/** `["a.b"]` as a JSON string, `['a.b']` with `\'` and `\\` escapes. */
function readQuoted(text: string, open: number, quote: string, where: string): { segment: PathSegment; end: number } | { error: string } {
  let i = open + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length || text[i + 1] !== ']') return { error: `has a quoted key ${where} that is not closed with ${quote}]` };
  const inner = text.slice(open + 1, i);
  if (quote === "'") return { segment: inner.replace(/\\([\\'])/g, '$1'), end: i + 2 };
  try {
    return { segment: JSON.parse(`"${inner}"`) as string, end: i + 2 };
  } catch {
    return { error: `has a quoted key ${where} that is not a valid JSON string` };
  }
}

/**
 * The value at `segments` under `root`, or undefined when any step is missing. Only own members are read, so a
 * path naming `__proto__` or `constructor` finds what the server sent, never Object's own members.
 */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value) || segment >= value.length) return undefined;
      value = value[segment];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}
