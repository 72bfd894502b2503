/**
 * Checks for the fields of messages between the extension and its pages, shared by the pages' protocol
 * files. It imports nothing, so a protocol file stays plain for both sides (the extension and a page's bundle).
 * Each check says whether a value is exactly what the protocol allows; a message failing one is dropped whole.
 */

export type Fields = Record<string, unknown>;

/** Longer text than this is not a field of any message (an id, a label, a path). */
const MAX_TEXT = 1_000_000;
/** The instants a Date can hold. */
const MAX_INSTANT = 8.64e15;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

export function isOptionalText(value: unknown): value is string | undefined {
  return value === undefined || isText(value);
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A place along a track, from its start (0) to its end (1). */
export function isFraction(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/** Milliseconds since the epoch. */
export function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_INSTANT;
}

/** Each element read by `parse`, as a new array; undefined if it is not an array of at most `max` readable elements. */
export function listOf<T>(value: unknown, max: number, parse: (element: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const list: T[] = [];
  for (const element of value) {
    const parsed = parse(element);
    if (parsed === undefined) return undefined;
    list.push(parsed);
  }
  return list;
}
