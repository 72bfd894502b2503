/** What the manifest localization checks look at: user-facing fields, `%key%` references, and a string's fixed parts. */

/**
 * Manifest fields whose strings a user reads: titles, descriptions, welcome contents, walkthrough alt texts…
 * `name` and `description` also name schema properties (`"name": { "type": "string" }`), but those values are
 * objects, and only string values are checked.
 */
const USER_FACING = new Set([
  'displayName', 'description', 'markdownDescription', 'title', 'shortTitle', 'category', 'name', 'contextualTitle',
  'contents', 'label', 'altText', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels',
  'deprecationMessage', 'markdownDeprecationMessage', 'errorMessage', 'patternErrorMessage',
]);
/** The parts of the manifest VS Code and the Marketplace show; the rest (name, keywords, scripts…) are ids and metadata. */
const SHOWN_PARTS = ['contributes', 'capabilities'];

const KEY_REF = /^%([^%\s]+)%$/;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface ManifestString {
  readonly path: string;
  readonly text: string;
  readonly userFacing: boolean;
}

function* strings(value: Json, path: string, userFacing: boolean): Generator<ManifestString> {
  if (typeof value === 'string') yield { path, text: value, userFacing };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`, userFacing);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`, USER_FACING.has(k));
}

function shownStrings(manifest: Record<string, Json>): ManifestString[] {
  const top = (['displayName', 'description'] as const).flatMap((k) => (k in manifest ? [...strings(manifest[k], k, true)] : []));
  return [...top, ...SHOWN_PARTS.flatMap((k) => (k in manifest ? [...strings(manifest[k], k, false)] : []))];
}

/** Paths of user-facing manifest strings written out instead of referencing package.nls.json. */
export function literalStrings(manifest: Record<string, Json>): string[] {
  return shownStrings(manifest).filter((s) => s.userFacing && !KEY_REF.test(s.text) && /\p{L}/u.test(s.text)).map((s) => `${s.path}: ${JSON.stringify(s.text)}`);
}

/** Every `%key%` the manifest references. */
export function referencedKeys(manifest: Record<string, Json>): string[] {
  return [...new Set(shownStrings(manifest).flatMap((s) => KEY_REF.exec(s.text)?.[1] ?? []))];
}

/**
 * What a translation must keep as it is: `{0}` placeholders, `$(codicon)` references, `command:` link targets
 * and `code` spans (setting ids, parameter names, URLs). Sorted, so that a translation may reorder them.
 */
export function fixedParts(text: string): string[] {
  return (text.match(/\{\d+\}|\$\([\w~-]+\)|\(command:[^)\s]+\)|`[^`]+`/g) ?? []).sort();
}

/** English value of a bundle entry: a string, or `{ message, comment }` when the source gave translators a comment. */
function english(value: unknown): string {
  return typeof value === 'object' && value !== null && 'message' in value ? String((value as { message: unknown }).message) : String(value);
}

/** How `translated` differs from `source` (key → English): missing, stale or empty keys, and changed fixed parts. */
export function translationProblems(source: Record<string, unknown>, translated: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const t = translated[key];
    if (!(key in translated)) problems.push(`missing: ${JSON.stringify(key)}`);
    else if (typeof t !== 'string' || !t.trim()) problems.push(`empty: ${JSON.stringify(key)}`);
    else {
      const [want, got] = [fixedParts(english(value)), fixedParts(t)];
      if (want.join('\n') !== got.join('\n')) problems.push(`${JSON.stringify(key)} keeps ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    }
  }
  for (const key of Object.keys(translated)) if (!(key in source)) problems.push(`stale: ${JSON.stringify(key)}`);
  return problems;
}
