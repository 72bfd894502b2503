import { encodeCursor } from './cursor';
import type { DemoRequest, DemoResponse } from './http';
import { CURSOR_PARAMS } from './pismoQuery';

/**
 * Paging faults: the real Pismo page with one thing wrong. Anything that is not a Pismo page (an error,
 * a TalentLMS page) passes unchanged. Item text is never re-serialized, so the torture numbers survive.
 */
interface PismoPage {
  readonly has_next: boolean;
  readonly next_cursor: string | null;
  readonly items: { readonly tenant_account_timestamp: string; readonly timestamp: string }[];
}

/** The envelope fields the Pismo route writes first, before `items`. */
const ENVELOPE_HEAD = /^\{"has_next":(?:true|false),"next_cursor":(?:null|"[^"]*")/;

function pismoPage(response: DemoResponse): PismoPage | undefined {
  if (response.status !== 200 || !ENVELOPE_HEAD.test(response.body)) return undefined;
  const page = JSON.parse(response.body) as PismoPage;
  return Array.isArray(page.items) ? page : undefined;
}

function withNext(response: DemoResponse, cursor: string): DemoResponse {
  return { ...response, body: response.body.replace(ENVELOPE_HEAD, `{"has_next":true,"next_cursor":${JSON.stringify(cursor)}`) };
}

/** Hands back the cursor the request came with, as a server stuck on one key would. */
export function repeatCursor(response: DemoResponse, request: DemoRequest): DemoResponse {
  const cursor = CURSOR_PARAMS.map((name) => request.query.get(name)).find((c) => c);
  return cursor && pismoPage(response) ? withNext(response, cursor) : response;
}

/** The page's items removed, its cursor kept: what Pismo's filter-after-read gives when nothing matches. */
export function emptyPage(response: DemoResponse): DemoResponse {
  const page = pismoPage(response);
  if (!page) return response;
  return { ...response, body: `{"has_next":${page.has_next},"next_cursor":${JSON.stringify(page.next_cursor)},"count":0,"items":[]}` };
}

/** A cursor pointing into the middle of the page, so the next page repeats its second half. */
export function overlappingPage(response: DemoResponse): DemoResponse {
  const page = pismoPage(response);
  if (!page?.has_next || page.items.length < 2) return response;
  const middle = page.items[Math.floor(page.items.length / 2) - 1];
  const tenantAccount = middle.tenant_account_timestamp.slice(0, -`::${middle.timestamp}`.length); // the page's own account
  return withNext(response, encodeCursor({ tenantAccount, timestamp: middle.timestamp }));
}
