import type { Dispatcher } from 'undici';
import { TimelineError } from './errors';
import type { Redactor } from './redact';

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
  /** Larger bodies are refused, so a misbehaving server cannot exhaust memory. */
  readonly maxBytes: number;
  /** Extra attempts for a GET that met 429, 5xx or a reset. */
  readonly retries: number;
  readonly retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the error is shown instead. */
  readonly maxRetryAfterMs: number;
  readonly redactor: Redactor;
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

  /** GET, retried on 429/5xx/resets. Non-2xx statuses become TimelineErrors. */
  async get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.send('GET', url, headers, undefined, signal, attempt);
        if (res.status >= 200 && res.status < 300) return res;
        const error = statusError(res, this.options.redactor);
        if (!RETRY_STATUSES.has(res.status) || attempt > this.options.retries) throw withAttempts(error, attempt);
        const wait = this.retryDelay(attempt, res.headers['retry-after']);
        if (wait === undefined) throw withAttempts(error, attempt);
        await this.wait(wait, signal);
      } catch (e) {
        if (!(e instanceof RetryableNetworkError) || attempt > this.options.retries) throw unwrap(e, attempt);
        await this.wait(this.retryDelay(attempt, undefined) ?? 0, signal);
      }
    }
  }

  /** POST with a JSON body, never retried (not idempotent). */
  async postJson(url: URL, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    try {
      const res = await this.send('POST', url, { ...headers, 'content-type': 'application/json' }, JSON.stringify(body), signal, 1);
      if (res.status >= 200 && res.status < 300) return res;
      throw statusError(res, this.options.redactor);
    } catch (e) {
      throw unwrap(e, 1);
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
    const { request, Agent } = await import('undici');
    const { timeoutMs, maxBytes, redactor } = this.options;
    this.dispatcher ??= new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const started = Date.now();
    let bytes = 0;
    let status: number | undefined;
    try {
      signal.throwIfAborted();
      const res = await request(url, { method, headers, body, signal, dispatcher: this.dispatcher });
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
      const error = classify(e, signal, timeoutMs, redactor);
      this.log({ method, url, status, started, bytes, attempt, error: error.message });
      throw error;
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

  /** Jittered exponential backoff, or the server's Retry-After; undefined when that is longer than the cap. */
  private retryDelay(attempt: number, retryAfter: string | undefined): number | undefined {
    const { retryBaseMs, maxRetryAfterMs } = this.options;
    const asked = parseRetryAfter(retryAfter, Date.now());
    if (asked !== undefined) return asked <= maxRetryAfterMs ? asked : undefined;
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

class RetryableNetworkError extends Error {
  constructor(readonly error: TimelineError) {
    super(error.message);
  }
}

function unwrap(e: unknown, attempts: number): TimelineError {
  const error = e instanceof RetryableNetworkError ? e.error : (e as TimelineError);
  return withAttempts(error, attempts);
}

function withAttempts(e: TimelineError, attempts: number): TimelineError {
  return new TimelineError(e.kind, e.message, { ...e.details, attempts });
}

function tooLarge(maxBytes: number): TimelineError {
  return new TimelineError('tooLarge', `The response is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit; lower the page size or raise "Max Response Megabytes".`);
}

function classify(e: unknown, signal: AbortSignal, timeoutMs: number, redactor: Redactor): Error {
  if (e instanceof TimelineError) return e;
  if (signal.aborted) return new TimelineError('cancelled', 'The request was cancelled.');
  const code = (e as { code?: string }).code ?? '';
  const message = redactor.redact(e instanceof Error ? e.message : String(e));
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TimelineError('timeout', `The server did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  }
  const error = new TimelineError('network', networkSentence(code, message));
  return RESET_CODES.has(code) ? new RetryableNetworkError(error) : error;
}

function networkSentence(code: string, message: string): string {
  if (code === 'ECONNREFUSED') return 'The server refused the connection: is it running, and is the base URL right?';
  if (code === 'ENOTFOUND') return 'The server name could not be resolved: check the base URL.';
  if (RESET_CODES.has(code)) return 'The connection was closed before the response was complete.';
  return `The request failed: ${message}`;
}

const STATUS_SENTENCES: Record<number, [TimelineError['kind'], string]> = {
  400: ['http', 'The server rejected the request (400)'],
  401: ['auth', 'The server rejected the credentials (401): set the secret again'],
  403: ['forbidden', 'Access denied (403): the API may be disabled for this account or the domain inactive'],
  404: ['notFound', 'Not found (404): check the base URL'],
  422: ['http', 'The server could not process the request (422)'],
  429: ['rateLimited', 'Rate limit reached (429): wait a little, then retry'],
};

/** One sentence per status, plus the server's own message when it sent one. */
export function statusError(res: HttpResponse, redactor: Redactor): TimelineError {
  const [kind, sentence] =
    STATUS_SENTENCES[res.status] ?? (res.status >= 500 ? ['server', `The server failed (${res.status})`] : ['http', `Unexpected HTTP status ${res.status}`]);
  const said = serverMessage(res.body);
  const text = said ? `${sentence}. The server said: “${redactor.redact(said)}”` : `${sentence}.`;
  return new TimelineError(kind, text, { status: res.status, retryAfterMs: parseRetryAfter(res.headers['retry-after'], Date.now()) });
}

/** The `message` or `error` of a JSON error body, cut short; nothing for HTML or other bodies. */
function serverMessage(body: Buffer): string | undefined {
  if (body.length === 0 || body.length > 64 * 1024) return undefined;
  try {
    const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const raw = json.message ?? json.error ?? json.detail;
    const text = typeof raw === 'string' ? raw : raw && typeof raw === 'object' ? JSON.stringify(raw) : undefined;
    return text && text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return undefined;
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
