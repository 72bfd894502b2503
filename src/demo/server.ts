import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type InjectFaultOptions, requestedFault } from './faultSpec';
import { isFaultMode, runFault } from './faults';
import { ApiTimeline, DEFAULT_API_EVENT_COUNT } from './generic/apiTimeline';
import { apiDemoRoutes } from './generic/apiRoutes';
import { type DemoRequest, type DemoResponse, type Route, bodyReader, jsonError } from './http';
import { oauthTokenRoute } from './oauthRoute';
import { type PassportSettings, passportOptions, passportTokenRoute } from './passportRoute';
import { TokenRegistry } from './passportTokens';
import { ACCOUNT_ID, PismoTimeline } from './pismoData';
import { pismoTimelineRoute } from './pismoRoute';
import { DEFAULT_ACCOUNTS, DEFAULT_OTHER_ACCOUNT_EVENT_COUNT, MAX_ACCOUNTS, PismoTenant } from './pismoTenant';
import { TalentTimeline } from './talentlmsData';
import { DEFAULT_RATE_LIMIT, DEFAULT_RATE_WINDOW_MS, RateLimiter } from './talentlmsRateLimit';
import { DEFAULT_TALENT_EVENT_COUNT, talentTimelineRoute } from './talentlmsRoute';

export interface DemoServerOptions extends PassportSettings {
  port?: number;
  seed?: number;
  eventCount?: number;
  /** Pismo's bearer token, also TalentLMS's `X-API-Key`. */
  token?: string;
  /** TalentLMS events (default 1,000: every documented type at least once). */
  talentEventCount?: number;
  /** Events of the well-known APIs' routes (default 300, GitHub's cap; see generic/apiRoutes.ts). */
  apiEventCount?: number;
  /** TalentLMS calls per window, server-wide (default 2,000, the smaller plans' hourly budget). */
  rateLimitPerWindow?: number;
  rateLimitWindowMs?: number;
  /** false: TalentLMS pages carry no `_links`, only `_meta.pagination` (default true). */
  talentLinks?: boolean;
  /** The tenant's first account, whose timeline (of `eventCount` events) the main token reads (default 4242001). */
  accountId?: string;
  /** Accounts of the tenant `TN-demo`, numbered on from `accountId` (default 12, at most 1,000). */
  accounts?: number;
  /** Events of each account but the first (default 300). */
  otherAccountEventCount?: number;
}

export interface DemoServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly token: string;
  readonly eventCount: number;
  readonly talentEventCount: number;
  readonly apiEventCount: number;
  /** What the Passport mints (s2s and OAuth) accept; random unless given (accountId: the main token's account). */
  readonly serverKey: string;
  readonly serverSecret: string;
  readonly accountId: string;
  /** The tenant's accounts, `accountId` first. */
  readonly accountIds: readonly string[];
  /** An account's `external_account_id`, `EXT-<accountId>`. */
  externalId(accountId: string): string;
  /** Tokens minted for the account since start, s2s and OAuth together. */
  mintsFor(accountId: string): number;
  /** The `scope` of the last OAuth token minted. */
  readonly lastOAuthScope: string | undefined;
  /** Custom events posted to the account. */
  customEventCount(accountId: string): number;
  /** Minted Pismo tokens stop working at once (the main token keeps working). */
  revokeMintedTokens(): void;
  /**
   * The next `times` requests (default 1; to `path` only, if given) meet a fault: `mode[;key=value…]` as
   * in the `x-demo-fault` header (see faults.ts). Nothing misbehaves unless asked.
   */
  injectFault(mode: string, options?: InjectFaultOptions): void;
  /** Drops injected faults and the `times` counters of request-borne ones. */
  clearFaults(): void;
  /** Adds `n` events newer than all others to the timelines (Pismo's main account's only), as if they had just happened. */
  appendEvents(n: number): void;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20220215;
export const DEFAULT_EVENT_COUNT = 5000;
/** About 13 years of events at one per ~7 minutes; generation is on demand, so this bounds time, not memory. */
export const MAX_EVENT_COUNT = 1_000_000;

/** A local timeline server with synthetic data, bound to 127.0.0.1 only. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const seed = options.seed ?? DEFAULT_SEED;
  const token = options.token ?? randomBytes(16).toString('hex');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!/^\S+$/.test(token)) throw new RangeError('token must be non-empty and without spaces');
  const eventCount = wholeNumber('eventCount', options.eventCount ?? DEFAULT_EVENT_COUNT, 0, MAX_EVENT_COUNT);
  const talentEventCount = wholeNumber('talentEventCount', options.talentEventCount ?? DEFAULT_TALENT_EVENT_COUNT, 0, MAX_EVENT_COUNT);
  const apiEventCount = wholeNumber('apiEventCount', options.apiEventCount ?? DEFAULT_API_EVENT_COUNT, 0, MAX_EVENT_COUNT);
  const otherAccountEventCount = wholeNumber('otherAccountEventCount', options.otherAccountEventCount ?? DEFAULT_OTHER_ACCOUNT_EVENT_COUNT, 0, MAX_EVENT_COUNT);
  const accounts = wholeNumber('accounts', options.accounts ?? DEFAULT_ACCOUNTS, 1, MAX_ACCOUNTS);
  const firstAccount = options.accountId ?? String(ACCOUNT_ID);
  if (!/^[1-9]\d{0,14}$/.test(firstAccount)) throw new RangeError('accountId must be an account number');
  const limiter = new RateLimiter(options.rateLimitPerWindow ?? DEFAULT_RATE_LIMIT, options.rateLimitWindowMs ?? DEFAULT_RATE_WINDOW_MS);

  const pismo = new PismoTimeline(seed, eventCount, Number(firstAccount));
  const tenant = new PismoTenant(pismo, accounts, otherAccountEventCount);
  const tokens = new TokenRegistry(token, Date.now, firstAccount);
  const passport = passportOptions(options, tokens, tenant);
  const talent = new TalentTimeline(seed, talentEventCount);
  const apis = new ApiTimeline(seed, apiEventCount);
  const routes: Route[] = [
    pismoTimelineRoute(tenant, tokens),
    talentTimelineRoute(talent, { apiKey: token, limiter, links: options.talentLinks ?? true }),
    passportTokenRoute(passport),
    oauthTokenRoute(passport),
    ...apiDemoRoutes(apis, token),
  ];
  const faults = new FaultInjector(isFaultMode);
  const gate = { hosts: new Set<string>() };
  const server = createServer((req, res) => void serve(routes, faults, gate, req, res).catch(() => res.destroy()));
  const port = await listen(server, options.port ?? 0);
  for (const name of ['127.0.0.1', 'localhost']) gate.hosts.add(`${name}:${port}`);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    eventCount,
    talentEventCount,
    apiEventCount,
    serverKey: passport.serverKey,
    serverSecret: passport.serverSecret,
    accountId: firstAccount,
    accountIds: tenant.accountIds,
    externalId: (accountId) => tenant.externalId(accountId),
    mintsFor: (accountId) => tokens.mintsFor(tenant.checked(accountId)),
    get lastOAuthScope() {
      return tokens.lastScope;
    },
    customEventCount: (accountId) => tenant.customEventCount(accountId),
    revokeMintedTokens: () => tokens.revokeMinted(),
    injectFault: (mode, options) => faults.inject(mode, options),
    clearFaults: () => faults.clear(),
    appendEvents: (n) => {
      pismo.append(n);
      talent.append(n);
      apis.append(n);
    },
    close: () => (closing ??= stop(server)),
  };
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every connection, idle keep-alive ones included, so the process can exit. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Gatekeeping first, then the route. A request must name the loopback address the server is bound to in
 * its `Host` (a page that reaches the port through DNS rebinding names its own) and carry a route's credentials before
 * it may ask for a fault: no other local process or web page can make the server misbehave. A fault (from the
 * request's header or query, or injected) then sees the raw request and writes the raw response.
 */
async function serve(routes: readonly Route[], faults: FaultInjector, gate: { hosts: ReadonlySet<string> }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!gate.hosts.has(req.headers.host ?? '')) return send(res, jsonError(421, `This server answers only to ${[...gate.hosts].join(' or ')}.`));
  const request = toRequest(req);
  const own = requestedFault(request);
  const match = routes.find((r) => r.path === request.path);
  const answer = (): Promise<DemoResponse> => respond(routes, request);
  const fault = match && (await match.authorized(request)) ? faults.take(request, own) : undefined;
  if (fault) await runFault(fault, { req, res, request, answer, send: (response) => send(res, response) });
  else send(res, await answer());
}

async function respond(routes: readonly Route[], request: DemoRequest): Promise<DemoResponse> {
  try {
    return await route(routes, request);
  } catch {
    return jsonError(500, 'Internal server error');
  }
}

function send(res: ServerResponse, response: DemoResponse): void {
  if (res.destroyed) return; // the client left (a fault held the answer past its timeout)
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...response.headers });
  res.end(body);
}

function toRequest(req: IncomingMessage): DemoRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: bodyReader(req) };
}

function route(routes: readonly Route[], request: DemoRequest): DemoResponse | Promise<DemoResponse> {
  const match = routes.find((r) => r.path === request.path);
  if (!match) return jsonError(404, `No route for ${request.path}`);
  if (!match.methods.includes(request.method)) return jsonError(405, `${request.method} is not allowed here`, { allow: match.methods.join(', ') });
  return match.handle(request);
}
