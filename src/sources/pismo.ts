import { TimelineError } from '../core/errors';
import type { TimelineEvent } from '../core/event';
import type { HttpClient } from '../core/http';
import { RawPage } from '../core/rawPage';
import type { Page, PageRequest, TimelineSource } from '../core/source';
import { sortKey } from '../core/time';
import { apiUrl } from '../core/url';
import { parseJsonBody, text } from './json';

/** Supplies the account-level bearer token; `renew` is called once after a 401 (a minted token expired). */
export interface TokenProvider {
  token(signal: AbortSignal): Promise<string>;
  renew?(signal: AbortSignal): Promise<string>;
}

export interface PismoOptions {
  readonly baseUrl: URL;
  readonly http: HttpClient;
  readonly auth: TokenProvider;
  /** The query parameter that carries `next_cursor` back. Documented as `cursor`; some clients use `nextCursor`. */
  readonly cursorParam?: string;
  /** `category` (the default) or `type`: what the tree groups by. */
  readonly groupBy?: 'category' | 'type';
}

/** Pismo's account timeline, `GET /timeline/v1/timeline`, read with a cursor. */
export class PismoSource implements TimelineSource {
  constructor(private readonly options: PismoOptions) {}

  async fetchPage(request: PageRequest, signal: AbortSignal): Promise<Page> {
    const url = apiUrl(this.options.baseUrl, 'timeline/v1/timeline');
    url.searchParams.set('limit', String(request.limit));
    if (request.cursor !== undefined) url.searchParams.set(this.options.cursorParam ?? 'cursor', request.cursor);
    const res = await this.get(url, signal);
    return parsePismoPage(res, this.options.groupBy ?? 'category');
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
 */
export function parsePismoPage(body: Buffer, groupBy: 'category' | 'type'): Page {
  const json = parseJsonBody(body);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TimelineError('badShape', 'The server answered with JSON that is not a Pismo timeline page (no "items").');
  }
  const envelope = json as PismoEnvelope;
  const items = envelope.items ?? [];
  if (!Array.isArray(items)) throw new TimelineError('badShape', 'The page\'s "items" is not a list.');
  const raw = new RawPage(body, 'items');
  const events = items.map((item, index) => toEvent(item, index, raw, groupBy));
  const cursor = text(envelope.next_cursor);
  return { events, nextCursor: envelope.has_next === false ? undefined : cursor, bytes: body.length };
}

function toEvent(item: unknown, index: number, page: RawPage, groupBy: 'category' | 'type'): TimelineEvent {
  const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  const type = text(o.type) ?? 'UNKNOWN';
  const category = text(o.category) ?? 'UNCATEGORIZED';
  const timestamp = text(o.timestamp) ?? '';
  const correlationId = text(o.correlation_id);
  return {
    // tenant_account_timestamp is the documented id; without one, the event's own fields stand in.
    id: text(o.tenant_account_timestamp) ?? `${timestamp}|${category}|${type}|${correlationId ?? ''}`,
    type,
    category: groupBy === 'type' ? type : category,
    label: `${category} · ${type}`,
    timestamp,
    sortKey: sortKey(timestamp),
    correlationId,
    accountId: text(o.account_id),
    summary: amountOf(o.data),
    raw: { page, index },
  };
}

/** "12.50 BRL" from the common `amount`/`currency` shapes of `data`; data may also be a string. */
function amountOf(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  const amount = text(d.amount) ?? text(d.principal_amount) ?? text(d.value);
  if (amount === undefined) return undefined;
  const currency = text(d.currency) ?? text(d.currency_code);
  return currency ? `${amount} ${currency}` : amount;
}
