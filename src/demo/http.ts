import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** The small request/response model routes work with, so a route is a plain function, easy to wrap (faults, delays). */
export interface DemoRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as UTF-8 text, read on first call; rejects with BodyTooLargeError past `maxBytes`. */
  readonly body?: (maxBytes: number) => Promise<string>;
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
  /** Whether the request carries this route's credentials; only those may ask for a fault. */
  authorized(request: DemoRequest): boolean | Promise<boolean>;
  handle(request: DemoRequest): DemoResponse | Promise<DemoResponse>;
}

export function json(status: number, body: string, headers?: Record<string, string>): DemoResponse {
  return { status, body, headers };
}

export function jsonError(status: number, message: string, headers?: Record<string, string>): DemoResponse {
  return json(status, JSON.stringify({ message }), headers);
}

export const unauthorized = (): DemoResponse => jsonError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });

export class BodyTooLargeError extends Error {}

/** Reads a request's body on demand; past the cap the rest is drained unread, so a 413 can still be sent. */
export function bodyReader(req: IncomingMessage): (maxBytes: number) => Promise<string> {
  let text: Promise<string> | undefined;
  return (maxBytes) =>
    (text ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
        else reject(new BodyTooLargeError(`The body is larger than ${maxBytes} bytes`));
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    }));
}

/** The body as text, or the 413 to answer when it is larger than `maxBytes`. */
export async function readBody(request: DemoRequest, maxBytes: number): Promise<string | DemoResponse> {
  try {
    return request.body ? await request.body(maxBytes) : '';
  } catch (e) {
    if (e instanceof BodyTooLargeError) return jsonError(413, `The body must be at most ${maxBytes} bytes.`);
    throw e;
  }
}

/** `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearer(request: DemoRequest, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1], 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
