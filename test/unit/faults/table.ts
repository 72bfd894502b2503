import type { TimelineErrorKind } from '../../../src/core/errors';

/**
 * The fault table: one row per fault the demo server can play. It drives faults.test.ts (each row is a
 * test over real HTTP) and is rendered into docs/reliability.md (docs.test.ts checks the two agree), so
 * the documented behaviour is the tested behaviour.
 *
 * Every row runs the same story: the first page loads cleanly, the fault is injected for the next `times`
 * requests, Load more meets it, the fault is cleared, Load more (Retry) runs again.
 */
export interface FaultRow {
  /** The spec, as the `x-demo-fault` header, `?__fault=` or `injectFault()` take it. */
  readonly fault: string;
  /** How many requests meet it. */
  readonly times: number;
  /** What the server does (docs). */
  readonly server: string;
  /** What Load more ends with: the page (and how it reads to the user), or a TimelineError. */
  readonly outcome: { readonly ok: string } | { readonly kind: TimelineErrorKind; readonly message: string };
  /** HTTP requests that Load more made. */
  readonly requests: number;
  /** The waits between them: the jittered backoff (this many), or the server's Retry-After (each in [min, max] ms). */
  readonly waits?: { readonly backoff: number } | { readonly retryAfter: readonly [number, number]; readonly count: number };
  /** What is kept (docs); checked through `then`. */
  readonly kept: string;
  /** Once the fault is gone, Load more goes on from the kept cursor, or paging has stopped for good. */
  readonly then: 'continues' | 'stops';
  /** The fault hid real events (empty pages), so the loaded events have a gap where it struck. */
  readonly gap?: true;
  /** Wall-clock bound for Load more (waits are recorded, not slept); default 1 s. */
  readonly withinMs?: number;
}

const KEPT = 'Loaded events and the cursor; Retry continues with the failed page';
/** Over the 0.5 s test timeout, which undici checks with a coarse timer. */
const TIMEOUT_BOUND_MS = 2500;
/** Over the overall deadline of one request (4 × the 0.5 s timeout), with room for a loaded machine. */
const DEADLINE_BOUND_MS = 5000;

export const FAULT_ROWS: readonly FaultRow[] = [
  {
    fault: 'latency;ms=100',
    times: 1,
    server: 'Answers 100 ms late',
    outcome: { ok: 'The page, a little late' },
    requests: 1,
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: 'latency;ms=5000',
    times: 1,
    server: 'Answers later than the client timeout',
    outcome: { kind: 'timeout', message: 'The server sent no response in time: retry later, or raise "Request Timeout Seconds".' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
    withinMs: TIMEOUT_BOUND_MS,
  },
  {
    fault: '429;retry-after=2',
    times: 4,
    server: '429 with `Retry-After: 2` (seconds), more times than the client retries',
    outcome: {
      kind: 'rateLimited',
      message: 'Rate limit reached (429) after 4 attempts: the server asks to wait 2 s before retrying (the server said “Too Many Requests”).',
    },
    requests: 4,
    waits: { retryAfter: [2000, 2000], count: 3 },
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '429;retry-after-date=2',
    times: 1,
    server: '429 with `Retry-After` as an HTTP date 2 s ahead, once',
    outcome: { ok: 'The page, after the wait the server asked for' },
    requests: 2,
    // An HTTP date has whole seconds, so "2 s ahead" is 1–2 s away when read.
    waits: { retryAfter: [900, 2000], count: 1 },
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: '429;retry-after=3600',
    times: 1,
    server: '429 with `Retry-After: 3600`, longer than the client waits (60 s)',
    outcome: { kind: 'rateLimited', message: 'Rate limit reached (429): the server asks to wait 1 h before retrying (the server said “Too Many Requests”).' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '429',
    times: 4,
    server: '429 without `Retry-After`, more times than the client retries',
    outcome: { kind: 'rateLimited', message: 'Rate limit reached (429) after 4 attempts: wait a little, then retry (the server said “Too Many Requests”).' },
    requests: 4,
    waits: { backoff: 3 },
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '500',
    times: 4,
    server: '500, more times than the client retries',
    outcome: { kind: 'server', message: 'The server failed (500) after 4 attempts: retry later (the server said “Internal Server Error”).' },
    requests: 4,
    waits: { backoff: 3 },
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '502',
    times: 1,
    server: '502 once',
    outcome: { ok: 'The page, after one retry' },
    requests: 2,
    waits: { backoff: 1 },
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: '503',
    times: 2,
    server: '503 twice, then the page',
    outcome: { ok: 'The page, after two retries' },
    requests: 3,
    waits: { backoff: 2 },
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: '504',
    times: 4,
    server: '504, more times than the client retries',
    outcome: { kind: 'server', message: 'The server failed (504) after 4 attempts: retry later (the server said “Gateway Timeout”).' },
    requests: 4,
    waits: { backoff: 3 },
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'reset',
    times: 1,
    server: 'Sends the headers and half the body, then resets the connection, once',
    outcome: { ok: 'The page, after one retry' },
    requests: 2,
    waits: { backoff: 1 },
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: 'reset',
    times: 4,
    server: 'Resets the connection mid-body, more times than the client retries',
    outcome: { kind: 'network', message: 'The connection closed before the response was complete after 4 attempts: check the network, then retry.' },
    requests: 4,
    waits: { backoff: 3 },
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'stall',
    times: 1,
    server: 'Sends the headers and a few bytes, then nothing',
    outcome: { kind: 'timeout', message: 'The server stopped sending the response part-way: retry later, or raise "Request Timeout Seconds".' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
    withinMs: TIMEOUT_BOUND_MS,
  },
  {
    fault: 'dribble',
    times: 1,
    server: 'Sends the headers, then one byte every 100 ms: never slow enough for the timeout between chunks',
    outcome: { kind: 'timeout', message: 'The server took longer than 2 s to send the whole response: retry later, or raise "Request Timeout Seconds".' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
    withinMs: DEADLINE_BOUND_MS,
  },
  {
    fault: 'truncated',
    times: 1,
    server: '200 with half the JSON (and a matching `Content-Length`)',
    outcome: { kind: 'badJson', message: 'The server answered with text that is not JSON (or JSON cut short) instead of JSON.' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'wrong-shape',
    times: 1,
    server: '200 with valid JSON that is not a page (a list)',
    outcome: { kind: 'badShape', message: 'The server answered with JSON that is not a Pismo timeline page (no "items").' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'html',
    times: 1,
    server: '200 with an HTML error page',
    outcome: { kind: 'badJson', message: 'The server answered with an HTML page instead of JSON.' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'too-large',
    times: 1,
    server: '200 with a 9 MB body and its `Content-Length`',
    outcome: { kind: 'tooLarge', message: 'The response is larger than the 8 MB limit: lower the page size or raise "Max Response Megabytes".' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'too-large;chunked',
    times: 1,
    server: '200 with a 9 MB chunked body (no length given)',
    outcome: { kind: 'tooLarge', message: 'The response is larger than the 8 MB limit: lower the page size or raise "Max Response Megabytes".' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: 'repeat-cursor',
    times: 1,
    server: 'The page, with `next_cursor` equal to the cursor it was asked for',
    outcome: { kind: 'repeatCursor', message: 'The server sent a cursor it had already sent, so paging stopped here to avoid a loop.' },
    requests: 1,
    kept: "Loaded events, the repeating page's included; paging ends there",
    then: 'stops',
  },
  {
    fault: 'empty-pages',
    times: 10,
    server: 'Pages with no items and `has_next: true`, 10 in a row',
    outcome: { kind: 'emptyRun', message: 'No new events in the last 10 pages: Load more to keep looking.' },
    requests: 10,
    kept: 'Loaded events and the cursor past the empty pages; Load more keeps looking',
    then: 'continues',
    gap: true,
  },
  {
    fault: 'duplicates',
    times: 1,
    server: 'The page, with a cursor into its middle, so the next page repeats half of it',
    outcome: { ok: 'Each event once: repeats are dropped by id' },
    requests: 1,
    kept: 'Everything',
    then: 'continues',
  },
  {
    fault: '401',
    times: 1,
    server: '401',
    outcome: { kind: 'auth', message: 'The server rejected the credentials (401): set the secret again (the server said “Unauthorized”).' },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '403',
    times: 1,
    server: '403',
    outcome: {
      kind: 'forbidden',
      message: 'Access denied (403): the API may be disabled for this account or the domain inactive (the server said “Forbidden”).',
    },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
  {
    fault: '410',
    times: 1,
    server: '410, as for an expired cursor',
    outcome: {
      kind: 'http',
      message: 'The server says the page is gone (410), as servers do when a cursor has expired: Refresh starts again from the first page (the server said “Gone”).',
    },
    requests: 1,
    kept: KEPT,
    then: 'continues',
  },
];

/** Base URLs refused before any request, with the sentence the user reads. */
export const CONFIG_ROWS: readonly { readonly baseUrl: string; readonly problem: string; readonly message: string }[] = [
  { baseUrl: 'sandbox.pismolabs.io', problem: 'No scheme', message: '"sandbox.pismolabs.io" is not a valid URL: write it like https://sandbox.pismolabs.io.' },
  { baseUrl: 'https://', problem: 'No host', message: '"https://" is not a valid URL: write it like https://sandbox.pismolabs.io.' },
  {
    baseUrl: 'http://sandbox.pismolabs.io',
    problem: 'Plain http to another machine',
    message: 'Use https:// for sandbox.pismolabs.io: plain http is only allowed to this machine (localhost).',
  },
  {
    baseUrl: 'http://127.0.0.1.nip.io:8787',
    problem: 'Plain http to a name that only looks local',
    message: 'Use https:// for 127.0.0.1.nip.io: plain http is only allowed to this machine (localhost).',
  },
  { baseUrl: 'ftp://example.com', problem: 'Another scheme', message: 'Use https:// for example.com: plain http is only allowed to this machine (localhost).' },
  {
    baseUrl: 'https://user:pw@sandbox.pismolabs.io',
    problem: 'Credentials in the URL',
    message: 'Remove the user name and password from the base URL: secrets belong in the secret store.',
  },
  {
    baseUrl: 'https://api.example.com:44x/?api_key=LIVE-KEY-0123',
    problem: 'Not a URL, with a key in it',
    message: '"https://api.example.com:44x/?api_key=••••" is not a valid URL: write it like https://sandbox.pismolabs.io.',
  },
  {
    baseUrl: 'https://user:hunter22@api example.com',
    problem: 'Not a URL, with a password in it',
    message: '"https://••••@api example.com" is not a valid URL: write it like https://sandbox.pismolabs.io.',
  },
];
