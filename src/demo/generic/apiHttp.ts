import { sameSecret } from '../passportTokens';
import type { DemoRequest, DemoResponse, Route } from '../http';
import type { Random } from '../random';
import type { ApiTimeline } from './apiTimeline';

/** One request header as text. */
export function header(request: DemoRequest, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : (value ?? '')).trim();
}

/** `Authorization: <scheme> <secret>`, the scheme compared without case, the secret in constant time. */
export function hasScheme(request: DemoRequest, scheme: string, secret: string): boolean {
  const value = header(request, 'authorization');
  const space = value.indexOf(' ');
  return space > 0 && value.slice(0, space).toLowerCase() === scheme.toLowerCase() && sameSecret(value.slice(space + 1).trim(), secret);
}

/** HTTP Basic with `user:password`. */
export function hasBasic(request: DemoRequest, user: string, password: string): boolean {
  return hasScheme(request, 'Basic', Buffer.from(`${user}:${password}`, 'utf8').toString('base64'));
}

/** A JSON answer with the API's own headers. */
export function answer(status: number, body: string, headers?: Record<string, string>): DemoResponse {
  return { status, body, headers };
}

/** A route whose handler runs only for authorized requests; others get the API's own 401. */
export function apiRoute(path: string, authorized: (request: DemoRequest) => boolean, refusal: () => DemoResponse, handle: (request: DemoRequest) => DemoResponse): Route {
  return { path, methods: ['GET'], authorized, handle: (request) => (authorized(request) ? handle(request) : refusal()) };
}

/**
 * `http://HOST` of the request, so a link the route writes passes a same-origin check whether the client
 * called 127.0.0.1 or localhost; empty (a path-only link) when the Host header is odd.
 */
export function origin(request: DemoRequest): string {
  const host = header(request, 'host');
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? `http://${host}` : '';
}

/** A whole number from a query parameter within [min, max]; `fallback` when absent; undefined when unreadable. */
export function whole(text: string | null, fallback: number, min: number, max: number): number | undefined {
  if (text === null) return fallback;
  if (!/^\d{1,9}$/.test(text.trim())) return undefined;
  return Math.min(max, Math.max(min, Number(text)));
}

/** An opaque cursor: base64url of JSON. Clients must not read it; the route reads it back. */
export function opaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function unopaque(text: string | null): Record<string, unknown> | undefined {
  if (!text || !/^[A-Za-z0-9_-]{1,400}$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `n` letters and digits drawn from the stream. */
export function alnum(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[Math.floor(random() * ALNUM.length)];
  return out;
}

/** `prefix` + the sequence number in base 36 (seven characters), then random characters: an id a route can read back. */
export function seqId(prefix: string, seq: number, random: Random, n = 10): string {
  return `${prefix}${seq.toString(36).padStart(7, '0')}${alnum(random, n)}`;
}

/** The sequence number in an id seqId wrote, or undefined. */
export function seqOf(prefix: string, id: string | null): number | undefined {
  if (!id?.startsWith(prefix)) return undefined;
  const digits = id.slice(prefix.length, prefix.length + 7);
  return /^[0-9a-z]{7}$/.test(digits) ? parseInt(digits, 36) : undefined;
}

/**
 * The position of the last event a page held, from a cursor this server wrote (`{"s": seq}`): undefined without
 * a cursor, null for one it did not write. Cursors name events by sequence number, so appends do not move them.
 */
export function afterCursor(timeline: ApiTimeline, cursor: string | null): number | undefined | null {
  if (cursor === null) return undefined;
  const seq = unopaque(cursor)?.s;
  return typeof seq === 'number' ? (timeline.position(seq) ?? null) : null;
}

/** The cursor after a page: its last event's sequence number. */
export function cursorAfter(timeline: ApiTimeline, positions: readonly number[]): string | undefined {
  return positions.length === 0 ? undefined : opaque({ s: timeline.seq(positions[positions.length - 1]) });
}
