/**
 * Strings shaped like the IDs a timeline event carries, found in any text (log lines, stack traces, webhook
 * payloads, terminal output) so the editor, the terminal and the inspector can lead from them to their events.
 * Shapes only: whether such an event exists is for Find to say.
 */

export type IdKind = 'correlation' | 'pismoEvent' | 'talentlmsEvent';

export interface IdMatch {
  readonly kind: IdKind;
  /** The ID itself, as written. */
  readonly text: string;
  /** Where it starts in the text scanned (UTF-16 offset) and where it ends (exclusive). */
  readonly start: number;
  readonly end: number;
}

/** Longer lines are skipped: minified bundles and base64 blobs hold no IDs worth a link, and cost the most. */
export const MAX_LINE_LENGTH = 10_000;

const HEX = '[0-9A-Fa-f]';
/*
 * One pattern finds all three shapes by the literal part each has in its middle, and the code checks what comes
 * before it. A pattern that starts with a character class or a look-behind is tried at every position of the text;
 * one that starts with a literal skips ahead to it, which makes a 10 MB log about 10 times faster to scan
 * (bench B9).
 *
 * Group 1, a correlation id: an RFC 4122 UUID (any version) from its first dash; the 8 hex digits before it are
 * checked in code. Not glued to other word characters or dashes on either side.
 */
const UUID_TAIL = `(-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})(?![\\w-])`;
/**
 * Group 2, Pismo's event id `TENANT::ACCOUNT::TIMESTAMP` from its first `::`: the numeric account and an ISO 8601
 * instant (nanoseconds allowed); the tenant before it is checked in code. Code like `std::vector::size` or the
 * documentation's placeholder never fits.
 */
const PISMO_TAIL = '(::\\d{1,20}::\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d))(?![\\w:+-])';
/**
 * Group 3, a TalentLMS event id: a bare number, which is everywhere, so only one the text names as an event's id
 * counts (`event_id=123`, `"eventId": "123"`, `TalentLMS event id: 123`). Spelled out in both cases rather than
 * with the `i` flag, which would also loosen the other shapes.
 */
const TALENT = '[Ee][Vv][Ee][Nn][Tt][ _-]?[Ii][Dd]"?\\s*[:=]\\s*"?(\\d{1,19})(?!\\d)';

const ID_PATTERN = new RegExp(`${UUID_TAIL}|${PISMO_TAIL}|${TALENT}`, 'g');

/** All-zero and all-F UUIDs are placeholders, never a real correlation id. */
const PLACEHOLDER = /^(?:0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;
const TENANT_MAX = 128;

/**
 * Every ID-shaped string in `text`, in order. Lines longer than MAX_LINE_LENGTH are skipped. `limit` caps the
 * number of matches (a log file can hold a million IDs; a view needs the first few thousand).
 */
export function findIds(text: string, limit = Number.POSITIVE_INFINITY): IdMatch[] {
  const found: IdMatch[] = [];
  const pattern = new RegExp(ID_PATTERN);
  // The line around the last match, found lazily: most text has no IDs, so lines are only measured where one is.
  let lineStart = 0;
  let lineEnd = -1;
  for (let m = pattern.exec(text); m !== null && found.length < limit; m = pattern.exec(text)) {
    const at = m.index;
    if (at > lineEnd) {
      lineStart = text.lastIndexOf('\n', at) + 1;
      lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = text.length;
    }
    if (lineEnd - lineStart > MAX_LINE_LENGTH) {
      pattern.lastIndex = lineEnd;
      continue;
    }
    const match = toMatch(text, m);
    if (!match) continue;
    // a Pismo id whose tenant is a UUID: the UUID just found is part of it
    const last = found[found.length - 1];
    if (last && last.end > match.start) found.pop();
    found.push(match);
  }
  return found;
}

/** The ID at `offset` of one line (a hover), or undefined. Only that line is read. */
export function idAt(line: string, offset: number): IdMatch | undefined {
  if (line.length > MAX_LINE_LENGTH) return undefined;
  return findIds(line).find((m) => m.start <= offset && offset <= m.end);
}

/** The kind of ID `value` is in itself (an inspector value, a selection, a link's parameter), if any. */
export function idKindOf(value: string): IdKind | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 200) return undefined;
  const [match] = findIds(trimmed, 1);
  if (match && match.start === 0 && match.end === trimmed.length) return match.kind;
  // a bare number names a TalentLMS event only where the context says so (an `id` inside its event's JSON)
  return undefined;
}

function toMatch(text: string, m: RegExpExecArray): IdMatch | undefined {
  const [whole, uuidTail, pismoTail, talent] = m;
  const end = m.index + whole.length;
  if (uuidTail !== undefined) {
    const start = m.index - 8;
    if (start < 0 || !isHex(text, start, m.index) || isWordOrDash(text.charCodeAt(start - 1))) return undefined;
    const id = text.slice(start, end);
    return PLACEHOLDER.test(id) ? undefined : { kind: 'correlation', text: id, start, end };
  }
  if (pismoTail !== undefined) {
    // the tenant: the whole run of word characters, dots and dashes before `::`, starting with a letter or digit
    let start = m.index;
    while (start > 0 && m.index - start <= TENANT_MAX && isTenantChar(text.charCodeAt(start - 1))) start--;
    if (start === m.index || m.index - start > TENANT_MAX || !isAlnum(text.charCodeAt(start)) || text.charCodeAt(start - 1) === COLON) return undefined;
    return { kind: 'pismoEvent', text: text.slice(start, end), start, end };
  }
  // `event` must start a word: not `prevent_id`
  if (talent === undefined || isLetter(text.charCodeAt(m.index - 1))) return undefined;
  return { kind: 'talentlmsEvent', text: talent, start: end - talent.length, end };
}

const COLON = 0x3a;

function isHex(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39);
}

/** `[\w-]`; NaN (before the text) is neither. */
function isWordOrDash(c: number): boolean {
  return isAlnum(c) || c === 0x5f || c === 0x2d;
}

/** `[\w.-]` */
function isTenantChar(c: number): boolean {
  return isWordOrDash(c) || c === 0x2e;
}
