/**
 * The two ways of reading the demo server's Pismo timeline that the benchmarks compare: the raw ceiling
 * (undici `request` + `JSON.parse`, nothing kept) and the extension's own path (PismoSource over
 * HttpClient into a Timeline), plus a replay source that feeds recorded page bodies to the real parser.
 */
import { Agent, request } from 'undici';
import { DEFAULT_HTTP_OPTIONS, HttpClient } from '../src/core/http';
import { Redactor } from '../src/core/redact';
import type { Page, PageRequest, TimelineSource } from '../src/core/source';
import { Timeline } from '../src/core/timeline';
import type { DemoServer } from '../src/demo/server';
import { PismoSource, parsePismoPage } from '../src/sources/pismo';

/** Pismo's largest page: `limit` 1000, cut by the 1 MB rule to about 870 demo events. */
export const LIMIT = 1000;
const PATH = '/timeline/v1/timeline';

export function pageUrl(server: DemoServer, cursor: string | undefined): URL {
  const url = new URL(server.url + PATH);
  url.searchParams.set('limit', String(LIMIT));
  if (cursor !== undefined) url.searchParams.set('cursor', cursor);
  return url;
}

interface Envelope {
  has_next?: boolean;
  next_cursor?: string | null;
  items?: unknown[];
}

/**
 * The raw ceiling: each page fetched with undici's `request` and parsed with `JSON.parse`, nothing kept but a
 * count. `keep` receives each parsed page (the naive store of B2); `pages` bounds the read.
 */
export async function readRaw(server: DemoServer, pages: number, keep?: (items: unknown[]) => void): Promise<{ events: number; bytes: number; pages: number }> {
  const dispatcher = new Agent();
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  let cursor: string | undefined;
  let events = 0;
  let bytes = 0;
  let read = 0;
  try {
    do {
      const res = await request(pageUrl(server, cursor), { headers, dispatcher });
      const text = await res.body.text();
      const json = JSON.parse(text) as Envelope;
      bytes += Number(res.headers['content-length']);
      const items = json.items ?? [];
      events += items.length;
      keep?.(items);
      read++;
      cursor = json.has_next ? (json.next_cursor ?? undefined) : undefined;
    } while (cursor !== undefined && read < pages);
  } finally {
    await dispatcher.close();
  }
  return { events, bytes, pages: read };
}

/** The raw ceiling page by page, following the cursors itself: B1 interleaves it with the real path. */
export class RawReader {
  private readonly dispatcher = new Agent();
  private readonly headers: Record<string, string>;
  private cursor: string | undefined;

  constructor(private readonly server: DemoServer) {
    this.headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  }

  async next(): Promise<{ events: number; bytes: number }> {
    const res = await request(pageUrl(this.server, this.cursor), { headers: this.headers, dispatcher: this.dispatcher });
    const text = await res.body.text();
    const json = JSON.parse(text) as Envelope;
    this.cursor = json.has_next ? (json.next_cursor ?? undefined) : undefined;
    return { events: json.items?.length ?? 0, bytes: Number(res.headers['content-length']) };
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/** Every page body as received, for the replay source. */
export async function recordBodies(server: DemoServer, pages = Number.POSITIVE_INFINITY): Promise<Buffer[]> {
  const dispatcher = new Agent();
  const headers = { authorization: `Bearer ${server.token}`, accept: 'application/json' };
  const bodies: Buffer[] = [];
  let cursor: string | undefined;
  try {
    do {
      const res = await request(pageUrl(server, cursor), { headers, dispatcher });
      const body = Buffer.from(await res.body.arrayBuffer());
      const json = JSON.parse(body.toString('utf8')) as Envelope;
      bodies.push(body);
      cursor = json.has_next ? (json.next_cursor ?? undefined) : undefined;
    } while (cursor !== undefined && bodies.length < pages);
  } finally {
    await dispatcher.close();
  }
  return bodies;
}

/** The extension's path: the HttpClient and PismoSource it builds for a connection (see src/ui/model/sources.ts). */
export function realSource(server: DemoServer): { source: PismoSource; http: HttpClient } {
  const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: new Redactor() });
  const source = new PismoSource({ baseUrl: new URL(server.url), http, auth: { token: async () => server.token } });
  return { source, http };
}

export function newTimeline(source: TimelineSource): Timeline {
  return new Timeline(source, { limit: LIMIT, maxEmptyPages: 10 });
}

/** Loads pages into `timeline` until it holds `events` events, has read `pages` pages, or the timeline ends. */
export async function loadUntil(timeline: Timeline, limits: { events?: number; pages?: number }): Promise<void> {
  const events = limits.events ?? Number.POSITIVE_INFINITY;
  const pages = limits.pages ?? Number.POSITIVE_INFINITY;
  while (timeline.hasMore && timeline.eventCount < events && timeline.pageCount < pages) await timeline.loadMore();
}

/** Serves recorded bodies, in order, through the real parser (parsePismoPage): no network, no server. */
export class ReplaySource implements TimelineSource {
  private next = 0;

  constructor(
    private readonly bodies: readonly Buffer[],
    private readonly groupBy: 'category' | 'type' = 'category',
  ) {}

  async fetchPage(_request: PageRequest): Promise<Page> {
    const body = this.bodies[this.next++];
    if (!body) throw new Error('no more recorded pages');
    return parsePismoPage(body, this.groupBy);
  }
}
