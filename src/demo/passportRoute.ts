import { randomBytes } from 'node:crypto';
import { type DemoRequest, type DemoResponse, type Route, json, jsonError, readBody } from './http';
import { type TokenRegistry, sameSecret } from './passportTokens';
import type { PismoTenant } from './pismoTenant';

export const PASSPORT_TOKEN_PATH = '/passport/v2/s2s/access-token';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
/** Passport's bodies hold a few credentials: anything larger is a mistake. */
export const MAX_PASSPORT_BODY_BYTES = 16 * 1024;

/** Pismo's pages name the mint body's secret field both ways. */
const SECRET_FIELDS = ['server_secret', 'secret_key'] as const;
export type MintSecretField = (typeof SECRET_FIELDS)[number];

export interface PassportOptions {
  readonly serverKey: string;
  readonly serverSecret: string;
  /** Which secret field the s2s mint requires; 'either' takes both. */
  readonly secretField: MintSecretField | 'either';
  readonly ttlSeconds: number;
  readonly tokens: TokenRegistry;
  /** The accounts this server key may mint tokens for. */
  readonly tenant: PismoTenant;
}

/**
 * `POST /passport/v2/s2s/access-token` with `{"server_key", "server_secret" | "secret_key", "account_id" |
 * "external_account_id"}` → 200 `{"token","expires_in"}`, a token for that account. A body that is not that
 * object is a 400 naming what is wrong; a wrong key or secret a 401; an account outside the tenant a 403.
 * No answer ever repeats a credential.
 */
export function passportTokenRoute(options: PassportOptions): Route {
  return {
    path: PASSPORT_TOKEN_PATH,
    methods: ['POST'],
    async authorized(request: DemoRequest): Promise<boolean> {
      const text = await readBody(request, MAX_PASSPORT_BODY_BYTES).catch(() => undefined);
      if (typeof text !== 'string') return false;
      const body = parseMintBody(text, options.secretField);
      return !('error' in body) && credentialsOk(body, options);
    },
    async handle(request: DemoRequest): Promise<DemoResponse> {
      const text = await readBody(request, MAX_PASSPORT_BODY_BYTES);
      if (typeof text !== 'string') return text;
      const body = parseMintBody(text, options.secretField);
      if ('error' in body) return jsonError(400, body.error);
      if (!credentialsOk(body, options)) return jsonError(401, 'Invalid server key or server secret.');
      const accountId = 'externalId' in body.account ? options.tenant.accountOfExternalId(body.account.externalId) : body.account.accountId;
      if (accountId === undefined || !options.tenant.has(accountId)) return jsonError(403, 'This server key may not mint tokens for that account.');
      const token = options.tokens.mint(options.ttlSeconds, accountId);
      return json(200, `{"token":${JSON.stringify(token)},"expires_in":${options.ttlSeconds}}`);
    },
  };
}

interface MintBody {
  readonly serverKey: string;
  /** Every secret field the body gave: all must be right. */
  readonly secrets: readonly string[];
  readonly account: { readonly accountId: string } | { readonly externalId: string };
}

function credentialsOk(body: MintBody, options: PassportOptions): boolean {
  const keyOk = sameSecret(body.serverKey, options.serverKey);
  const secretsOk = body.secrets.map((secret) => sameSecret(secret, options.serverSecret)).every(Boolean); // each compared, in constant time
  return keyOk && secretsOk;
}

function parseMintBody(text: string, secretField: MintSecretField | 'either'): MintBody | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body must be JSON: {"server_key","server_secret","account_id"}.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'The body must be a JSON object with server_key, server_secret and account_id.' };
  const fields = body as Record<string, unknown>;
  const serverKey = fields.server_key;
  if (serverKey === undefined) return { error: 'server_key is required' };
  if (typeof serverKey !== 'string' || serverKey === '') return { error: 'server_key must be a non-empty string' };
  const secretNames = secretField === 'either' ? SECRET_FIELDS : [secretField];
  const given = secretNames.filter((name) => fields[name] !== undefined);
  if (given.length === 0) return { error: `${secretNames.join(' or ')} is required` };
  const odd = given.find((name) => typeof fields[name] !== 'string' || fields[name] === '');
  if (odd !== undefined) return { error: `${odd} must be a non-empty string` };
  const account = parseAccount(fields.account_id, fields.external_account_id);
  if ('error' in account) return account;
  return { serverKey, secrets: given.map((name) => fields[name] as string), account };
}

function parseAccount(account: unknown, external: unknown): MintBody['account'] | { error: string } {
  if (account !== undefined && external !== undefined) return { error: 'Give account_id or external_account_id, not both.' };
  if (external !== undefined) {
    return typeof external === 'string' && external !== '' ? { externalId: external } : { error: 'external_account_id must be a non-empty string' };
  }
  const accountId = typeof account === 'number' && Number.isSafeInteger(account) && account > 0 ? String(account) : account;
  if (accountId === undefined) return { error: 'account_id or external_account_id is required' };
  if (typeof accountId !== 'string' || !/^\d+$/.test(accountId)) return { error: 'account_id must be the account number, as a string or an integer.' };
  return { accountId };
}

export interface PassportSettings {
  readonly serverKey?: string;
  readonly serverSecret?: string;
  readonly tokenTtlSeconds?: number;
  /** Which secret field `POST /passport/v2/s2s/access-token` requires (default 'either'). */
  readonly mintSecretField?: MintSecretField | 'either';
}

/** The mint routes' settings with defaults filled in: a random key and secret, one hour, either secret field. */
export function passportOptions(settings: PassportSettings, tokens: TokenRegistry, tenant: PismoTenant): PassportOptions {
  const options = {
    serverKey: settings.serverKey ?? `sk-${randomBytes(12).toString('hex')}`,
    serverSecret: settings.serverSecret ?? randomBytes(24).toString('hex'),
    secretField: settings.mintSecretField ?? 'either',
    ttlSeconds: settings.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    tokens,
    tenant,
  };
  for (const name of ['serverKey', 'serverSecret'] as const) {
    if (!/^\S+$/.test(options[name])) throw new RangeError(`${name} must be non-empty and without spaces`);
  }
  if (options.secretField !== 'either' && !SECRET_FIELDS.includes(options.secretField)) throw new RangeError(`mintSecretField must be ${SECRET_FIELDS.join(', ')} or either`);
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) throw new RangeError('tokenTtlSeconds must be a whole number of seconds from 1');
  return options;
}
