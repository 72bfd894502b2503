/**
 * Event data is untrusted. Before it becomes a tree label, description or tooltip, control characters,
 * bidirectional overrides and zero-width characters are shown as visible escapes, so a payload cannot
 * reorder or hide what the user reads, and very long values are cut.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function displayText(value: string, max = 200): string {
  const visible = value.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const flat = visible.replace(/[\r\n\t]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
