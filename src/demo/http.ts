import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The small request/response model routes work with, so a route is a plain function, easy to wrap (faults, delays). */
export interface DemoRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface DemoResponse {
  readonly status: number;
  /** JSON text, sent as UTF-8. */
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly path: string;
  readonly methods: readonly string[];
  handle(request: DemoRequest): DemoResponse | Promise<DemoResponse>;
}

export function json(status: number, body: string, headers?: Record<string, string>): DemoResponse {
  return { status, body, headers };
}

export function jsonError(status: number, message: string, headers?: Record<string, string>): DemoResponse {
  return json(status, JSON.stringify({ message }), headers);
}

export const unauthorized = (): DemoResponse => jsonError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });

/** `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearer(request: DemoRequest, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1], 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
