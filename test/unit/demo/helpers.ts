import type { DemoServer } from '../../../src/demo/server';

export const PATH = '/timeline/v1/timeline';

export interface Page {
  readonly status: number;
  readonly text: string;
  /** Parsed body: fine for ids and timestamps (the torture numbers lose precision, which tests check on `text`). */
  readonly body: Envelope;
  /** Each item's exact JSON text, cut out of `text`. */
  readonly itemTexts: string[];
}

export interface Envelope {
  has_next: boolean;
  next_cursor: string | null;
  count: number;
  items: Item[];
}

export interface Item {
  type: string;
  account_id: number;
  category: string;
  tenant_account_timestamp: string;
  data: unknown;
  correlation_id?: string;
  timestamp: string;
}

export async function get(
  server: DemoServer,
  params: Record<string, string> = {},
  headers: Record<string, string> = { authorization: `Bearer ${server.token}` },
  path = PATH,
): Promise<{ status: number; text: string; headers: Headers }> {
  const url = new URL(server.url + path);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A page read with `token` (default: the main token, the main account's). */
export async function page(server: DemoServer, params: Record<string, string> = {}, token = server.token): Promise<Page> {
  const { status, text } = await get(server, params, bearer(token));
  if (status !== 200) throw new Error(`HTTP ${status}: ${text}`);
  return { status, text, body: JSON.parse(text) as Envelope, itemTexts: splitItems(text) };
}

/** Follows next_cursor until has_next is false; a safety cap turns a paging loop into a failure. */
export async function pageAll(server: DemoServer, params: Record<string, string> = {}, cursorParam = 'cursor', token = server.token): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const p = await page(server, cursor === null ? params : { ...params, [cursorParam]: cursor }, token);
    pages.push(p);
    if (pages.length > 100_000) throw new Error('paging never ends');
    cursor = p.body.has_next ? p.body.next_cursor : null;
    if (p.body.has_next && typeof cursor !== 'string') throw new Error('has_next without a cursor');
  } while (cursor !== null);
  return pages;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

export async function post(server: DemoServer, path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(server.url + path, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export const MINT = '/passport/v2/s2s/access-token';
export const OAUTH = '/passport/v2/oauth/token';

/** An s2s token for `account` (`{ account_id }` or `{ external_account_id }`), or a failed test. */
export async function mintToken(server: DemoServer, account: Record<string, unknown>): Promise<string> {
  const body = JSON.stringify({ server_key: server.serverKey, server_secret: server.serverSecret, ...account });
  const res = await post(server, MINT, body, { 'content-type': 'application/json' });
  if (res.status !== 200) throw new Error(`mint: HTTP ${res.status}: ${res.text}`);
  return (JSON.parse(res.text) as { token: string }).token;
}

export const tokenFor = (server: DemoServer, accountId: string): Promise<string> => mintToken(server, { account_id: accountId });

/** The items of every page, in order. */
export const itemsOf = (pages: readonly Page[]): Item[] => pages.flatMap((p) => p.body.items);

/** The top-level elements of the body's `items` array, as text (string- and depth-aware scan). */
export function splitItems(body: string): string[] {
  const start = body.indexOf('"items":[') + '"items":['.length;
  const items: string[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      for (i++; body[i] !== '"'; i++) if (body[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (depth++ === 0) from = i;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break; // the closing bracket of `items`
      if (--depth === 0) items.push(body.slice(from, i + 1));
    }
  }
  return items;
}
