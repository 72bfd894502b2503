/**
 * The one sanitizer for server text on every surface outside the inspector's JSON: tree rows, tooltips,
 * QuickPicks, titles, document names, the status bar and notifications. Event data is untrusted: characters
 * that hide, reorder or fake text are shown as visible escapes, and a value is cut before any other work, so
 * a row costs the characters it shows, never the megabytes a server sent.
 */

/**
 * Characters that show nothing themselves or change how the text around them reads: controls (Cc), format
 * characters (Cf: soft hyphen, U+061C, U+180E, zero-width and bidi controls, tags), line and paragraph
 * separators, variation selectors, and the blank "letters" (Hangul fillers, U+034F, U+17B4/5, U+2800).
 * Shared with the inspector page, which shows the same characters as badges.
 */
export const INVISIBLE_SOURCE = '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\u034f\\u115f-\\u1160\\u17b4-\\u17b5\\u2800\\u3164\\uffa0\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}]';

// eslint-disable-next-line no-misleading-character-class -- combining marks are matched one by one: that is the point
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'gu');
const BREAKS = /[\r\n\t]+/g;
/** `$(name)` renders as an icon where VS Code supports them; a backslash before it shows it as typed. */
const ICON = /\$\(/g;
/** `[text](command:…)` is a live link in a notification: a space after the bracket leaves it plain text. */
const LINK = /\]\(/g;

export interface DisplayOptions {
  /** Characters shown at most, the ellipsis included. */
  readonly max?: number;
  /** The surface renders `$(icon)` syntax (QuickPick items, the status bar). */
  readonly icons?: boolean;
  /** The caller escapes Markdown itself (a hover): `](` is kept as typed. */
  readonly escapedMarkdown?: boolean;
}

/** `\u202e`, or `\u{e0041}` beyond the BMP. */
function escape(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Server text made safe to show as plain text. Line breaks and tabs become spaces; the rest of the invisible
 * characters become escapes; `](` becomes `] (` so no markdown link forms; text over `max` is cut with an ellipsis, never inside a surrogate pair.
 * A number stands for `{ max }`.
 */
export function displayText(value: string, options: number | DisplayOptions = {}): string {
  const { max = 200, icons = false, escapedMarkdown = false } = typeof options === 'number' ? { max: options } : options;
  // Each character shows as at least one, so nothing past `max` can appear: cut first, then escape.
  const head = value.length > max ? value.slice(0, max) : value;
  let shown = head.replace(BREAKS, ' ').replace(INVISIBLE, escape);
  if (!escapedMarkdown) shown = shown.replace(LINK, '] (');
  if (icons) shown = shown.replace(ICON, '\\$(');
  if (shown.length <= max && head.length === value.length) return shown;
  let cut = Math.min(shown.length, max - 1);
  if (isHighSurrogate(shown.charCodeAt(cut - 1))) cut--;
  return `${shown.slice(0, cut)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
