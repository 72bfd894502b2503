/**
 * Links to one event, `<scheme>://<extension id>/event?connection=<id>&event=<event id>` (or
 * `&correlation=<id>`). A link names a connection by its id only: it never carries a secret or a base URL, so
 * following one can only read a timeline the user already set up. Links come from web pages and chat: every
 * part is hostile input, checked here before anything acts on it.
 */

export const EVENT_LINK_PATH = '/event';

export type EventLinkTarget = { readonly eventId: string } | { readonly correlationId: string };
/** `accountId`: an account under the tenant `connectionId` names (a link to an account alone has no target). */
export type EventLink = { readonly connectionId: string; readonly accountId?: string } & (EventLinkTarget | { readonly account: true });

/** Why a link was refused; the UI turns each into a sentence. */
export type EventLinkRefusal =
  /** Not `/event`, or too long to be one of ours. */
  | 'notEventLink'
  /** A parameter other than connection, event and correlation (a base URL, a secret…), or one given twice. */
  | 'unexpectedParameter'
  /** No connection, or not a connection id. */
  | 'badConnection'
  /** Neither event nor correlation (nor an account), or both. */
  | 'noTarget'
  /** An id that is empty, too long, or holds control or invisible characters. */
  | 'badValue';

export type EventLinkParse = { readonly ok: true; readonly link: EventLink } | { readonly ok: false; readonly refusal: EventLinkRefusal };

/** The `id` pattern of `timelineViewer.connections`. */
const CONNECTION_ID = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_QUERY = 2048;
const MAX_VALUE = 512;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const PARAMETERS = new Set(['connection', 'account', 'event', 'correlation']);
/** A Pismo account id: digits only, so a link can never name an external id or anything else to mint for. */
const ACCOUNT_ID = /^\d{1,30}$/;

/**
 * Reads a link from its path and its query as VS Code hands them over (percent-decoding already done, so values
 * are taken as they stand: a `+` stays a `+`).
 */
export function parseEventLink(path: string, query: string): EventLinkParse {
  const refuse = (refusal: EventLinkRefusal): EventLinkParse => ({ ok: false, refusal });
  if (path.replace(/\/+$/, '') !== EVENT_LINK_PATH || query.length > MAX_QUERY) return refuse('notEventLink');
  const values = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!PARAMETERS.has(name) || values.has(name)) return refuse('unexpectedParameter');
    values.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  const connectionId = values.get('connection');
  if (connectionId === undefined || !CONNECTION_ID.test(connectionId)) return refuse('badConnection');
  const accountId = values.get('account');
  if (accountId !== undefined && !ACCOUNT_ID.test(accountId)) return refuse('badValue');
  const account = accountId === undefined ? {} : { accountId };
  const eventId = values.get('event');
  const correlationId = values.get('correlation');
  if (eventId === undefined && correlationId === undefined && accountId !== undefined) return { ok: true, link: { connectionId, ...account, account: true } };
  if ((eventId === undefined) === (correlationId === undefined)) return refuse('noTarget');
  const value = eventId ?? correlationId ?? '';
  if (!isSafeValue(value)) return refuse('badValue');
  return { ok: true, link: eventId !== undefined ? { connectionId, ...account, eventId } : { connectionId, ...account, correlationId: value } };
}

/** Whether a link to this connection (or account under it) and id can be written (and so read back by parseEventLink). */
export function canLink(connectionId: string, id: string, accountId?: string): boolean {
  return CONNECTION_ID.test(connectionId) && isSafeValue(id) && !id.includes('&') && (accountId === undefined || ACCOUNT_ID.test(accountId));
}

/** The link's query, each value percent-encoded (a `+` as %2B, so nothing reads it as a space). */
export function eventLinkQuery(link: EventLink): string {
  const account = link.accountId === undefined ? '' : `&account=${link.accountId}`;
  if ('account' in link) return `connection=${encodeURIComponent(link.connectionId)}${account}`;
  const [name, value] = 'eventId' in link ? ['event', link.eventId] : ['correlation', link.correlationId];
  return `connection=${encodeURIComponent(link.connectionId)}${account}&${name}=${encodeURIComponent(value)}`;
}

function isSafeValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_VALUE && value.trim() === value && !UNSAFE.test(value);
}
