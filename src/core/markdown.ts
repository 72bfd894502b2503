import { displayText } from './displayText';

/**
 * Untrusted text (event data) made inert for a Markdown hover: invisible and control characters shown as escapes
 * (displayText), then every ASCII punctuation character backslash-escaped, which CommonMark allows for all of
 * them. No link (`[x](command:…)`), autolink (`https://…`, `www.…`, `a@b.c`), HTML, entity or emphasis can form,
 * and the text reads exactly as sent.
 */
export function escapeMarkdown(text: string, max = 200): string {
  return displayText(text, { max, escapedMarkdown: true }).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * A `command:` link to one of this extension's commands with JSON arguments. Only the label and arguments vary;
 * the label is escaped, the arguments are URI-encoded JSON, so neither can break out of the link.
 */
export function commandLink(label: string, command: string, args: unknown): string {
  // encodeURIComponent leaves ( ) ' ! * alone, and a `)` would end the link's destination
  const query = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label)}](command:${command}?${query})`;
}
