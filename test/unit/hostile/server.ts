import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';

/** A server on 127.0.0.1 that answers each path with the body a hostile (or merely odd) API would send. */
export class HostileServer {
  private readonly bodies = new Map<string, string>();
  private server: Server | undefined;
  private base = '';
  readonly http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor(), delay: async () => undefined });

  get url(): string {
    return this.base;
  }

  /** Answers `GET path` (query ignored) with `body` as JSON. */
  serve(path: string, body: string): void {
    this.bodies.set(path, body);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const body = this.bodies.get(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (body === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await this.http.close();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

// a full collection before and after a measure, without starting mocha with --expose-gc
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap (and typed-array memory) still held once `run` returned, in MB: what its result costs. */
export async function retainedMb<T>(run: () => T | Promise<T>): Promise<{ result: T; mb: number }> {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const before = used();
  const result = await run();
  gc();
  return { result, mb: (used() - before) / 1e6 };
}
