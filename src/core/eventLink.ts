/**
 * Links to one event, `<scheme>://<extension id>/event?connection=<id>&event=<event id>` (or
 * `&correlation=<id>`). A link names a connection by its id only: it never carries a secret or a base URL, so
 * following one can only read a timeline the user already set up. Links come from web pages and chat: every
 * part is hostile input, checked here before anything acts on it.
 */

export const EVENT_LINK_PATH = '/event';

export type EventLinkTarget = { readonly eventId: string } | { readonly correlationId: string };
export type EventLink = { readonly connectionId: string } & EventLinkTarget;

/** Why a link was refused; the UI turns each into a sentence. */
export type EventLinkRefusal =
  /** Not `/event`, or too long to be one of ours. */
  | 'notEventLink'
  /** A parameter other than connection, event and correlation (a base URL, a secret…), or one given twice. */
  | 'unexpectedParameter'
  /** No connection, or not a connection id. */
  | 'badConnection'
  /** Neither event nor correlation, or both. */
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
const PARAMETERS = new Set(['connection', 'event', 'correlation']);

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
  const eventId = values.get('event');
  const correlationId = values.get('correlation');
  if ((eventId === undefined) === (correlationId === undefined)) return refuse('noTarget');
  const value = eventId ?? correlationId ?? '';
  if (!isSafeValue(value)) return refuse('badValue');
  return { ok: true, link: eventId !== undefined ? { connectionId, eventId } : { connectionId, correlationId: value } };
}

/** Whether a link to this connection and id can be written (and so read back by parseEventLink). */
export function canLink(connectionId: string, id: string): boolean {
  return CONNECTION_ID.test(connectionId) && isSafeValue(id) && !id.includes('&');
}

/** The link's query, each value percent-encoded (a `+` as %2B, so nothing reads it as a space). */
export function eventLinkQuery(link: EventLink): string {
  const [name, value] = 'eventId' in link ? ['event', link.eventId] : ['correlation', link.correlationId];
  return `connection=${encodeURIComponent(link.connectionId)}&${name}=${encodeURIComponent(value)}`;
}

function isSafeValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_VALUE && value.trim() === value && !UNSAFE.test(value);
}
