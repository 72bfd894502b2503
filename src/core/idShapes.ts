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
/** A correlation id: an RFC 4122 UUID (any version), not glued to other word characters or dashes. */
const UUID = `(?<![\\w-])(${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12})(?![\\w-])`;
/**
 * Pismo's event id, `TENANT::ACCOUNT::TIMESTAMP`: a tenant, the numeric account and an ISO 8601 instant
 * (nanoseconds allowed). Code like `std::vector::size` or the documentation's placeholder never fits.
 */
const PISMO = '(?<![\\w.:-])([A-Za-z0-9][\\w.-]{0,127}::\\d{1,20}::\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d))(?![\\w.:+-])';
/**
 * A TalentLMS event id is a bare number, which is everywhere: only one the text names as a timeline event's id
 * counts (`event_id=123`, `"eventId": "123"`, `TalentLMS event id: 123`).
 */
const TALENT = '(?<![A-Za-z])(?:talentlms[ _-]?)?event[ _-]?id"?\\s*[:=]\\s*"?(\\d{1,19})(?!\\d)';

/** One pass finds all three shapes; groups 1, 2, 3 are Pismo, UUID, TalentLMS. */
const ID_PATTERN = new RegExp(`${PISMO}|${UUID}|${TALENT}`, 'gi');

/** All-zero and all-F UUIDs are placeholders, never a real correlation id. */
const PLACEHOLDER = /^(?:0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

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
    const match = toMatch(m);
    if (match) found.push(match);
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

function toMatch(m: RegExpExecArray): IdMatch | undefined {
  const [, pismo, uuid, talent] = m;
  const kind: IdKind = pismo ? 'pismoEvent' : uuid ? 'correlation' : 'talentlmsEvent';
  const text = pismo ?? uuid ?? talent;
  if (text === undefined || (kind === 'correlation' && PLACEHOLDER.test(text))) return undefined;
  // the ID is the last thing the whole match holds (TalentLMS's context comes before its number)
  const end = m.index + m[0].length;
  return { kind, text, start: end - text.length, end };
}
