import type { DemoRequest } from './http';

/** Per request: `x-demo-fault: 503;times=2;key=a` or `?__fault=503;times=2;key=a`. */
export const FAULT_HEADER = 'x-demo-fault';
export const FAULT_QUERY = '__fault';

/** A fault as written: `mode[;key=value…]`. */
export interface FaultSpec {
  readonly mode: string;
  readonly params: ReadonlyMap<string, string>;
  /** As written, for its length check. */
  readonly text: string;
}

export function parseFaultSpec(text: string): FaultSpec {
  const [mode, ...pairs] = text.split(';').map((part) => part.trim());
  const params = new Map<string, string>();
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    params.set(eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1));
  }
  return { mode: mode.toLowerCase(), params, text };
}

/**
 * The largest value of each numeric option. The demo server runs inside the extension host, so no request
 * may make it stream gigabytes, hold a response for hours or keep unbounded counters.
 */
export const FAULT_LIMITS: Readonly<Record<string, number>> = {
  /** Just over the client's largest size cap (64 MB), so too-large can still exceed it. */
  bytes: 65 * 1024 * 1024,
  ms: 60_000,
  times: 100,
  'retry-after': 86_400,
  'retry-after-date': 86_400,
};
const MAX_SPEC_LENGTH = 200;

/** What is wrong with a spec (an unknown mode, an option out of bounds), or undefined when it may run. */
export function faultProblem(spec: FaultSpec, isMode: (mode: string) => boolean, known: () => string): string | undefined {
  if (spec.text.length > MAX_SPEC_LENGTH) return `A demo fault spec must be at most ${MAX_SPEC_LENGTH} characters`;
  if (!isMode(spec.mode)) return `Unknown demo fault "${spec.mode}"; known: ${known()}`;
  for (const [name, max] of Object.entries(FAULT_LIMITS)) {
    const value = spec.params.get(name);
    if (value === undefined) continue;
    const min = name === 'times' ? 1 : 0;
    if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) return `Demo fault option ${name} must be a whole number from ${min} to ${max}`;
  }
  return undefined;
}

export interface InjectFaultOptions {
  /** How many requests meet the fault (default 1). */
  readonly times?: number;
  /** Only requests to this path meet it (default: any). */
  readonly path?: string;
}

/** The fault a request asks for in its header or query; removes `__fault` from the query so routes never see it. */
export function requestedFault(request: DemoRequest): string | undefined {
  const header = request.headers[FAULT_HEADER];
  const own = (Array.isArray(header) ? header[0] : header) ?? request.query.get(FAULT_QUERY) ?? undefined;
  request.query.delete(FAULT_QUERY);
  return own;
}

/** Per-key counters kept for `times=N` on request-borne faults; old keys go first past this many. */
const MAX_KEYS = 1000;

/**
 * Decides which fault, if any, a request meets. Nothing is faulty by default: a request's own header or
 * query decides first, then faults injected in code, each for its next N matching requests.
 */
export class FaultInjector {
  private readonly injected: { spec: FaultSpec; left: number; path?: string }[] = [];
  private readonly served = new Map<string, number>();

  constructor(private readonly isMode: (mode: string) => boolean) {}

  inject(spec: string, options: InjectFaultOptions = {}): void {
    const parsed = parseFaultSpec(spec);
    const problem = faultProblem(parsed, this.isMode, () => 'see faults.ts');
    if (problem) throw new RangeError(problem);
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.injected.push({ spec: parsed, left: times, path: options.path });
  }

  clear(): void {
    this.injected.length = 0;
    this.served.clear();
  }

  /** The fault an authenticated request meets: its own (see `requestedFault`), else the next injected one. */
  take(request: DemoRequest, own: string | undefined): FaultSpec | undefined {
    if (own !== undefined) return this.counted(own);
    const index = this.injected.findIndex((f) => f.path === undefined || f.path === request.path);
    if (index < 0) return undefined;
    const fault = this.injected[index];
    if (--fault.left === 0) this.injected.splice(index, 1);
    return fault.spec;
  }

  /** `times=N`: the first N requests carrying the same `key` (default: the whole spec) meet the fault, later ones pass. */
  private counted(text: string): FaultSpec | undefined {
    const spec = parseFaultSpec(text);
    const times = spec.params.get('times');
    if (times === undefined) return spec;
    const key = (spec.params.get('key') ?? text).slice(0, MAX_SPEC_LENGTH);
    const count = this.served.get(key) ?? 0;
    if (count >= Number(times)) return undefined;
    if (!this.served.has(key) && this.served.size >= MAX_KEYS) this.served.delete(this.served.keys().next().value as string);
    this.served.set(key, count + 1);
    return spec;
  }
}
