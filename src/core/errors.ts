import { Redactor } from './redact';

/**
 * Every failure a timeline can meet, as one typed error whose message is a sentence a user can act on.
 * Messages never carry secrets: callers build them from redacted text only.
 */
export type TimelineErrorKind =
  | 'config' // bad base URL, missing secret, unknown kind: refused before any request
  | 'network' // connection refused, reset, DNS
  | 'timeout' // connect, headers or body took too long
  | 'cancelled' // the user (or a newer request) cancelled
  | 'auth' // 401
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'rateLimited' // 429 after the retries
  | 'server' // 5xx after the retries
  | 'http' // any other unexpected status
  | 'tooLarge' // body over the size cap
  | 'badJson' // body is not JSON
  | 'badShape' // JSON, but not the documented envelope
  | 'repeatCursor' // the server handed back a cursor it already gave
  | 'emptyRun' // too many empty pages in a row: ask before going on
  | 'budget'; // the window holds as many events as it may keep: refresh or filter

export class TimelineError extends Error {
  override readonly name = 'TimelineError';
  constructor(
    readonly kind: TimelineErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; attempts?: number } = {},
  ) {
    super(message);
  }
}

export function isTimelineError(e: unknown): e is TimelineError {
  return e instanceof TimelineError;
}

/** Masks secret-shaped text (tokens in URLs, Authorization values) in messages nobody checked. */
const UNTRUSTED = new Redactor();

/**
 * Turns anything thrown into a TimelineError, keeping typed ones as they are. An untyped error's text is
 * redacted and kept to one line, since it may quote a URL or a header.
 */
export function toTimelineError(e: unknown, redactor: Redactor = UNTRUSTED): TimelineError {
  if (isTimelineError(e)) return e;
  if (e instanceof Error && e.name === 'AbortError') return new TimelineError('cancelled', 'The request was cancelled.');
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/[.\s]+$/, '');
  return new TimelineError('network', `The request failed: ${redactor.redact(text)}.`);
}
