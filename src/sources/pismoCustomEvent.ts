import { TimelineError } from '../core/errors';
import type { HttpClient } from '../core/http';
import { reindentJson } from '../core/jsonFormat';
import { decodeJsonString, type JsonNode, JsonSyntaxError, parseJsonTree } from '../core/jsonTokens';
import { apiUrl } from '../core/url';
import { text as fieldText } from './json';
import type { TokenProvider } from './tokenCache';

/** Pismo reads at most 1 MB of items per timeline request: a larger event could never be listed. */
export const CUSTOM_EVENT_MAX_BYTES = 1_048_576;

/** The documented fields of a custom event ("specify the type, category, and any data"), and the id to track it by. */
const REQUIRED = ['type', 'category'] as const;
const KNOWN = new Set(['type', 'category', 'data', 'correlation_id']);

export interface CustomEventProblem {
  /** Offsets into the document's text. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** A warning does not stop Send (the exact body Pismo takes is not public); an error does. */
  readonly severity: 'error' | 'warning';
}

export interface CustomEventDraft {
  readonly type: string;
  readonly category: string;
  readonly correlationId?: string;
  /** The document as the user wrote it: sent as is, so numbers in `data` keep every digit. */
  readonly text: string;
}

/** Checks a custom event document as the user types: the draft when nothing stops it being sent. */
export function checkCustomEvent(text: string): { draft?: CustomEventDraft; problems: CustomEventProblem[] } {
  const problems: CustomEventProblem[] = [];
  const error = (start: number, end: number, message: string): void => void problems.push({ start, end, message, severity: 'error' });
  const size = Buffer.byteLength(text, 'utf8');
  if (size > CUSTOM_EVENT_MAX_BYTES) {
    error(0, 0, `The event is ${size.toLocaleString('en')} bytes: Pismo reads at most 1 MB (${CUSTOM_EVENT_MAX_BYTES.toLocaleString('en')} bytes) of events per request, so it could never be listed.`);
    return { problems };
  }
  let root: JsonNode;
  try {
    root = parseJsonTree(text);
  } catch (e) {
    const at = e instanceof JsonSyntaxError ? e.offset : 0;
    error(at, Math.min(text.length, at + 1), 'This is not valid JSON here.');
    return { problems };
  }
  if (root.kind !== 'object') {
    error(root.start, root.end, 'A custom event is a JSON object: { "type", "category", "data", "correlation_id" }.');
    return { problems };
  }
  const members = new Map<string, JsonNode>();
  for (const member of root.children ?? []) {
    const key = decodeJsonString(text.slice(member.keyStart, member.keyEnd));
    if (members.has(key)) error(member.keyStart, member.keyEnd, `"${key}" is given twice.`);
    else members.set(key, member);
    if (!KNOWN.has(key)) problems.push({ start: member.keyStart, end: member.keyEnd, message: `"${key}" is not a documented field of a custom event (type, category, data, correlation_id): Pismo may refuse it.`, severity: 'warning' });
  }
  const strings: Record<string, string | undefined> = {};
  for (const name of [...REQUIRED, 'correlation_id']) {
    const node = members.get(name);
    if (!node) {
      if (name !== 'correlation_id') error(root.start, root.start + 1, `"${name}" is required.`);
      continue;
    }
    const value = node.kind === 'string' ? fieldText(decodeJsonString(text.slice(node.start, node.end))) : undefined;
    if (value === undefined) error(node.start, node.end, `"${name}" must be a non-empty string.`);
    strings[name] = value;
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const draft = { type: strings.type as string, category: strings.category as string, correlationId: strings.correlation_id, text };
  return { draft, problems };
}

export interface CustomEventTemplate {
  readonly type?: string;
  readonly category?: string;
  /** The data's JSON text as the event holds it (exact numbers), or absent for `{}`. */
  readonly dataJson?: string;
  readonly correlationId: string;
}

/** The document Add Custom Event opens: the fields in the order the timeline lists them, data re-indented as sent. */
export function customEventDocument(template: CustomEventTemplate): string {
  const data = reindentJson(template.dataJson ?? '{}').replace(/\n/g, '\n  ');
  return [
    '{',
    `  "type": ${JSON.stringify(template.type ?? '')},`,
    `  "category": ${JSON.stringify(template.category ?? '')},`,
    `  "correlation_id": ${JSON.stringify(template.correlationId)},`,
    `  "data": ${data}`,
    '}',
    '',
  ].join('\n');
}

export interface CustomEventAnswer {
  readonly status: number;
  /** The server's answer as it came (the UI shows it verbatim). */
  readonly body: string;
  /** The created event's id, when the answer names it. */
  readonly eventId?: string;
}

/**
 * `POST /timeline/v1/timeline` with the account's token. Writes are not idempotent, so nothing is retried: a
 * 5xx or a timeout reaches the caller, who says so. Only a 401 is sent again, once, with a new token: the
 * server refused that request, so nothing was written.
 */
export async function postCustomEvent(baseUrl: URL, http: HttpClient, auth: TokenProvider, draft: CustomEventDraft, signal: AbortSignal): Promise<CustomEventAnswer> {
  const url = apiUrl(baseUrl, 'timeline/v1/timeline');
  const send = async (token: string) => http.postJsonText(url, draft.text, { authorization: `Bearer ${token}`, accept: 'application/json' }, signal);
  let res;
  try {
    res = await send(await auth.token(signal));
  } catch (e) {
    if (!(e instanceof TimelineError && e.kind === 'auth' && e.details.status === 401 && auth.renew)) throw e;
    res = await send(await auth.renew(signal));
  }
  const body = res.body.toString('utf8');
  return { status: res.status, body, eventId: createdId(body) };
}

/** The id of the created event in the answer: its `tenant_account_timestamp` (Pismo's event id), or an `id`. */
function createdId(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    return fieldText(json?.tenant_account_timestamp) ?? fieldText(json?.id);
  } catch {
    return undefined;
  }
}
