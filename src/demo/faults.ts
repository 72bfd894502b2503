import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { emptyPage, overlappingPage, repeatCursor } from './faultPages';
import { type FaultSpec, faultProblem } from './faultSpec';
import type { DemoRequest, DemoResponse } from './http';

/** What a fault sees: the parsed request, the raw request and response, and the real route's answer. */
export interface FaultContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: DemoRequest;
  readonly params: ReadonlyMap<string, string>;
  /** The answer the route would have given. */
  answer(): Promise<DemoResponse>;
  /** Writes a response the way the server always does (JSON content type and length unless overridden). */
  send(response: DemoResponse): void;
}

type Fault = (ctx: FaultContext) => void | Promise<void>;

const JSON_TYPE = 'application/json; charset=utf-8';
/** Over the client's default 8 MB cap. */
const LARGE_BYTES = 9 * 1024 * 1024;
/** One byte this often: well inside any timeout between chunks, so only an overall deadline ends it. */
const DRIBBLE_MS = 100;
const MIN_DRIBBLE_MS = 10;
/** Far past any client timeout: the client gives up first, and server.close() ends it in any case. */
const STALL_MS = 60_000;

/**
 * Mode → behaviour. Options come from the spec's `;key=value` pairs: `ms` (latency, stall), `retry-after`
 * (seconds) or `retry-after-date` (an HTTP date that many seconds ahead) on statuses, `echo` (error bodies
 * quote the request's URL, Authorization and body, as careless servers do), `bytes` and `chunked` (too-large).
 * Every numeric option is bounded (FAULT_LIMITS).
 */
export const FAULTS: Readonly<Record<string, Fault>> = {
  latency: async (ctx) => {
    if (await hold(ctx.res, number(ctx, 'ms', 1000))) ctx.send(await ctx.answer());
  },
  ...Object.fromEntries([401, 403, 410, 429, 500, 502, 503, 504].map((status) => [String(status), statusFault(status)])),
  reset: async (ctx) => {
    const body = Buffer.from((await ctx.answer()).body, 'utf8');
    ctx.res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length });
    ctx.res.write(body.subarray(0, body.length >> 1), () => ctx.req.socket.resetAndDestroy());
  },
  truncated: async (ctx) => {
    const answer = await ctx.answer();
    ctx.send({ ...answer, body: answer.body.slice(0, answer.body.length >> 1) });
  },
  'wrong-shape': async (ctx) => ctx.send({ status: 200, body: `[${(await ctx.answer()).body}]` }),
  html: async (ctx) => ctx.send({ status: 200, body: htmlPage(await echo(ctx)), headers: { 'content-type': 'text/html; charset=utf-8' } }),
  'too-large': (ctx) => padded(ctx.res, number(ctx, 'bytes', LARGE_BYTES), !ctx.params.has('chunked')),
  stall: async (ctx) => {
    const body = Buffer.from((await ctx.answer()).body, 'utf8');
    ctx.res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length });
    ctx.res.write(body.subarray(0, Math.min(16, body.length >> 1)));
    await hold(ctx.res, number(ctx, 'ms', STALL_MS));
    ctx.res.destroy();
  },
  dribble: async (ctx) => {
    const body = Buffer.from((await ctx.answer()).body, 'utf8');
    ctx.res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length });
    const every = Math.max(MIN_DRIBBLE_MS, number(ctx, 'ms', DRIBBLE_MS));
    for (let i = 0; i < body.length && (await hold(ctx.res, every)); i++) ctx.res.write(body.subarray(i, i + 1));
    if (!ctx.res.destroyed) ctx.res.end();
  },
  'repeat-cursor': async (ctx) => ctx.send(repeatCursor(await ctx.answer(), ctx.request)),
  'empty-pages': async (ctx) => ctx.send(emptyPage(await ctx.answer())),
  duplicates: async (ctx) => ctx.send(overlappingPage(await ctx.answer())),
};

export const isFaultMode = (mode: string): boolean => Object.hasOwn(FAULTS, mode);

/**
 * Runs the request's fault; an unknown mode or an option out of bounds is a 400 that says so (naming the
 * known modes), so a typo fails loudly.
 */
export function runFault(spec: FaultSpec, ctx: Omit<FaultContext, 'params'>): void | Promise<void> {
  const problem = faultProblem(spec, isFaultMode, () => Object.keys(FAULTS).join(', '));
  if (problem) return ctx.send({ status: 400, body: JSON.stringify({ message: problem }) });
  return FAULTS[spec.mode]({ ...ctx, params: spec.params });
}

function statusFault(status: number): Fault {
  return async (ctx) => {
    const message = `${STATUS_CODES[status]}${await echo(ctx)}`;
    ctx.send({ status, body: JSON.stringify({ message }), headers: retryAfter(ctx.params) });
  };
}

function retryAfter(params: ReadonlyMap<string, string>): Record<string, string> | undefined {
  const seconds = params.get('retry-after');
  if (seconds !== undefined) return { 'retry-after': seconds };
  const ahead = params.get('retry-after-date');
  if (ahead !== undefined) return { 'retry-after': new Date(Date.now() + Number(ahead) * 1000).toUTCString() };
  return undefined;
}

/** With `echo`: the request quoted back, secrets and all, to prove the client redacts what servers say. */
async function echo(ctx: FaultContext): Promise<string> {
  if (!ctx.params.has('echo')) return '';
  const body = ctx.request.method === 'POST' ? ` body ${await ctx.request.body?.(64 * 1024)}` : '';
  return ` for ${ctx.request.method} ${ctx.req.url} with authorization ${ctx.req.headers.authorization ?? 'none'}${body}`;
}

function htmlPage(detail: string): string {
  return `<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Try again later${detail}.</p></body></html>`;
}

function number(ctx: FaultContext, name: string, fallback: number): number {
  const value = Number(ctx.params.get(name));
  return ctx.params.has(name) && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Resolves true after `ms`, or false as soon as the client goes away. */
function hold(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (elapsed: boolean): void => {
      clearTimeout(timer);
      res.off('close', onClose);
      resolve(elapsed);
    };
    const onClose = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    res.on('close', onClose);
  });
}

/** A valid JSON body of `size` bytes, streamed with backpressure; stops when the client hangs up. */
async function padded(res: ServerResponse, size: number, declareLength: boolean): Promise<void> {
  const head = '{"has_next":false,"next_cursor":null,"count":0,"items":[],"padding":"';
  const tail = '"}';
  const total = Math.max(size, head.length + tail.length);
  res.writeHead(200, { 'content-type': JSON_TYPE, ...(declareLength ? { 'content-length': total } : {}) });
  res.write(head);
  const chunk = Buffer.alloc(64 * 1024, 'x');
  for (let left = total - head.length - tail.length; left > 0 && !res.destroyed; left -= chunk.length) {
    if (!res.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await drained(res);
  }
  if (!res.destroyed) res.end(tail);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
