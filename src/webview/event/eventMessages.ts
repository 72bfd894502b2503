/**
 * The messages between the event panel and its webview page, typed for both sides (the page's bundle imports
 * this file too, so it must not import `vscode`). Each side validates what it receives and drops anything
 * malformed: the page renders untrusted event data, and a restored state comes from storage.
 */

/** The only event data the page ever sees: header fields and the item's exact JSON text. No secrets. */
export interface EventView {
  readonly id: string;
  readonly type: string;
  readonly category: string;
  readonly label: string;
  /** As the server sent it; the page formats it in UTC and the viewer's local zone. */
  readonly timestamp: string;
  readonly correlationId?: string;
  readonly accountId?: string;
  readonly connectionName: string;
  /** The item's JSON text exactly as received. */
  readonly json: string;
}

/** A path an event lacks or adds, with how many events of its type carry it. */
export interface PathShareView {
  readonly path: string;
  readonly count: number;
}

/** What is unusual about the shown event for its type, learnt from the loaded events of that type. */
export interface UnusualView {
  /** Events of the type learnt from. */
  readonly events: number;
  /** Paths most events of the type carry and this one does not. */
  readonly lacks: readonly PathShareView[];
  /** Paths this event carries that few or none of its type do. */
  readonly adds: readonly PathShareView[];
}

/**
 * How `show` travels: the JSON as UTF-8 bytes, which VS Code moves as a buffer where a string of 8 MB would be
 * escaped and parsed again at every hop between the extension host and the page. parseHostMessage turns it back.
 */
export interface ShowWire {
  readonly type: 'show';
  readonly key: string;
  readonly pinned: boolean;
  readonly event: Omit<EventView, 'json'>;
  readonly json: Uint8Array;
}

export function showWire(key: string, event: EventView, pinned: boolean): ShowWire {
  const { json, ...fields } = event;
  return { type: 'show', key, pinned, event: fields, json: new TextEncoder().encode(json) };
}

/** Extension → page (`show` as ShowWire on the way). `key` names one show() so a reloaded page can tell whether it is current. */
export type HostMessage =
  | { readonly type: 'show'; readonly key: string; readonly event: EventView; readonly pinned: boolean }
  | { readonly type: 'pinned' }
  /** Sent after `show` once the type is learnt; for the show named by `key` only. */
  | { readonly type: 'unusual'; readonly key: string; readonly unusual: UnusualView };

export type CopyTarget = 'eventId' | 'correlationId' | 'json';

/** Page → extension. Values are named by the offset where they start in `EventView.json`. */
export type PageMessage =
  | { readonly type: 'ready'; readonly key?: string }
  | {
      readonly type: 'rendered';
      readonly key: string;
      /** Rows created so far (the rest render on expand). */
      readonly rows: number;
      /** Elements that could run or load something: script (other than the page's own), img, iframe, a[href], on* attributes… */
      readonly forbidden: number;
      /** The JSON area's lines as shown, joined by "\n": its length and textDigest(). */
      readonly textLength: number;
      readonly textDigest: string;
    }
  /**
   * The first rows of show `key` are on screen (sent after the frame that drew them): `pageMs` from the message's
   * arrival, `sinceStartMs` from the page's own document starting to load, and the page's JS heap then where the
   * browser tells it (for the benchmark).
   */
  | { readonly type: 'painted'; readonly key: string; readonly pageMs: number; readonly sinceStartMs: number; readonly heapBytes?: number }
  | { readonly type: 'copy'; readonly target: CopyTarget }
  | { readonly type: 'copyValue'; readonly at: number }
  | { readonly type: 'copyPath'; readonly at: number }
  | { readonly type: 'openDocument' }
  | { readonly type: 'compare' }
  | { readonly type: 'pin' }
  | { readonly type: 'copyLink' }
  /** An ID-shaped string value (starting at `at`) was clicked: the extension runs Find in Timeline for it. */
  | { readonly type: 'findId'; readonly at: number }
  | { readonly type: 'showChain' }
  /** "Open Account": the event's account_id, opened under its tenant. */
  | { readonly type: 'openAccount' }
  /** The unusual section was drawn for show `key` (for tests). */
  | { readonly type: 'unusualShown'; readonly key: string; readonly lacks: number; readonly adds: number };

/** What the page keeps with setState to re-render after a reload, without retainContextWhenHidden. */
export interface PageState {
  readonly key: string;
  readonly event: EventView;
  readonly pinned: boolean;
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function parseEventView(value: unknown): EventView | undefined {
  if (!isObject(value)) return undefined;
  const { id, type, category, label, timestamp, correlationId, accountId, connectionName, json } = value;
  const required = [id, type, category, label, timestamp, connectionName, json];
  if (!required.every((v) => typeof v === 'string') || !isOptionalString(correlationId) || !isOptionalString(accountId)) {
    return undefined;
  }
  // rebuilt field by field so nothing else an attacker added travels on
  return {
    id: id as string,
    type: type as string,
    category: category as string,
    label: label as string,
    timestamp: timestamp as string,
    correlationId: correlationId as string | undefined,
    accountId: accountId as string | undefined,
    connectionName: connectionName as string,
    json: json as string,
  };
}

export function parsePageState(value: unknown): PageState | undefined {
  if (!isObject(value) || typeof value.key !== 'string' || typeof value.pinned !== 'boolean') return undefined;
  const event = parseEventView(value.event);
  return event && { key: value.key, event, pinned: value.pinned };
}

/** More paths than a section lists: the core keeps at most 2,000 per type. */
const MAX_SHARES = 2000;

function parseShares(value: unknown): PathShareView[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_SHARES) return undefined;
  const shares: PathShareView[] = [];
  for (const share of value) {
    if (!isObject(share) || typeof share.path !== 'string' || !isOffset(share.count)) return undefined;
    shares.push({ path: share.path, count: share.count });
  }
  return shares;
}

function parseUnusual(value: unknown): UnusualView | undefined {
  if (!isObject(value) || !isOffset(value.events)) return undefined;
  const lacks = parseShares(value.lacks);
  const adds = parseShares(value.adds);
  return lacks && adds && { events: value.events, lacks, adds };
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isObject(value)) return undefined;
  if (value.type === 'pinned') return { type: 'pinned' };
  if (value.type === 'unusual') {
    const unusual = parseUnusual(value.unusual);
    return typeof value.key === 'string' && unusual ? { type: 'unusual', key: value.key, unusual } : undefined;
  }
  if (value.type === 'show') {
    const bytes = value.json instanceof ArrayBuffer ? new Uint8Array(value.json) : value.json;
    if (!(bytes instanceof Uint8Array) || !isObject(value.event)) return undefined;
    const state = parsePageState({ key: value.key, pinned: value.pinned, event: { ...value.event, json: new TextDecoder().decode(bytes) } });
    return state && { type: 'show', ...state };
  }
  return undefined;
}

const COPY_TARGETS: readonly string[] = ['eventId', 'correlationId', 'json'] satisfies CopyTarget[];

export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isOptionalString(value.key) ? { type: 'ready', key: value.key as string | undefined } : undefined;
    case 'rendered': {
      const { key, rows, forbidden, textLength, textDigest } = value;
      if (typeof key !== 'string' || !isOffset(rows) || !isOffset(forbidden) || !isOffset(textLength) || typeof textDigest !== 'string') {
        return undefined;
      }
      return { type: 'rendered', key, rows, forbidden, textLength, textDigest };
    }
    case 'painted': {
      const { key, pageMs, sinceStartMs, heapBytes } = value;
      const isMs = (ms: unknown): ms is number => typeof ms === 'number' && ms >= 0;
      if (typeof key !== 'string' || !isMs(pageMs) || !isMs(sinceStartMs) || !(heapBytes === undefined || isOffset(heapBytes))) return undefined;
      return { type: 'painted', key, pageMs, sinceStartMs, heapBytes };
    }
    case 'copy':
      return typeof value.target === 'string' && COPY_TARGETS.includes(value.target)
        ? { type: 'copy', target: value.target as CopyTarget }
        : undefined;
    case 'copyValue':
    case 'copyPath':
    case 'findId':
      return isOffset(value.at) ? { type: value.type, at: value.at } : undefined;
    case 'openDocument':
    case 'compare':
    case 'pin':
    case 'copyLink':
    case 'showChain':
    case 'openAccount':
      return { type: value.type };
    case 'unusualShown':
      return typeof value.key === 'string' && isOffset(value.lacks) && isOffset(value.adds) ? { type: 'unusualShown', key: value.key, lacks: value.lacks, adds: value.adds } : undefined;
    default:
      return undefined;
  }
}

/** FNV-1a over UTF-16 code units, as 8 hex digits: lets a test compare what the page shows without shipping it back. */
export function textDigest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The page's words, localized by the extension (vscode.l10n) and handed over in the page's HTML. */
export interface PageStrings {
  readonly type: string;
  readonly category: string;
  readonly timeUtc: string;
  readonly timeLocal: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly accountId: string;
  readonly openAccount: string;
  readonly connection: string;
  readonly actions: string;
  readonly copyCorrelationId: string;
  readonly copyEventId: string;
  readonly copyJson: string;
  readonly openDocument: string;
  readonly compare: string;
  readonly keepOpen: string;
  readonly keptOpen: string;
  readonly copyValue: string;
  readonly copyPath: string;
  /** {0}: how many more are shown by the click, {1}: how many there are in all. */
  readonly showMore: string;
  /** {0}: the string's length. */
  readonly showAll: string;
  readonly oneItem: string;
  /** {0}: count */
  readonly items: string;
  readonly oneKey: string;
  /** {0}: count */
  readonly keys: string;
  readonly jsonTree: string;
  readonly notJson: string;
  readonly filter: string;
  /** {0}: count */
  readonly matches: string;
  readonly copyLink: string;
  readonly findInTimeline: string;
  readonly showChain: string;
  /** {0}: events of the type. */
  readonly unusualHeading: string;
  /** {0}: events carrying the path, {1}: events of the type, {2}: the path. */
  readonly lacks: string;
  readonly adds: string;
  /** A path no other event of the type carries; {1}: events of the type, {2}: the path. */
  readonly addsNew: string;
}
