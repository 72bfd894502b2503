import { TimelineError } from '../../../src/core/errors';
import type { TimelineEvent } from '../../../src/core/event';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type RequestLogEntry } from '../../../src/core/http';
import { rawBytes } from '../../../src/core/rawPage';
import { Redactor } from '../../../src/core/redact';
import { SecretScope } from '../../../src/core/secretScope';
import { Timeline } from '../../../src/core/timeline';
import { parseBaseUrl } from '../../../src/core/url';
import { API_DEMO_PREFIXES, apiDemoSecrets } from '../../../src/demo/generic/apiRoutes';
import type { DemoServer } from '../../../src/demo/server';
import type { GenericSecrets } from '../../../src/sources/generic/auth';
import { GenericSource } from '../../../src/sources/generic/genericSource';
import { parseMapping } from '../../../src/sources/generic/mappingSchema';
import { presetById } from '../../../src/sources/generic/presets';

/** HttpClients made for a test file, with what they logged; closed by `closeAll`. */
export class Clients {
  readonly log: RequestLogEntry[] = [];
  private readonly made: HttpClient[] = [];
  readonly redactor = new Redactor();

  /** Bound to `base` like the extension's, retries without waiting. */
  http(base: URL): HttpClient {
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, redactor: this.redactor, scope: SecretScope.of(base), onRequest: (e) => this.log.push(e), delay: async () => undefined });
    this.made.push(http);
    return http;
  }

  /** The URLs requested since `from` entries of the log. */
  urls(from = 0): URL[] {
    return this.log.slice(from).map((e) => new URL(e.url));
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.made.map((h) => h.close()));
  }
}

/** A preset's mapping, with top-level keys replaced (`{ paging: … }`). */
export function presetMapping(presetId: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const preset = presetById(presetId);
  if (!preset) throw new Error(`no preset ${presetId}`);
  return { ...preset.mapping, ...changes };
}

export interface SourceOptions {
  /** A mapping as settings hold it; the preset's by default. */
  readonly mapping?: Record<string, unknown>;
  readonly secrets?: GenericSecrets;
  /** The base path under the server's URL; the preset's demo prefix by default. */
  readonly prefix?: string;
}

/** A GenericSource for one of the presets, reading its demo route. */
export function presetSource(server: DemoServer, clients: Clients, presetId: string, options: SourceOptions = {}): GenericSource {
  const baseUrl = parseBaseUrl(server.url + (options.prefix ?? API_DEMO_PREFIXES[presetId]));
  const secrets = options.secrets ?? apiDemoSecrets(server.token)[presetId];
  clients.redactor.add(server.token);
  return new GenericSource({ baseUrl, http: clients.http(baseUrl), mapping: parseMapping(options.mapping ?? presetMapping(presetId)), secrets: async () => secrets, redactor: clients.redactor });
}

/** Loads pages until the timeline ends, going on after a run of empty pages; a cap turns a paging loop into a failure. */
export async function loadAll(timeline: Timeline, maxLoads = 2000): Promise<void> {
  for (let i = 0; timeline.hasMore; i++) {
    if (i > maxLoads) throw new Error('paging never ends');
    try {
      await timeline.loadMore();
    } catch (e) {
      if (!(e instanceof TimelineError && e.kind === 'emptyRun')) throw e;
    }
  }
}

export function newTimeline(source: GenericSource | ConstructorParameters<typeof Timeline>[0], limit: number, options: Partial<ConstructorParameters<typeof Timeline>[1]> = {}): Timeline {
  return new Timeline(source, { limit, maxEmptyPages: 5, ...options });
}

/** What the tree shows of an event, and its exact bytes. */
export function eventView(e: TimelineEvent): Record<string, unknown> {
  return {
    id: e.id,
    type: e.type,
    category: e.itemCategory ?? e.category,
    timestamp: e.timestamp,
    sortKey: e.sortKey,
    correlationId: e.correlationId,
    bytes: rawBytes(e.raw).toString('base64'),
  };
}

/** A timeline as the tree shows it: categories in order, each with its events in order. */
export function treeView(timeline: Timeline, view: (e: TimelineEvent) => Record<string, unknown> = eventView): [string, Record<string, unknown>[]][] {
  return timeline.categories.map((c) => [c.name, c.events.map(view)]);
}

/** The error a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<TimelineError> {
  const e = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
  if (!(e instanceof TimelineError)) throw e;
  return e;
}
