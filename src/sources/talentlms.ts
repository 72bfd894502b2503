import { TimelineError } from '../core/errors';
import type { TimelineEvent } from '../core/event';
import type { HttpClient, HttpResponse } from '../core/http';
import { RawPage, type RawItem } from '../core/rawPage';
import type { Page, PageRequest, TimelineSource } from '../core/source';
import { sortKey } from '../core/time';
import { quotableUrl } from '../core/quotable';
import { apiUrl, basePath, isUnderBase } from '../core/url';
import { filterRejection, type PageFilter } from '../core/filter';
import { PageTexts, parseJsonBody, text } from './json';
import { checkItemCount } from './pageItems';
import { ByteTexts, textAt } from './byteTexts';
import { describeTalentType } from './talentlmsTypes';

export interface TalentLmsOptions {
  readonly baseUrl: URL;
  readonly http: HttpClient;
  readonly apiKey: (signal: AbortSignal) => Promise<string>;
  /** `X-API-Version`; no official value is published, so it is a per-connection setting. */
  readonly apiVersion: string;
}

/** The v2 list endpoints allow at most 100 items per page. */
const MAX_PAGE_SIZE = 100;

/**
 * TalentLMS's platform timeline, `GET /api/v2/timeline`. The cursor is either the server's own
 * `_links.next` (preferred) or the next page number when only `_meta.pagination` is given.
 */
export class TalentLmsSource implements TimelineSource {
  constructor(private readonly options: TalentLmsOptions) {}

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    const { http, apiKey, apiVersion } = this.options;
    const url = this.pageUrl(request);
    const filters = talentFilterQuery(request.filter);
    // Set on followed links too: a server's next link need not carry the filter it was asked for.
    for (const [name, value] of filters) url.searchParams.set(name, value);
    const headers = { 'x-api-key': await apiKey(signal), 'x-api-version': apiVersion, accept: 'application/json' };
    const res = await http.get(url, headers, signal).catch((e: unknown) => {
      throw filterRejection(e, filters);
    });
    const limit = Math.min(request.limit, MAX_PAGE_SIZE);
    return { ...parseTalentPage(res.body, (next) => this.cursorFor(next, url), limit), rateLimit: rateLimitOf(res) };
  }

  private pageUrl(request: PageRequest): URL {
    if (request.cursor?.startsWith('url:')) return new URL(request.cursor.slice(4));
    const url = apiUrl(this.options.baseUrl, 'api/v2/timeline');
    url.searchParams.set('page[number]', request.cursor?.startsWith('page:') ? request.cursor.slice(5) : '1');
    url.searchParams.set('page[size]', String(Math.min(request.limit, MAX_PAGE_SIZE)));
    return url;
  }

  /**
   * A `_links.next` is followed only under the connection's base URL: the API key must not go elsewhere. A
   * fragment is never sent, so a link with one is not the server's own: refused. The link is followed as a
   * copied curl command quotes it (see quotableUrl), so the command sends what the extension sent.
   */
  private cursorFor(next: string, current: URL): string {
    const url = new URL(next, current);
    const base = this.options.baseUrl;
    if (!isUnderBase(url, base)) {
      const where = url.origin === base.origin ? `outside ${basePath(base) || '/'}` : `to another host (${url.host})`;
      throw new TimelineError('badShape', `The server's next-page link points ${where}; it was not followed.`);
    }
    if (url.href.includes('#')) throw new TimelineError('badShape', "The server's next-page link carries a fragment (#…), which no API link needs; it was not followed.");
    return `url:${quotableUrl(url.href)}`;
  }
}

/**
 * v2's filter syntax where the timeline can take it: one event type and the creation-time range. Several
 * types, and categories (the seed's grouping, not an API field), are matched by the extension on each page.
 */
function talentFilterQuery(filter: PageFilter | undefined): [string, string][] {
  if (!filter) return [];
  const query: [string, string][] = [];
  if (filter.types?.length === 1) query.push(['filter[event_type][eq]', filter.types[0]]);
  if (filter.since !== undefined) query.push(['filter[created_at][gte]', filter.since]);
  if (filter.until !== undefined) query.push(['filter[created_at][lte]', filter.until]);
  return query;
}

interface TalentEnvelope {
  _data?: unknown;
  data?: unknown;
  _links?: { next?: unknown };
  _meta?: { pagination?: { page?: unknown; total_pages?: unknown } };
}

/**
 * Reads a v2 page (`_data`, `_links`, `_meta`) or, tolerantly, a bare v1 array. `toCursor` turns a
 * `_links.next` into a cursor; `limit` is the page size asked for.
 */
export function parseTalentPage(body: Buffer, toCursor: (next: string) => string, limit?: number): Omit<Page, 'rateLimit'> {
  const json = parseJsonBody(body);
  if (Array.isArray(json)) {
    checkItemCount(json.length, limit);
    return { events: toEvents(json, new RawPage(body, undefined)), bytes: body.length };
  }
  if (json === null || typeof json !== 'object') {
    throw new TimelineError('badShape', 'The server answered with JSON that is not a TalentLMS timeline page (no "_data").');
  }
  const envelope = json as TalentEnvelope;
  const key = Array.isArray(envelope._data) ? '_data' : Array.isArray(envelope.data) ? 'data' : undefined;
  if (!key) throw new TimelineError('badShape', 'The TalentLMS page has no "_data" list.');
  checkItemCount((envelope[key] as unknown[]).length, limit);
  const events = toEvents(envelope[key] as unknown[], new RawPage(body, key));
  return { events, nextCursor: nextCursor(envelope, toCursor), bytes: body.length };
}

function nextCursor(envelope: TalentEnvelope, toCursor: (next: string) => string): string | undefined {
  const link = text(envelope._links?.next);
  if (link) return toCursor(link);
  const page = Number(envelope._meta?.pagination?.page);
  const total = Number(envelope._meta?.pagination?.total_pages);
  return Number.isInteger(page) && Number.isInteger(total) && page < total ? `page:${page + 1}` : undefined;
}

function toEvents(items: unknown[], page: RawPage): TimelineEvent[] {
  const reader: PageReader = { texts: new PageTexts(false), placed: new ByteTexts(page.bytes), kinds: new Map() };
  return items.map((item, index) => toEvent((item && typeof item === 'object' ? item : {}) as Record<string, unknown>, index, page, reader));
}

/** A type, its category and the page, one object per type of a page, which its events point to instead of holding all three. */
class TalentKind {
  readonly category: string;

  constructor(
    readonly page: RawPage,
    readonly type: string,
  ) {
    this.category = describeTalentType(type).category;
  }
}

/** The largest id held as a number: a small integer, unboxed in an object even with compressed pointers. */
const MAX_SMALL_ID = 2 ** 30 - 1;

/**
 * One TalentLMS event as held in memory (a timeline may hold 100,000s of tiny ones): the indexed fields, the
 * strings that repeat within a page (type, user, course) shared, the label and `raw` computed when read. An id
 * that is a decimal integer is held as the number, and the time is read back from the page's bytes where it is
 * written as it is (ByteTexts), so neither costs a string; the rare correlation id is held by a subclass.
 */
class TalentEvent implements TimelineEvent, RawItem {
  constructor(
    /** The id, or the integer it writes. */
    private readonly idText: string | number,
    private readonly kind: TalentKind,
    /** The timestamp, or where the page's bytes hold it. */
    private readonly timeAt: string | number,
    readonly sortKey: string,
    readonly accountId: string | undefined,
    readonly summary: string | undefined,
    readonly index: number,
  ) {}

  get id(): string {
    return String(this.idText);
  }

  get page(): RawPage {
    return this.kind.page;
  }

  get correlationId(): string | undefined {
    return undefined;
  }

  get timestamp(): string {
    return textAt(this.page.bytes, this.timeAt);
  }

  get type(): string {
    return this.kind.type;
  }

  get category(): string {
    return this.kind.category;
  }

  get label(): string {
    return describeTalentType(this.kind.type).label;
  }

  get raw(): RawItem {
    return this;
  }
}

/** An event that names a correlation (request) id. */
class TalentEventWithCorrelation extends TalentEvent {
  constructor(idText: string | number, kind: TalentKind, timeAt: string | number, sortKey: string, accountId: string | undefined, summary: string | undefined, index: number, private readonly correlation: string) {
    super(idText, kind, timeAt, sortKey, accountId, summary, index);
  }

  override get correlationId(): string {
    return this.correlation;
  }
}

/** v1 writes "-" for a missing value. */
function field(o: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(o[name]);
    if (value !== undefined && value !== '-') return value;
  }
  return undefined;
}

function nested(o: Record<string, unknown>, key: string, ...names: string[]): string | undefined {
  const inner = o[key];
  return inner && typeof inner === 'object' ? field(inner as Record<string, unknown>, ...names) : undefined;
}

/** An id as TalentEvent holds it: a decimal integer (as written, no sign or leading zero) as its number. */
function heldId(id: string): string | number {
  const n = Number(id);
  return Number.isInteger(n) && n >= 0 && n <= MAX_SMALL_ID && String(n) === id ? n : id;
}

/** What the events of one page share while they are read. */
interface PageReader {
  readonly texts: PageTexts;
  readonly placed: ByteTexts;
  readonly kinds: Map<string, TalentKind>;
}

function toEvent(o: Record<string, unknown>, index: number, page: RawPage, { texts, placed, kinds }: PageReader): TimelineEvent {
  const apiType = texts.share(field(o, 'event_type', 'type', 'action')) ?? 'unknown';
  const timestamp = field(o, 'created_at', 'timestamp', 'date') ?? field(o, 'unix_timestamp') ?? '';
  const actor = nested(o, 'user', 'name', 'full_name', 'fullname', 'email') ?? field(o, 'user_fullname', 'user_username', 'user_email');
  const object = nested(o, 'course', 'name') ?? nested(o, 'group', 'name') ?? nested(o, 'branch', 'name') ?? field(o, 'object_name');
  placed.nextItem();
  const id = heldId(field(o, 'id', 'event_id', 'event_counter') ?? `${timestamp}|${apiType}|${actor ?? ''}|${object ?? ''}`);
  const kind = kindOf(kinds, page, apiType);
  const timeAt = timestamp === '' ? timestamp : placed.place(timestamp);
  const key = sortKey(field(o, 'unix_timestamp') ?? timestamp);
  const accountId = texts.share(nested(o, 'user', 'id') ?? field(o, 'user_id'));
  const summary = texts.share(actor && object ? `${actor} · ${object}` : (actor ?? object));
  const correlationId = texts.share(field(o, 'correlation_id', 'request_id'));
  if (correlationId !== undefined) return new TalentEventWithCorrelation(id, kind, timeAt, key, accountId, summary, index, correlationId);
  return new TalentEvent(id, kind, timeAt, key, accountId, summary, index);
}

function kindOf(kinds: Map<string, TalentKind>, page: RawPage, type: string): TalentKind {
  let kind = kinds.get(type);
  if (!kind) {
    kind = new TalentKind(page, type);
    kinds.set(type, kind);
  }
  return kind;
}

function rateLimitOf(res: HttpResponse): Page['rateLimit'] {
  const remaining = Number(res.headers['x-ratelimit-remaining']);
  const limit = Number(res.headers['x-ratelimit-limit']);
  return Number.isFinite(remaining) && res.headers['x-ratelimit-remaining'] !== undefined
    ? { remaining, limit: Number.isFinite(limit) ? limit : undefined }
    : undefined;
}
