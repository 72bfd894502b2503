import { TimelineError } from '../../core/errors';
import { filterRejection, type PageFilter } from '../../core/filter';
import type { HttpClient, HttpResponse } from '../../core/http';
import { Redactor } from '../../core/redact';
import type { Cursor, Page, PageRequest, TimelineSource } from '../../core/source';
import { apiUrl, isUnderBase } from '../../core/url';
import { isExactLatin1, parseJsonBody, parseJsonBytes } from '../json';
import { checkItemCount } from '../pageItems';
import { authHeaders, type AuthHeaders, type GenericSecrets } from './auth';
import { readEvents, type GenericEvent } from './events';
import { itemsPage } from './itemsPage';
import type { GenericMapping } from './mapping';
import { nextStep } from './paging';
import { valueAt } from './path';
import { filterTime } from './unixTime';

/** What a generic source can be asked to filter by: a page filter, and the text a server may search for. */
export interface GenericPageFilter extends PageFilter {
  readonly text?: string;
}

export interface GenericPage extends Page {
  readonly events: GenericEvent[];
  /**
   * The server answered with the position it was asked from (Auth0 and Okta do, once nothing is newer): the
   * timeline ends here for now, and reading newer events starts again from this cursor.
   */
  readonly caughtUp?: Cursor;
}

export interface GenericSourceOptions {
  /** Checked (parseBaseUrl): the origin and base path every request and followed link must stay under. */
  readonly baseUrl: URL;
  /** Bound to the base URL (its SecretScope), so nothing reaches another address even by mistake. */
  readonly http: HttpClient;
  readonly mapping: GenericMapping;
  /** The secrets the mapping's auth needs (see secretSlots), read when the first page is. */
  readonly secrets: (signal: AbortSignal) => Promise<GenericSecrets>;
  /** Masks secrets in what errors quote, and learns every minted token: the HttpClient's own, so its log masks them too. */
  readonly redactor?: Redactor;
}

const PAGE_SIZE_PLACEHOLDER = /\{pageSize\}/g;

/**
 * A timeline read the way a mapping describes (see mapping.ts): any paging style, envelope and field names,
 * with the stop rules of paging.ts. Events keep the server's exact bytes, as the built-in sources' do.
 * The cursor is the server's own: a cursor value, the URL of the next page, or a page number or offset.
 */
export class GenericSource implements TimelineSource {
  private auth: Promise<AuthHeaders> | undefined;
  private readonly redactor: Redactor;

  constructor(private readonly options: GenericSourceOptions) {
    this.redactor = options.redactor ?? new Redactor();
  }

  get order(): GenericMapping['order'] {
    return this.options.mapping.order;
  }

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<GenericPage> {
    const { mapping } = this.options;
    const limit = Math.min(request.limit, mapping.maxPageSize ?? request.limit);
    const { url, filters } = this.pageUrl(request, limit);
    const res = await this.get(url, signal).catch((e: unknown) => {
      throw filterRejection(e, filters);
    });
    const answer = { headers: res.headers, url, cursor: request.cursor, limit };
    const page = this.readPage(parseJsonBytes(res.body), res.body, answer, true) ?? this.readPage(parseJsonBody(res.body), res.body, answer, false);
    const read = page as Omit<GenericPage, 'rateLimit'>;
    // oldest first, the last page is where newer events will be: read again from its own cursor (or the one the
    // server says it is caught up at), the events already held are known by their ids
    const atEnd = mapping.order === 'oldestFirst' && read.nextCursor === undefined;
    return { ...read, rateLimit: this.rateLimitOf(res), ...(atEnd ? { newerFrom: { cursor: read.caughtUp ?? request.cursor } } : {}) };
  }

  /** The URL a page is read from, and the filter parameters it carries. */
  pageUrl(request: PageRequest, limit: number): { url: URL; filters: [string, string][] } {
    const { mapping, baseUrl } = this.options;
    const { paging } = mapping;
    if (request.cursor !== undefined && (paging.style === 'nextUrl' || paging.style === 'linkHeader')) {
      const url = new URL(request.cursor);
      if (!isUnderBase(url, baseUrl)) throw new TimelineError('config', 'The next page\'s URL lies outside the base URL; it was not requested.');
      return { url, filters: [] };
    }
    const url = apiUrl(baseUrl, mapping.path);
    for (const [name, value] of mapping.query) url.searchParams.set(name, value.replace(PAGE_SIZE_PLACEHOLDER, String(limit)));
    if (paging.sizeParam) url.searchParams.set(paging.sizeParam, String(limit));
    if (paging.style === 'cursor' && request.cursor !== undefined) url.searchParams.set(paging.param, request.cursor);
    if (paging.style === 'page') url.searchParams.set(paging.param, request.cursor ?? String(paging.start));
    if (paging.style === 'offset') url.searchParams.set(paging.param, request.cursor ?? '0');
    const filters = this.filterQuery(request.filter);
    for (const [name, value] of filters) url.searchParams.set(name, value);
    return { url, filters };
  }

  /**
   * What the server can be asked: one type, one category (one value each), the range in the parameter's
   * format, the text. Several values are left to the extension, which matches every page anyway.
   */
  private filterQuery(filter: GenericPageFilter | undefined): [string, string][] {
    const names = this.options.mapping.filters;
    if (!filter) return [];
    const wanted: [string | undefined, string | undefined][] = [
      [names.type, filter.types?.length === 1 ? filter.types[0] : undefined],
      [names.category, filter.categories?.length === 1 ? filter.categories[0] : undefined],
      [names.since?.param, filter.since && names.since && filterTime(filter.since, names.since.format, 'since')],
      [names.until?.param, filter.until && names.until && filterTime(filter.until, names.until.format, 'until')],
      [names.text, filter.text],
    ];
    return wanted.flatMap(([name, value]) => (name !== undefined && value ? [[name, value] as [string, string]] : []));
  }

  private async get(url: URL, signal: AbortSignal): Promise<HttpResponse> {
    const { http, mapping } = this.options;
    const auth = await this.authHeaders(signal);
    const plain: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of mapping.headers) plain[name.toLowerCase()] = value;
    const authorization = await auth.headers(signal).catch((e: unknown) => {
      // A secret that was missing, or a token that could not be minted: read and minted again on the next page.
      this.auth = undefined;
      throw e;
    });
    try {
      return await http.get(url, { ...plain, ...authorization }, signal);
    } catch (e) {
      // Only a 401 to a page means a minted token expired.
      if (!(e instanceof TimelineError && e.kind === 'auth' && auth.renew)) throw e;
      return http.get(url, { ...plain, ...(await auth.renew(signal)) }, signal);
    }
  }

  private authHeaders(signal: AbortSignal): Promise<AuthHeaders> {
    const { mapping, baseUrl, http, secrets } = this.options;
    const auth = (this.auth ??= secrets(signal).then((s) => authHeaders(mapping.auth, s, { baseUrl, http, onToken: (token) => this.redactor.add(token) })));
    auth.catch(() => (this.auth = undefined));
    return auth;
  }

  /** The page, or undefined when `latin1` and a string needs the UTF-8 reading. */
  private readPage(json: unknown, body: Buffer, answer: Omit<Parameters<typeof nextStep>[1], 'body' | 'items'>, latin1: boolean): Omit<GenericPage, 'rateLimit'> | undefined {
    const { mapping, baseUrl } = this.options;
    const found = valueAt(json, mapping.items.segments);
    if (found !== null && !Array.isArray(found)) {
      const what = found === undefined ? 'nothing' : typeof found === 'object' ? 'an object' : `a ${typeof found}`;
      throw new TimelineError('badShape', `The answer holds ${what} at ${mapping.items.text} (mapping.items), where a list of events was expected.`);
    }
    const items = found ?? [];
    checkItemCount(items.length, answer.limit);
    const step = nextStep(mapping.paging, { ...answer, body: json, items }, baseUrl);
    if (latin1 && [step.next, step.caughtUp].some((c) => c !== undefined && !isExactLatin1(c))) return undefined;
    const events = readEvents(mapping.fields, itemsPage(body, mapping.items.segments), items, latin1, (text) => this.redactor.redact(text));
    return events && { events, nextCursor: step.next, caughtUp: step.caughtUp, bytes: body.length };
  }

  private rateLimitOf(res: HttpResponse): Page['rateLimit'] {
    const names = this.options.mapping.rateLimit;
    if (!names) return undefined;
    const remaining = Number(res.headers[names.remaining]);
    const limit = names.limit === undefined ? Number.NaN : Number(res.headers[names.limit]);
    return res.headers[names.remaining] !== undefined && Number.isFinite(remaining) ? { remaining, limit: Number.isFinite(limit) ? limit : undefined } : undefined;
  }
}
