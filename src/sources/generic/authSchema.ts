import { AUTH_SCHEMES, type GenericAuth } from './mapping';
import type { Check } from './check';
import { headerNameProblem, paramNameProblem, quote, requestPathProblem, valueProblem } from './names';

const AUTH_KEYS: Readonly<Record<GenericAuth['scheme'], readonly string[]>> = {
  none: ['scheme'],
  bearer: ['scheme'],
  basic: ['scheme', 'username'],
  header: ['scheme', 'headers'],
  oauth2: ['scheme', 'tokenPath', 'clientId', 'scope', 'params', 'credentials'],
};
/** Datadog sends two keys; more than a few secret headers is a mistake. */
const MAX_SECRET_HEADERS = 4;
/** Form fields the client-credentials request sets itself. */
const OAUTH_FIELDS = ['grant_type', 'client_id', 'client_secret', 'scope'];

/**
 * `mapping.auth`: which scheme, and its non-secret parts (a user name, header names and prefixes, a client id).
 * Absent: no authentication. `plainHeaders` are the mapping's non-secret headers, which a secret header may not repeat.
 */
export function authRule(check: Check, value: unknown, at: string, plainHeaders: readonly string[]): GenericAuth | undefined {
  if (value === undefined || value === null) return { scheme: 'none' };
  const o = check.object(value, at, undefined, `an object with a scheme (${AUTH_SCHEMES.join(', ')})`);
  const scheme = o && check.oneOf(o.scheme, `${at}.scheme`, AUTH_SCHEMES, true);
  if (!o || !scheme) return undefined;
  check.keys(o, at, AUTH_KEYS[scheme], `for scheme "${scheme}" the keys are ${AUTH_KEYS[scheme].join(', ')}`);
  switch (scheme) {
    case 'none':
    case 'bearer':
      return { scheme };
    case 'basic': {
      const username = check.text(o.username, `${at}.username`);
      if (username !== undefined && !check.add(valueProblem(username, `${at}.username`)) && username.includes(':')) check.add(`${at}.username must not hold ":", which ends a Basic user name`);
      return { scheme, username };
    }
    case 'header':
      return secretHeaders(check, o.headers, `${at}.headers`, plainHeaders);
    case 'oauth2':
      return clientCredentials(check, o, at);
  }
}

/** `[{ "name": "Authorization", "prefix": "SSWS " }]`: one secret per header. */
function secretHeaders(check: Check, value: unknown, at: string, plainHeaders: readonly string[]): GenericAuth | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SECRET_HEADERS) {
    return void check.add(`${at} must list from 1 to ${MAX_SECRET_HEADERS} headers, each { "name": "X-API-Key", "prefix": "" }`);
  }
  const taken = new Set(plainHeaders.map((name) => name.toLowerCase()));
  const headers: { name: string; prefix: string }[] = [];
  value.forEach((item, k) => {
    const where = `${at}[${k}]`;
    const h = check.object(item, where, ['name', 'prefix'], 'an object with a header name and an optional prefix');
    const name = h && check.text(h.name, `${where}.name`, { required: 'required: the header name, such as X-API-Key', max: 64 });
    const prefix = h && check.text(h.prefix, `${where}.prefix`, { max: 64 });
    if (name === undefined || check.add(headerNameProblem(name, `${where}.name`, true)) || check.add(prefix === undefined ? undefined : valueProblem(prefix, `${where}.prefix`))) return;
    if (taken.has(name.toLowerCase())) return void check.add(`${where}.name ${quote(name)} is named twice (in auth.headers or headers)`);
    taken.add(name.toLowerCase());
    headers.push({ name, prefix: prefix ?? '' });
  });
  return headers.length === value.length ? { scheme: 'header', headers } : undefined;
}

function clientCredentials(check: Check, o: Record<string, unknown>, at: string): GenericAuth | undefined {
  const tokenPath = check.text(o.tokenPath, `${at}.tokenPath`, { required: 'required for scheme "oauth2": the token endpoint\'s path on the same host, such as /oauth/token', max: 512 });
  if (tokenPath !== undefined) check.add(requestPathProblem(tokenPath, `${at}.tokenPath`));
  const clientId = check.text(o.clientId, `${at}.clientId`, { required: 'required for scheme "oauth2": the client id (the client secret is kept in the secret store)' });
  if (clientId !== undefined) check.add(valueProblem(clientId, `${at}.clientId`));
  const scope = check.text(o.scope, `${at}.scope`, { max: 1024 });
  if (scope !== undefined) check.add(valueProblem(scope, `${at}.scope`));
  const credentials = check.oneOf(o.credentials, `${at}.credentials`, ['body', 'basic'] as const) ?? 'body';
  const params: [string, string][] = [];
  for (const [name, v] of check.entries(o.params, `${at}.params`)) {
    const where = `${at}.params[${quote(name)}]`;
    if (OAUTH_FIELDS.includes(name)) check.add(`${where} is set by the extension itself`);
    else if (typeof v !== 'string') check.add(`${where} must be a string`);
    else if (!check.add(paramNameProblem(name, `${at}.params key`)) && !check.add(valueProblem(v, where))) params.push([name, v]);
  }
  if (tokenPath === undefined || clientId === undefined) return undefined;
  return { scheme: 'oauth2', tokenPath, clientId, scope, params, credentials };
}
