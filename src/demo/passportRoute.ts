import { randomBytes } from 'node:crypto';
import { BodyTooLargeError, type DemoRequest, type DemoResponse, type Route, json, jsonError } from './http';
import { TokenRegistry, sameSecret } from './passportTokens';
import { ACCOUNT_ID } from './pismoData';

export const PASSPORT_TOKEN_PATH = '/passport/v2/s2s/access-token';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
const MAX_BODY_BYTES = 16 * 1024;

export interface PassportOptions {
  readonly serverKey: string;
  readonly serverSecret: string;
  /** The one account this server key may mint tokens for (as text; a JSON integer is accepted too). */
  readonly accountId: string;
  readonly ttlSeconds: number;
  readonly tokens: TokenRegistry;
}

/**
 * `POST /passport/v2/s2s/access-token` with `{"server_key","server_secret","account_id"}` → 200
 * `{"token","expires_in"}`. A body that is not that object is a 400 naming what is wrong; a wrong key or
 * secret a 401; another account a 403. No answer ever repeats a credential.
 */
export function passportTokenRoute(options: PassportOptions): Route {
  return {
    path: PASSPORT_TOKEN_PATH,
    methods: ['POST'],
    async authorized(request: DemoRequest): Promise<boolean> {
      const text = request.body ? await request.body(MAX_BODY_BYTES).catch(() => '') : '';
      const credentials = parseCredentials(text);
      return !('error' in credentials) && sameSecret(credentials.serverKey, options.serverKey) && sameSecret(credentials.serverSecret, options.serverSecret);
    },
    async handle(request: DemoRequest): Promise<DemoResponse> {
      let text: string;
      try {
        text = request.body ? await request.body(MAX_BODY_BYTES) : '';
      } catch (e) {
        if (e instanceof BodyTooLargeError) return jsonError(413, `The body must be at most ${MAX_BODY_BYTES} bytes.`);
        throw e;
      }
      const credentials = parseCredentials(text);
      if ('error' in credentials) return jsonError(400, credentials.error);
      const keyOk = sameSecret(credentials.serverKey, options.serverKey);
      const secretOk = sameSecret(credentials.serverSecret, options.serverSecret);
      if (!keyOk || !secretOk) return jsonError(401, 'Invalid server key or server secret.');
      if (credentials.accountId !== options.accountId) return jsonError(403, 'This server key may not mint tokens for that account.');
      const token = options.tokens.mint(options.ttlSeconds);
      return json(200, `{"token":${JSON.stringify(token)},"expires_in":${options.ttlSeconds}}`);
    },
  };
}

interface Credentials {
  readonly serverKey: string;
  readonly serverSecret: string;
  readonly accountId: string;
}

function parseCredentials(text: string): Credentials | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body must be JSON: {"server_key","server_secret","account_id"}.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'The body must be a JSON object with server_key, server_secret and account_id.' };
  const { server_key: serverKey, server_secret: serverSecret, account_id: account } = body as Record<string, unknown>;
  for (const [name, value] of [['server_key', serverKey], ['server_secret', serverSecret]] as const) {
    if (typeof value !== 'string' || value === '') return { error: `${name} is required and must be a non-empty string.` };
  }
  const accountId = typeof account === 'number' && Number.isSafeInteger(account) && account > 0 ? String(account) : account;
  if (typeof accountId !== 'string' || !/^\d+$/.test(accountId)) return { error: 'account_id is required: the account number, as a string or an integer.' };
  return { serverKey: serverKey as string, serverSecret: serverSecret as string, accountId };
}

export interface PassportSettings {
  readonly serverKey?: string;
  readonly serverSecret?: string;
  readonly accountId?: string;
  readonly tokenTtlSeconds?: number;
}

/**
 * The mint route's settings with defaults filled in: a random key and secret, the demo timeline's own
 * account (so a minted token's account matches the `account_id` of the events it reads), one hour.
 */
export function passportOptions(settings: PassportSettings, mainToken: string): PassportOptions {
  const options = {
    serverKey: settings.serverKey ?? `sk-${randomBytes(12).toString('hex')}`,
    serverSecret: settings.serverSecret ?? randomBytes(24).toString('hex'),
    accountId: settings.accountId ?? String(ACCOUNT_ID),
    ttlSeconds: settings.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    tokens: new TokenRegistry(mainToken),
  };
  for (const name of ['serverKey', 'serverSecret'] as const) {
    if (!/^\S+$/.test(options[name])) throw new RangeError(`${name} must be non-empty and without spaces`);
  }
  if (!/^\d+$/.test(options.accountId)) throw new RangeError('accountId must be an account number');
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) throw new RangeError('tokenTtlSeconds must be a whole number of seconds from 1');
  return options;
}
