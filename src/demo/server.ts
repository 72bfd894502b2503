import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoRequest, type DemoResponse, type Route, jsonError } from './http';
import { PismoTimeline } from './pismoData';
import { pismoTimelineRoute } from './pismoRoute';

export interface DemoServerOptions {
  port?: number;
  seed?: number;
  eventCount?: number;
  token?: string;
}

export interface DemoServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly token: string;
  readonly eventCount: number;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20220215;
export const DEFAULT_EVENT_COUNT = 5000;
/** About 13 years of events at one per ~7 minutes; generation is on demand, so this bounds time, not memory. */
export const MAX_EVENT_COUNT = 1_000_000;

/** A local timeline server with synthetic data, bound to 127.0.0.1 only. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const seed = options.seed ?? DEFAULT_SEED;
  const eventCount = options.eventCount ?? DEFAULT_EVENT_COUNT;
  const token = options.token ?? randomBytes(16).toString('hex');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isInteger(eventCount) || eventCount < 0 || eventCount > MAX_EVENT_COUNT) {
    throw new RangeError(`eventCount must be an integer from 0 to ${MAX_EVENT_COUNT}`);
  }
  if (!/^\S+$/.test(token)) throw new RangeError('token must be non-empty and without spaces');

  const routes: Route[] = [pismoTimelineRoute(new PismoTimeline(seed, eventCount), token)];
  const server = createServer((req, res) => void serve(routes, req, res));
  const port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    eventCount,
    close: () => (closing ??= stop(server)),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every connection, idle keep-alive ones included, so the process can exit. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function serve(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: DemoResponse;
  try {
    response = await route(routes, toRequest(req));
  } catch {
    response = jsonError(500, 'Internal server error');
  }
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...response.headers });
  res.end(body);
}

function toRequest(req: IncomingMessage): DemoRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
}

function route(routes: readonly Route[], request: DemoRequest): DemoResponse | Promise<DemoResponse> {
  const match = routes.find((r) => r.path === request.path);
  if (!match) return jsonError(404, `No route for ${request.path}`);
  if (!match.methods.includes(request.method)) return jsonError(405, `${request.method} is not allowed here`, { allow: match.methods.join(', ') });
  return match.handle(request);
}
