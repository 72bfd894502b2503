/**
 * What a copied command may hold inside single quotes and mean the same in every shell it is pasted into.
 * `'` ends the quote in every shell, `\` escapes inside it in fish, PowerShell also ends it on the typographic
 * single quotes (U+2018..U+201B); controls (C0, DEL, C1) are keys to a terminal's line editor when pasted
 * (C-u erases the line, C-o runs it, ESC[201~ ends a bracketed paste), and format characters and line
 * separators make the pasted text read unlike what runs.
 */
const UNQUOTABLE = /['\\\u2018-\u201b\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const UNQUOTABLE_ALL = new RegExp(UNQUOTABLE.source, 'gu');

export function isQuotable(text: string): boolean {
  return !UNQUOTABLE.test(text);
}

/**
 * A URL that any shell can single-quote: the fragment, which is never sent, dropped, and every unquotable
 * character percent-encoded (a parsed URL leaves only `'` and `\` unencoded, but the text may be a log line).
 */
export function quotableUrl(href: string): string {
  const hash = href.indexOf('#');
  const sent = hash < 0 ? href : href.slice(0, hash);
  return sent.replace(UNQUOTABLE_ALL, percentEncoded);
}

/** UTF-8 bytes as `%XX`; a lone surrogate as U+FFFD, as the URL parser writes it. */
function percentEncoded(c: string): string {
  return [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** A header value a setting supplies: visible ASCII with inner spaces, what HTTP and a quoted command carry as typed. */
export function isQuotableHeaderValue(value: string): boolean {
  return /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value) && isQuotable(value);
}
