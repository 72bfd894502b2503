import type { Dispatcher } from 'undici';
import { TimelineError, type TimelineErrorKind, toTimelineError } from './errors';
import { DEADLINE_TIMEOUTS } from './limits';
import type { Redactor } from './redact';
import type { SecretScope } from './secretScope';

/** What one request did, for the log. The URL is already redacted. */
export interface RequestLogEntry {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly ms: number;
  readonly bytes: number;
  readonly attempt: number;
  readonly error?: string;
}

export interface HttpOptions {
  /** Connect, headers and between-chunks body timeout. */
  readonly timeoutMs: number;
  /** The whole of one attempt, however slowly the body dribbles in; DEADLINE_TIMEOUTS × timeoutMs unless set. */
  readonly deadlineMs?: number;
  /** Where the connection's secret may go: a request outside it is refused, never sent. */
  readonly scope?: SecretScope;
  /** Larger bodies are refused, so a misbehaving server cannot exhaust memory. */
  readonly maxBytes: number;
  /** Extra attempts for a GET that met 429, 5xx or a reset. */
  readonly retries: number;
  readonly retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the error is shown instead. */
  readonly maxRetryAfterMs: number;
  readonly redactor: Redactor;
  /** What a 401 rejected, as the user knows it ("API key", "account token"); "credentials" when unset. */
  readonly credential?: string;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Injected in tests so backoff is measured, not slept. */
  readonly delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_HTTP_OPTIONS = {
  timeoutMs: 30_000,
  maxBytes: 8 * 1024 * 1024,
  retries: 3,
  retryBaseMs: 500,
  maxRetryAfterMs: 60_000,
} as const;

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const RESET_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * HTTP on undici with timeouts, a size cap, cancellation and bounded retries. undici is imported on first
 * use so activating the extension does not load it.
 */
export class HttpClient {
  private dispatcher: Dispatcher | undefined;

  constructor(private readonly options: HttpOptions) {}

  /**
   * GET, retried on 429, 5xx and resets with jittered exponential backoff or the server's Retry-After (up
   * to `maxRetryAfterMs`). Non-2xx statuses become TimelineErrors that say how many attempts were made.
   */
  async get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    const { retries, maxRetryAfterMs, redactor } = this.options;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.send('GET', url, headers, undefined, signal, attempt);
      } catch (e) {
        if (!(e instanceof RetryableNetworkError)) throw withAttempts(e as TimelineError, attempt);
        if (attempt > retries) throw e.after(attempt);
        await this.wait(this.backoff(attempt), signal);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res;
      const asked = parseRetryAfter(res.headers['retry-after'], Date.now());
      const retry = RETRY_STATUSES.has(res.status) && attempt <= retries && (asked === undefined || asked <= maxRetryAfterMs);
      if (!retry) throw statusError(res, redactor, attempt, this.options.credential);
      await this.wait(asked ?? this.backoff(attempt), signal);
    }
  }

  /** POST with a JSON body, never retried (not idempotent). */
  postJson(url: URL, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    return this.post(url, JSON.stringify(body), 'application/json', headers, signal);
  }

  /** POST of JSON text sent as written (a user's event, whose numbers JSON.parse would round), never retried. */
  postJsonText(url: URL, text: string, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    return this.post(url, text, 'application/json', headers, signal);
  }

  /** POST with a form body (an OAuth 2 token request), never retried. */
  postForm(url: URL, form: URLSearchParams, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    return this.post(url, form.toString(), 'application/x-www-form-urlencoded', headers, signal);
  }

  private async post(url: URL, body: string, contentType: string, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    try {
      const res = await this.send('POST', url, { ...headers, 'content-type': contentType }, body, signal, 1);
      if (res.status >= 200 && res.status < 300) return res;
      throw statusError(res, this.options.redactor, 1, this.options.credential);
    } catch (e) {
      throw e instanceof RetryableNetworkError ? e.after(1) : withAttempts(e as TimelineError, 1);
    }
  }

  async close(): Promise<void> {
    const d = this.dispatcher;
    this.dispatcher = undefined;
    await d?.close();
  }

  private async send(
    method: 'GET' | 'POST',
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
    attempt: number,
  ): Promise<HttpResponse> {
    const { timeoutMs, maxBytes, redactor, scope } = this.options;
    const started = Date.now();
    if (scope && !scope.allows(url)) {
      const refused = scope.refusal(url);
      const error = new TimelineError(refused.kind, redactor.redact(refused.message));
      this.log({ method, url, started, bytes: 0, attempt, error: error.message });
      throw error;
    }
    const { request, Agent } = await import('undici');
    this.dispatcher ??= new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const deadline = new Deadline(this.options.deadlineMs ?? timeoutMs * DEADLINE_TIMEOUTS, signal);
    let bytes = 0;
    let status: number | undefined;
    try {
      signal.throwIfAborted();
      const res = await request(url, { method, headers, body, signal: deadline.signal, dispatcher: this.dispatcher });
      status = res.statusCode;
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        res.body.destroy();
        throw tooLarge(maxBytes);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          res.body.destroy();
          throw tooLarge(maxBytes);
        }
        chunks.push(chunk);
      }
      this.log({ method, url, status, started, bytes, attempt });
      return { status, headers: flatten(res.headers), body: Buffer.concat(chunks, bytes) };
    } catch (e) {
      const error = deadline.expired ? deadline.error() : classify(e, signal, redactor);
      this.log({ method, url, status, started, bytes, attempt, error: error.message });
      throw error;
    } finally {
      deadline.clear();
    }
  }

  private log(e: { method: string; url: URL; status?: number; started: number; bytes: number; attempt: number; error?: string }): void {
    this.options.onRequest?.({
      method: e.method,
      url: this.options.redactor.redact(e.url.toString()),
      status: e.status,
      ms: Date.now() - e.started,
      bytes: e.bytes,
      attempt: e.attempt,
      error: e.error,
    });
  }

  /** Jittered exponential backoff: base × 2^(attempt−1) × [0.5, 1.5), so clients that failed together spread out. */
  private backoff(attempt: number): number {
    const { retryBaseMs, maxRetryAfterMs } = this.options;
    const random = this.options.random ?? Math.random;
    return Math.min(maxRetryAfterMs, retryBaseMs * 2 ** (attempt - 1) * (0.5 + random()));
  }

  private wait(ms: number, signal: AbortSignal): Promise<void> {
    return (this.options.delay ?? abortableDelay)(ms, signal);
  }
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new TimelineError('cancelled', 'The request was cancelled.'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new TimelineError('cancelled', 'The request was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One attempt's overall time limit. undici's timeouts are per phase (connect, headers, between chunks), so a
 * server sending a byte every few seconds would pass them all and hold the request forever.
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.controller.abort();
  expired = false;

  constructor(
    private readonly ms: number,
    private readonly outer: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, ms);
    outer.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Aborts when the caller cancels or the deadline passes. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  error(): TimelineError {
    return new TimelineError('timeout', `The server took longer than ${duration(this.ms)} to send the whole response: ${TIMEOUT_ADVICE}.`);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener('abort', this.onAbort);
  }
}

/** A reset or closed connection: worth another GET. Carries the sentence it becomes when retries run out. */
class RetryableNetworkError extends Error {
  constructor(private readonly what: string) {
    super(what);
  }

  after(attempts: number): TimelineError {
    return new TimelineError('network', `${this.what}${afterAttempts(attempts)}: check the network, then retry.`, { attempts });
  }
}

function withAttempts(e: TimelineError, attempts: number): TimelineError {
  return new TimelineError(e.kind, e.message, { ...e.details, attempts });
}

const afterAttempts = (attempts: number): string => (attempts > 1 ? ` after ${attempts} attempts` : '');

const TIMEOUT_ADVICE = 'retry later, or raise "Request Timeout Seconds"';
const TIMEOUTS: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: `Could not connect to the server in time: check the base URL and the network, or raise "Request Timeout Seconds".`,
  UND_ERR_HEADERS_TIMEOUT: `The server sent no response in time: ${TIMEOUT_ADVICE}.`,
  UND_ERR_BODY_TIMEOUT: `The server stopped sending the response part-way: ${TIMEOUT_ADVICE}.`,
};
/** Failures that are the server's answer, not the network's: a sentence each, never retried. */
const MALFORMED: Record<string, string> = {
  UND_ERR_HEADERS_OVERFLOW: 'The server sent more header bytes than the 16 KB allowed (a Link header with thousands of links, say): the response was refused.',
};

function tooLarge(maxBytes: number): TimelineError {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  return new TimelineError('tooLarge', `The response is larger than the ${limit} limit: lower the page size or raise "Max Response Megabytes".`);
}

/** Every failure of one attempt as a TimelineError, or a RetryableNetworkError for resets. */
function classify(e: unknown, signal: AbortSignal, redactor: Redactor): TimelineError | RetryableNetworkError {
  if (e instanceof TimelineError) return e;
  if (signal.aborted) return new TimelineError('cancelled', 'The request was cancelled.');
  const code = (e as { code?: string }).code ?? '';
  if (TIMEOUTS[code]) return new TimelineError('timeout', TIMEOUTS[code]);
  if (MALFORMED[code]) return new TimelineError('badShape', MALFORMED[code]);
  if (RESET_CODES.has(code)) return new RetryableNetworkError('The connection closed before the response was complete');
  if (code === 'ECONNREFUSED') return new TimelineError('network', 'The server refused the connection: is it running, and is the base URL right?');
  if (code === 'ENOTFOUND') return new TimelineError('network', 'The server name could not be resolved: check the base URL.');
  return toTimelineError(e, redactor);
}

interface StatusSentence {
  readonly kind: TimelineErrorKind;
  readonly what: string;
  readonly advice?: string;
}

const STATUS_SENTENCES: Record<number, StatusSentence> = {
  400: { kind: 'http', what: 'The server rejected the request (400)' },
  401: { kind: 'auth', what: 'The server rejected the credentials (401)', advice: 'set the secret again' },
  403: { kind: 'forbidden', what: 'Access denied (403)', advice: 'the API may be disabled for this account or the domain inactive' },
  404: { kind: 'notFound', what: 'Not found (404)', advice: 'check the base URL' },
  // what Kubernetes answers for a `continue` token a few minutes old; other cursor APIs may do the same
  410: { kind: 'http', what: 'The server says the page is gone (410), as servers do when a cursor has expired', advice: 'Refresh starts again from the first page' },
  422: { kind: 'http', what: 'The server could not process the request (422)' },
  429: { kind: 'rateLimited', what: 'Rate limit reached (429)', advice: 'wait a little, then retry' },
};

function statusSentence(status: number, credential: string | undefined): StatusSentence {
  if (status === 401 && credential) return { kind: 'auth', what: `The server rejected the ${credential} (401)`, advice: 'set it again with Set Secret' };
  if (Object.hasOwn(STATUS_SENTENCES, status)) return STATUS_SENTENCES[status];
  if (status >= 300 && status < 400) return { kind: 'http', what: `The server redirected the request (${status}), and redirects are not followed`, advice: 'check the base URL' };
  if (status >= 500) return { kind: 'server', what: `The server failed (${status})`, advice: 'retry later' };
  return { kind: 'http', what: `Unexpected HTTP status ${status}` };
}

/**
 * One sentence per status: what happened, how often, what to do (the server's requested wait when it gave
 * one), and the server's own message when it sent one, redacted.
 */
export function statusError(res: HttpResponse, redactor: Redactor, attempts = 1, credential?: string): TimelineError {
  const { kind, what, advice } = statusSentence(res.status, credential);
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], Date.now());
  const waitAsked = RETRY_STATUSES.has(res.status) && retryAfterMs !== undefined && retryAfterMs > 0;
  const todo = waitAsked ? `the server asks to wait ${duration(retryAfterMs)} before retrying` : advice;
  const said = serverMessage(res.body, redactor);
  const text = `${what}${afterAttempts(attempts)}${todo ? `: ${todo}` : ''}${said ? ` (the server said “${said}”)` : ''}.`;
  return new TimelineError(kind, text, { status: res.status, retryAfterMs, attempts });
}

/** "45 s", "3 min", "2 h": a wait as a person reads it. */
function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/** Keys whose value a server's error body explains itself in, in the order they are preferred. */
const MESSAGE_KEYS = ['message', 'error', 'detail', 'error_description', 'description', 'title'];
/** How deep and how wide the search for a message goes: an error body is small, and anything else is hostile. */
const MESSAGE_DEPTH = 4;
const MESSAGE_NODES = 200;

/**
 * The server's own explanation in a JSON error body, redacted while still raw (collapsing whitespace first
 * would let a secret with a tab or a double space slip through), then put on one line and cut short (cutting
 * first could leave half a secret that no longer matches). Nothing for HTML or other bodies. Never throws,
 * whatever the body's shape: the caller must still learn the status (a 401 renews the token).
 */
function serverMessage(body: Buffer, redactor: Redactor): string | undefined {
  if (body.length === 0 || body.length > 64 * 1024) return undefined;
  try {
    const raw = messageIn(JSON.parse(body.toString('utf8')));
    const line = raw && redactor.redact(raw).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    if (!line) return undefined;
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  } catch {
    return undefined;
  }
}

/**
 * The first string under a message key, breadth first, a few levels deep at most: `{"message": "…"}`,
 * `{"error": {"message": "…"}}`. Iterative and bounded, so a body nested thousands deep costs nothing.
 */
function messageIn(json: unknown): string | undefined {
  let level: unknown[] = [json];
  let visited = 0;
  for (let depth = 0; depth < MESSAGE_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (!node || typeof node !== 'object' || Array.isArray(node) || ++visited > MESSAGE_NODES) continue;
      for (const key of MESSAGE_KEYS) {
        const value = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
        if (typeof value === 'string') return value;
        if (value && typeof value === 'object') next.push(value);
      }
    }
    level = next;
  }
  return undefined;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
