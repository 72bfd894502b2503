/**
 * The messages between the Type Profile panel and its page, typed for both sides: one type's JSON paths with
 * how many of its events carry each and as which kinds of value (core/typeProfile.ts). Each side validates
 * what it receives and drops anything malformed: paths are made of server keys.
 */
import { isCount, isObject, isOptionalText, isText, listOf } from '../shared/wire';

export type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
export const VALUE_KINDS: readonly ValueKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];

export interface ProfilePath {
  /** In Copy Path's syntax: `$.data.amount`, `$.items[*].id`, `$["a b"]`. */
  readonly path: string;
  /** Events of the type that carry it. */
  readonly count: number;
  /** Per kind, the events in which it has a value of that kind. */
  readonly kinds: Partial<Record<ValueKind, number>>;
}

/** A TypeProfile (core/typeProfile.ts) and how far learning has got. */
export interface ProfilePicture {
  /** Names this picture, so a reloaded page can tell whether it is current. */
  readonly key: string;
  /** The type as shown (cut to a label's length). */
  readonly label: string;
  readonly events: number;
  readonly paths: readonly ProfilePath[];
  /** Some paths were not kept (the cap was reached). */
  readonly truncated: boolean;
  /** Loaded events of the type still wait to be learnt: the counts will grow. */
  readonly learning: boolean;
}

/** Extension → page. */
export type ProfileHostMessage = { readonly type: 'profile'; readonly picture: ProfilePicture };

/** Page → extension. */
export type ProfilePageMessage =
  | { readonly type: 'ready'; readonly key?: string }
  /** Copies the path (the extension checks it is one of the profile's). */
  | { readonly type: 'copyPath'; readonly path: string }
  /** What the page drew, for tests: rows, and elements that could run or load something (always 0). */
  | { readonly type: 'rendered'; readonly key: string; readonly rows: number; readonly forbidden: number };

/** The page's words, localized by the extension and handed over in the page's HTML. */
export interface ProfileStrings {
  readonly heading: string;
  /** {0}: events learnt from. */
  readonly events: string;
  readonly learning: string;
  readonly truncated: string;
  readonly empty: string;
  readonly path: string;
  readonly carriedBy: string;
  readonly kinds: string;
  /** {0}: events carrying the path, {1}: events of the type. */
  readonly share: string;
  readonly copyPath: string;
  readonly filter: string;
  /** Kind names, as shown. */
  readonly object: string;
  readonly array: string;
  readonly string: string;
  readonly number: string;
  readonly boolean: string;
  readonly null: string;
}

/** More than any type may keep (core caps them per type). */
const MAX_PATHS = 100_000;

function parsePath(value: unknown): ProfilePath | undefined {
  if (!isObject(value) || !isText(value.path) || !isCount(value.count) || !isObject(value.kinds)) return undefined;
  const kinds: Partial<Record<ValueKind, number>> = {};
  for (const [name, n] of Object.entries(value.kinds)) {
    if (!VALUE_KINDS.includes(name as ValueKind) || !isCount(n)) return undefined;
    kinds[name as ValueKind] = n;
  }
  return { path: value.path, count: value.count, kinds };
}

export function parseProfilePicture(value: unknown): ProfilePicture | undefined {
  if (!isObject(value)) return undefined;
  const { key, label, events, truncated, learning } = value;
  if (!isText(key) || !isText(label) || !isCount(events) || typeof truncated !== 'boolean' || typeof learning !== 'boolean') return undefined;
  const paths = listOf(value.paths, MAX_PATHS, parsePath);
  return paths && { key, label, events, paths, truncated, learning };
}

export function parseProfileHostMessage(value: unknown): ProfileHostMessage | undefined {
  if (!isObject(value) || value.type !== 'profile') return undefined;
  const picture = parseProfilePicture(value.picture);
  return picture && { type: 'profile', picture };
}

export function parseProfilePageMessage(value: unknown): ProfilePageMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isOptionalText(value.key) ? { type: 'ready', key: value.key } : undefined;
    case 'copyPath':
      return isText(value.path) ? { type: 'copyPath', path: value.path } : undefined;
    case 'rendered': {
      const { key, rows, forbidden } = value;
      return isText(key) && isCount(rows) && isCount(forbidden) ? { type: 'rendered', key, rows, forbidden } : undefined;
    }
    default:
      return undefined;
  }
}
