import { TimelineError } from '../core/errors';

/** Parses a response body, turning an HTML error page or a cut-off body into a sentence. */
export function parseJsonBody(body: Buffer): unknown {
  const source = body.toString('utf8');
  try {
    return JSON.parse(source);
  } catch {
    const start = source.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    const hint = start.startsWith('<') ? 'an HTML page' : start.length === 0 ? 'an empty body' : 'text that is not JSON (or JSON cut short)';
    throw new TimelineError('badJson', `The server answered with ${hint} instead of JSON.`);
  }
}

/**
 * Parses a body for its structure and its indexed fields, the fast way: the bytes are read as Latin-1 (one
 * character per byte: a copy, no UTF-8 decoding, and a one-byte string JSON.parse reads faster). JSON.parse
 * accepts or rejects that text exactly as it would the UTF-8 text, since every byte of a multi-byte UTF-8
 * character is ≥ 0x80 and JSON allows those only inside strings. Numbers, literals and ASCII strings come out
 * the same; a string is exact only if `isExactLatin1` says so (else read the body with parseJsonBody).
 * A body that is not JSON throws parseJsonBody's error.
 */
export function parseJsonBytes(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('latin1'));
  } catch {
    return parseJsonBody(body);
  }
}

const LATIN1_HIGH = /[\u0080-\u00ff]/;

/**
 * Whether a string from parseJsonBytes equals the one a UTF-8 reading would give: it does unless it holds a
 * character in U+0080–U+00FF, which may be a byte of a multi-byte character (or an escape like `\u00e9`).
 */
export function isExactLatin1(value: string): boolean {
  return !LATIN1_HIGH.test(value);
}

/** A field as display text: strings as they are, numbers and booleans printed, anything else absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The text of one page's indexed fields. Values that repeat within the page (types, categories, correlation ids)
 * are shared: each event holds a pointer instead of its own copy. With `latin1` (the fast parse, see
 * parseJsonBytes), a string that may need the UTF-8 reading clears `exact`, and the page is read again.
 */
export class PageTexts {
  private readonly shared = new Map<string, string>();
  private allExact = true;

  constructor(private readonly latin1: boolean) {}

  /** Every text handed out so far equals its UTF-8 reading. */
  get exact(): boolean {
    return this.allExact;
  }

  /** A field's text, kept by this event alone. */
  own(value: unknown): string | undefined {
    const s = text(value);
    if (s !== undefined && this.latin1 && typeof value === 'string' && !isExactLatin1(s)) this.allExact = false;
    return s;
  }

  /** A field's text, the same string object for every event of the page that has the same value. */
  share(value: unknown): string | undefined {
    const s = this.own(value);
    if (s === undefined) return undefined;
    const known = this.shared.get(s);
    if (known !== undefined) return known;
    this.shared.set(s, s);
    return s;
  }
}
