import { TimelineError } from '../core/errors';
import { labelPart, type TimelineEvent } from '../core/event';
import type { HttpClient } from '../core/http';
import { RawPage, type RawItem } from '../core/rawPage';
import type { Page, PageRequest, TimelineSource } from '../core/source';
import { sortKey } from '../core/time';
import { apiUrl } from '../core/url';
import { filterRejection } from '../core/filter';
import { isExactLatin1, PageTexts, parseJsonBody, parseJsonBytes, text } from './json';
import { pismoFilterQuery, pismoParamNames, type PismoFilterParams, type PismoParamNames } from './pismoFilter';
import { checkItemCount } from './pageItems';
import { ByteTexts, textAt } from './byteTexts';
import type { TokenProvider } from './tokenCache';


export interface PismoOptions {
  readonly baseUrl: URL;
  readonly http: HttpClient;
  readonly auth: TokenProvider;
  /** The query parameter that carries `next_cursor` back. Documented as `cursor`; some clients use `nextCursor`. */
  readonly cursorParam?: string;
  /** `category` (the default) or `type`: what the tree groups by. */
  readonly groupBy?: 'category' | 'type';
  /** Renames or turns off each filter parameter (see pismoFilter.ts). */
  readonly filterParams?: PismoFilterParams;
}

/** Pismo's account timeline, `GET /timeline/v1/timeline`, read with a cursor. */
export class PismoSource implements TimelineSource {
  /** Checked when the source is built, so a bad name is a configuration error before any request. */
  private readonly names: PismoParamNames;

  constructor(private readonly options: PismoOptions) {
    this.names = pismoParamNames(options.cursorParam, options.filterParams);
  }

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    const url = apiUrl(this.options.baseUrl, 'timeline/v1/timeline');
    url.searchParams.set('limit', String(request.limit));
    if (request.cursor !== undefined) url.searchParams.set(this.names.cursor, request.cursor);
    const filters = pismoFilterQuery(request.filter, this.names.filters);
    for (const [name, value] of filters) url.searchParams.set(name, value);
    try {
      return parsePismoPage(await this.get(url, signal), this.options.groupBy ?? 'category', request.limit);
    } catch (e) {
      throw filterRejection(e, filters);
    }
  }

  private async get(url: URL, signal: AbortSignal): Promise<Buffer> {
    const { http, auth } = this.options;
    const headers = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, accept: 'application/json' });
    // Only a 401 on the timeline itself means the token expired; a refused mint is final.
    const token = await auth.token(signal);
    try {
      return (await http.get(url, headers(token), signal)).body;
    } catch (e) {
      if (!(e instanceof TimelineError && e.kind === 'auth' && auth.renew)) throw e;
      return (await http.get(url, headers(await auth.renew(signal)), signal)).body;
    }
  }
}

interface PismoEnvelope {
  has_next?: unknown;
  next_cursor?: unknown;
  items?: unknown;
}

/**
 * Reads one page exactly as the seed documents it. An empty `items` with `has_next: true` is normal (the
 * 1 MB read happens before filtering): the cursor is kept. The end is `has_next: false` or no `next_cursor`.
 *
 * The body is parsed once for its indexed fields and then dropped: events keep only those fields and a
 * pointer into the page's bytes (lossless and lean, see RawPage). It is parsed the fast way (parseJsonBytes);
 * should an indexed string hold a non-ASCII character, the page is read again as UTF-8, so values are exact.
 */
export function parsePismoPage(body: Buffer, groupBy: 'category' | 'type', limit?: number): Page {
  return readPage(parseJsonBytes(body), body, groupBy, true, limit) ?? (readPage(parseJsonBody(body), body, groupBy, false, limit) as Page);
}

/** The page, or undefined when `latin1` and a field needs the UTF-8 reading. `limit`: the page size asked for. */
function readPage(json: unknown, body: Buffer, groupBy: 'category' | 'type', latin1: boolean, limit: number | undefined): Page | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TimelineError('badShape', 'The server answered with JSON that is not a Pismo timeline page (no "items").');
  }
  const envelope = json as PismoEnvelope;
  // Without "items" an object is a page only if it still speaks of paging (a filtered page may omit them).
  if (envelope.items === undefined && envelope.has_next === undefined && envelope.next_cursor === undefined) {
    throw new TimelineError('badShape', 'The server answered with JSON that is not a Pismo timeline page (no "items").');
  }
  const items = envelope.items ?? [];
  if (!Array.isArray(items)) throw new TimelineError('badShape', 'The page\'s "items" is not a list.');
  checkItemCount(items.length, limit);
  const cursor = text(envelope.next_cursor);
  if (latin1 && cursor !== undefined && !isExactLatin1(cursor)) return undefined;
  const reader = new ItemReader(new RawPage(body, 'items'), groupBy, latin1);
  const events: TimelineEvent[] = [];
  for (let index = 0; index < items.length; index++) {
    const event = reader.read(items[index], index);
    if (!event) return undefined;
    events.push(event);
  }
  return { events, nextCursor: envelope.has_next === false ? undefined : cursor, bytes: body.length };
}

/**
 * What the events of one page that share their type, category, account and id layout share, the page itself
 * included: one object per such kind (a page has dozens), so that an event holds one pointer instead of six.
 */
class PismoKind {
  constructor(
    readonly page: RawPage,
    readonly type: string,
    /** The grouping key: the item's category, or its type. */
    readonly group: string,
    readonly itemCategory: string,
    readonly accountId: string | undefined,
    /**
     * Where the timestamp starts in the id (Pismo's ids end with it, after the tenant and the account), or -1
     * when the events hold their own (PismoEventAtTime).
     */
    readonly timeAt: number,
  ) {}
}

/**
 * One Pismo event as held in memory: the indexed fields and where its text lives, nothing else. The label,
 * the timestamp (the tail of the id) and `raw` (the event itself) are computed when read; the id and the
 * correlation id are read back from the page's bytes where they are written as they are (ByteTexts). So an
 * event costs one object of five fields and its sort key; the subclasses below add a field only to the events
 * that need it.
 */
class PismoEvent implements TimelineEvent, RawItem {
  constructor(
    /** The id, or where the page's bytes hold it (see ByteTexts). */
    private readonly idAt: string | number,
    private readonly kind: PismoKind,
    readonly sortKey: string,
    private readonly correlationAt: string | number | undefined,
    readonly index: number,
  ) {}

  get page(): RawPage {
    return this.kind.page;
  }

  get id(): string {
    return textAt(this.page.bytes, this.idAt);
  }

  get correlationId(): string | undefined {
    const at = this.correlationAt;
    return at === undefined ? undefined : textAt(this.page.bytes, at);
  }

  get type(): string {
    return this.kind.type;
  }

  get category(): string {
    return this.kind.group;
  }

  /** The item's own category, for the label (`category` is the grouping key, which may be the type). */
  get itemCategory(): string {
    return this.kind.itemCategory;
  }

  get accountId(): string | undefined {
    return this.kind.accountId;
  }

  get label(): string {
    return `${labelPart(this.kind.itemCategory)} · ${labelPart(this.kind.type)}`;
  }

  get timestamp(): string {
    return this.id.slice(this.kind.timeAt);
  }

  get summary(): string | undefined {
    return undefined;
  }

  get raw(): RawItem {
    return this;
  }
}

/** An event whose data has an amount: "12.50 BRL", the amount as the page writes it (see ByteTexts.placeNumber). */
class PismoEventWithSummary extends PismoEvent {
  constructor(
    idAt: string | number,
    kind: PismoKind,
    sortKey: string,
    correlationAt: string | number | undefined,
    index: number,
    private readonly amountAt: string | number | undefined,
    private readonly currency: string | undefined,
  ) {
    super(idAt, kind, sortKey, correlationAt, index);
  }

  override get summary(): string | undefined {
    if (this.amountAt === undefined) return undefined;
    const amount = textAt(this.page.bytes, this.amountAt);
    return this.currency ? `${amount} ${this.currency}` : amount;
  }
}

/** An event whose id does not end with its timestamp (or that has none): it holds the timestamp itself. */
class PismoEventAtTime extends PismoEventWithSummary {
  private readonly time: string;

  constructor(time: string, ...event: ConstructorParameters<typeof PismoEventWithSummary>) {
    super(...event);
    this.time = time;
  }

  override get timestamp(): string {
    return this.time;
  }
}

/** The members of `data` that hold its amount, in the order they are tried. */
const AMOUNT_KEYS = ['amount', 'principal_amount', 'value'];

/** An amount as parsed: which member of `data` held it, its value, and the currency beside it. */
interface Amount {
  readonly key: string;
  readonly value: string | number;
  readonly currency: string | undefined;
}

/** How many kinds of one type a page's reader compares before it looks the rest up by a key. */
const FEW_KINDS = 16;

/**
 * Turns a page's parsed items into events. Strings that repeat (types, categories, account ids, correlation
 * ids within a page) are shared, so each event holds a pointer instead of its own copy; with
 * `latin1`, a string that may need the UTF-8 reading makes `read` give up (undefined).
 */
class ItemReader {
  private readonly texts: PageTexts;
  private readonly placed: ByteTexts;
  /** The page's first kinds by type: a type comes with one category or a few, and an account timeline has one account. */
  private readonly kinds = new Map<string, PismoKind[]>();
  private readonly manyKinds = new Map<string, PismoKind>();

  constructor(
    private readonly page: RawPage,
    private readonly groupBy: 'category' | 'type',
    latin1: boolean,
  ) {
    this.texts = new PageTexts(latin1);
    this.placed = new ByteTexts(page.bytes);
  }

  read(item: unknown, index: number): TimelineEvent | undefined {
    const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const type = this.texts.share(o.type) ?? 'UNKNOWN';
    const category = this.texts.share(o.category) ?? 'UNCATEGORIZED';
    const timestamp = this.texts.own(o.timestamp) ?? '';
    const correlationId = this.texts.share(o.correlation_id);
    const accountId = this.texts.share(o.account_id);
    const amount = this.amountOf(o.data);
    // tenant_account_timestamp is the documented id; without one, the event's own fields stand in.
    const given = this.texts.own(o.tenant_account_timestamp);
    const id = given ?? `${timestamp}|${category}|${type}|${correlationId ?? ''}`;
    if (!this.texts.exact) return undefined;
    const timeAt = timestamp !== '' && id.length > timestamp.length && id.endsWith(timestamp) ? id.length - timestamp.length : -1;
    this.placed.nextItem();
    const idAt = given === undefined ? id : this.placed.place(given);
    const correlationAt = correlationId === undefined ? undefined : this.placed.place(correlationId);
    const amountAt = amount && (typeof amount.value === 'number' ? this.placed.placeNumber(amount.key, amount.value) : this.placed.place(amount.value));
    const kind = this.kind(type, category, accountId, timeAt);
    const key = sortKey(timestamp);
    if (timeAt < 0) return new PismoEventAtTime(timestamp, idAt, kind, key, correlationAt, index, amountAt, amount?.currency);
    if (amountAt !== undefined) return new PismoEventWithSummary(idAt, kind, key, correlationAt, index, amountAt, amount?.currency);
    return new PismoEvent(idAt, kind, key, correlationAt, index);
  }

  /**
   * The strings are the page's shared ones, so a kind is found by comparing pointers, among the first
   * FEW_KINDS of its type; past them (a tenant's many accounts, a hostile page) by a key, so a page of
   * distinct kinds costs linear time, not quadratic.
   */
  private kind(type: string, category: string, accountId: string | undefined, timeAt: number): PismoKind {
    let ofType = this.kinds.get(type);
    const known = ofType?.find((k) => k.itemCategory === category && k.accountId === accountId && k.timeAt === timeAt);
    if (known) return known;
    if (!ofType) this.kinds.set(type, (ofType = []));
    const key = ofType.length < FEW_KINDS ? undefined : `${type}\n${category}\n${timeAt}\n${accountId === undefined ? '-' : `+${accountId}`}`;
    const keyed = key === undefined ? undefined : this.manyKinds.get(key);
    if (keyed) return keyed;
    const kind = new PismoKind(this.page, type, this.groupBy === 'type' ? type : category, category, accountId, timeAt);
    if (key === undefined) ofType.push(kind);
    else this.manyKinds.set(key, kind);
    return kind;
  }

  /** The amount of `data` in its common shapes (`amount`/`currency` and the like); data may also be a string. */
  private amountOf(data: unknown): Amount | undefined {
    if (!data || typeof data !== 'object') return undefined;
    const d = data as Record<string, unknown>;
    for (const key of AMOUNT_KEYS) {
      const value = typeof d[key] === 'number' ? d[key] : this.texts.own(d[key]);
      if (value !== undefined) return { key, value, currency: this.texts.share(d.currency) ?? this.texts.share(d.currency_code) };
    }
    return undefined;
  }
}
