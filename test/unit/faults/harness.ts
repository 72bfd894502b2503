import { DEFAULT_HTTP_OPTIONS, HttpClient, type HttpOptions, type RequestLogEntry } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { Timeline } from '../../../src/core/timeline';
import type { DemoServer } from '../../../src/demo/server';
import { PismoSource } from '../../../src/sources/pismo';
import type { TokenProvider } from '../../../src/sources/tokenCache';
import { page } from '../demo/helpers';

export const PISMO_PATH = '/timeline/v1/timeline';
export const PAGE_SIZE = 20;
/** As the extension's Session uses. */
export const MAX_EMPTY_PAGES = 10;
/** The extension's client, but with a short timeout so timeouts are tested in well under a second. */
export const TEST_HTTP = { ...DEFAULT_HTTP_OPTIONS, timeoutMs: 500 };

/** The delays the extension would sleep with random() = 0.5, i.e. no jitter: base × 2^(n−1). */
export const backoffs = (count: number): number[] => Array.from({ length: count }, (_, i) => TEST_HTTP.retryBaseMs * 2 ** i);

/** A Timeline over PismoSource over HttpClient, recording every request and every wait instead of sleeping. */
export interface Rig {
  readonly timeline: Timeline;
  readonly http: HttpClient;
  readonly log: RequestLogEntry[];
  readonly waits: number[];
}

export interface RigOptions {
  readonly baseUrl?: string;
  readonly auth?: TokenProvider;
  readonly redactor?: Redactor;
  readonly http?: Partial<HttpOptions>;
}

export function rig(server: DemoServer, options: RigOptions = {}): Rig {
  const log: RequestLogEntry[] = [];
  const waits: number[] = [];
  const http = new HttpClient({
    ...TEST_HTTP,
    redactor: options.redactor ?? new Redactor(),
    onRequest: (e) => log.push(e),
    delay: async (ms, signal) => {
      waits.push(ms);
      signal.throwIfAborted();
    },
    random: () => 0.5,
    ...options.http,
  });
  const source = new PismoSource({ baseUrl: new URL(options.baseUrl ?? server.url), http, auth: options.auth ?? { token: async () => server.token } });
  return { timeline: new Timeline(source, { limit: PAGE_SIZE, maxEmptyPages: MAX_EMPTY_PAGES }), http, log, waits };
}

/** The ids of the server's first `pages` pages of PAGE_SIZE, in order, read without the client under test. */
export async function groundTruth(server: DemoServer, pages: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const params: Record<string, string> = { limit: String(PAGE_SIZE) };
    if (cursor !== null) params.cursor = cursor;
    const p = await page(server, params);
    ids.push(...p.body.items.map((item) => item.tenant_account_timestamp));
    cursor = p.body.next_cursor;
    if (!p.body.has_next || cursor === null) break;
  }
  return ids;
}

/** What a promise settled with: its value, or what it threw. */
export function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
