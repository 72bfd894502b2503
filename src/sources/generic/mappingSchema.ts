import { TimelineError } from '../../core/errors';
import { PAGE_SIZE } from '../../core/limits';
import { authRule } from './authSchema';
import {
  FILTER_TIME_FORMATS,
  PAGING_STYLES,
  TIME_FORMATS,
  type CategoryRule,
  type CursorSource,
  type GenericFields,
  type GenericFilters,
  type GenericMapping,
  type MoreFlag,
  type Paging,
} from './mapping';
import { headerNameProblem, paramNameProblem, quote, requestPathProblem, valueProblem } from './names';
import { Check } from './check';

export type MappingCheck = { readonly mapping: GenericMapping } | { readonly problems: readonly string[] };

const TOP_KEYS = ['path', 'query', 'headers', 'auth', 'items', 'fields', 'paging', 'order', 'filters', 'rateLimit', 'maxPageSize'];
const FIELD_KEYS = ['id', 'time', 'timeFormat', 'type', 'category', 'correlation', 'summary', 'severity', 'account'];
const CATEGORY_KEYS = ['path', 'before', 'names', 'other'];
const PAGING_KEYS: Readonly<Record<Paging['style'], readonly string[]>> = {
  cursor: ['style', 'next', 'param', 'hasMore', 'sizeParam'],
  nextUrl: ['style', 'next', 'hasMore', 'sizeParam'],
  linkHeader: ['style', 'rel', 'hasMore', 'sizeParam'],
  page: ['style', 'param', 'start', 'total', 'hasMore', 'sizeParam'],
  offset: ['style', 'param', 'total', 'hasMore', 'sizeParam'],
  none: ['style', 'sizeParam'],
};
const FILTER_KEYS = ['type', 'category', 'since', 'until', 'text'];
const MAX_CORRELATIONS = 8;
const MAX_NAMES = 200;
const PLACEHOLDER = '{pageSize}';

/**
 * Checks a generic connection's mapping as settings give it (`"generic": {…}`): the typed mapping, or every
 * problem found, each a sentence naming the setting (`mapping.paging.next is required for paging style
 * "cursor"`). Nothing is sent before a mapping passes.
 */
export function checkMapping(input: unknown, prefix = 'mapping'): MappingCheck {
  const check = new Check();
  const top = check.object(input, prefix, TOP_KEYS, 'an object with path, items, fields and paging');
  if (!top) return { problems: check.problems };
  const at = (key: string): string => `${prefix}.${key}`;
  const params: [string, string][] = [];
  const path = check.text(top.path, at('path'), { required: 'required: the API path, such as /v1/events', max: 512 });
  if (path !== undefined) check.add(requestPathProblem(path, at('path')));
  const query = constants(check, top.query, at('query'), params);
  const headers = headerList(check, top.headers, at('headers'));
  const auth = authRule(check, top.auth, at('auth'), headers.map(([name]) => name));
  const items = check.path(top.items, at('items'), { required: 'required: $ when the body is the array, or the path of the array, such as $.data' });
  const fields = fieldRules(check, top.fields, at('fields'));
  const paging = pagingRule(check, top.paging, at('paging'), params);
  const order = check.oneOf(top.order, at('order'), ['newestFirst', 'oldestFirst'] as const) ?? 'newestFirst';
  const filters = filterRules(check, top.filters, at('filters'), params);
  const rateLimit = rateLimitRule(check, top.rateLimit, at('rateLimit'));
  const maxPageSize = check.integer(top.maxPageSize, at('maxPageSize'), 1, PAGE_SIZE.max);
  uniqueParams(check, params);
  if (check.problems.length > 0 || path === undefined || !auth || !items || !fields || !paging) return { problems: check.problems };
  return { mapping: { path, query, headers, auth, items, fields, paging, order, filters, rateLimit, maxPageSize } };
}

/** The checked mapping, or a configuration error that lists the first problems. */
export function parseMapping(input: unknown, prefix = 'mapping'): GenericMapping {
  const result = checkMapping(input, prefix);
  if ('mapping' in result) return result.mapping;
  const { problems } = result;
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  throw new TimelineError('config', `The mapping does not fit: ${problems.slice(0, 3).join(' ')}${more}`);
}

/** `{ "limit": "{pageSize}" }`: constant strings (or numbers), the page size the only placeholder. */
function constants(check: Check, value: unknown, at: string, params: [string, string][]): [string, string][] {
  const entries = check.entries(value, at);
  const out: [string, string][] = [];
  for (const [name, raw] of entries) {
    const where = `${at}[${quote(name)}]`;
    if (check.add(paramNameProblem(name, `${at} key`))) continue;
    const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
    if (typeof text !== 'string') {
      check.add(`${where} must be a string or a number`);
      continue;
    }
    if (check.add(valueProblem(text, where))) continue;
    if (/[{}]/.test(text.split(PLACEHOLDER).join(''))) {
      check.add(`${where} holds a template: the only placeholder a value may hold is ${PLACEHOLDER}`);
      continue;
    }
    params.push([name, where]);
    out.push([name, text]);
  }
  return out;
}

function headerList(check: Check, value: unknown, at: string): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, raw] of check.entries(value, at)) {
    const where = `${at}[${quote(name)}]`;
    if (check.add(headerNameProblem(name, `${at} key`, false))) continue;
    if (typeof raw !== 'string') {
      check.add(`${where} must be a string`);
      continue;
    }
    if (check.add(valueProblem(raw, where))) continue;
    if (seen.has(name.toLowerCase())) check.add(`${at} names ${quote(name)} twice (header names ignore case)`);
    seen.add(name.toLowerCase());
    out.push([name, raw]);
  }
  return out;
}

function fieldRules(check: Check, value: unknown, at: string): GenericFields | undefined {
  const o = check.object(value, at, FIELD_KEYS, 'an object with id, time and type paths');
  if (!o) return undefined;
  const id = check.choice(o.id, `${at}.id`, { required: 'required: the path of each event\'s id, such as $.id' });
  const time = check.choice(o.time, `${at}.time`, { required: 'required: the path of each event\'s time, such as $.created_at' });
  const type = check.choice(o.type, `${at}.type`, { required: 'required: the path of each event\'s type, such as $.type' });
  const timeFormat = check.oneOf(o.timeFormat, `${at}.timeFormat`, TIME_FORMATS) ?? 'iso8601';
  const category = categoryRule(check, o.category, `${at}.category`);
  const correlation = correlationPaths(check, o.correlation, `${at}.correlation`);
  const summary = check.choice(o.summary, `${at}.summary`);
  const severity = check.choice(o.severity, `${at}.severity`);
  const account = check.choice(o.account, `${at}.account`);
  if (!id || !time || !type) return undefined;
  return { id, time, timeFormat, type, category, correlation, summary, severity, account };
}

/** A path (or paths), or `{ path, before, names, other }`. */
function categoryRule(check: Check, value: unknown, at: string): CategoryRule | undefined {
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) {
    const path = check.choice(value, at);
    return path && { path };
  }
  const o = check.object(value, at, CATEGORY_KEYS, 'a path, or an object with path and before');
  if (!o) return undefined;
  const path = check.choice(o.path, `${at}.path`, { required: 'required: the path of the field the category is read from' });
  const before = check.text(o.before, `${at}.before`, { max: 8 });
  const other = check.text(o.other, `${at}.other`, { max: 100 });
  const names = new Map<string, string>();
  const entries = check.entries(o.names, `${at}.names`);
  if (entries.length > MAX_NAMES) check.add(`${at}.names lists ${entries.length} names: at most ${MAX_NAMES}`);
  for (const [key, name] of entries.slice(0, MAX_NAMES)) {
    if (typeof name === 'string' && name !== '' && name.length <= 100 && key.length <= 100) names.set(key, name);
    else check.add(`${at}.names[${quote(key)}] must be a name of at most 100 characters`);
  }
  if (!path) return undefined;
  return { path, before: before || undefined, names: names.size > 0 ? names : undefined, other: other || undefined };
}

function correlationPaths(check: Check, value: unknown, at: string): CategoryRule['path'] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_CORRELATIONS) {
    check.add(`${at} lists ${list.length} paths: at most ${MAX_CORRELATIONS}`);
    return [];
  }
  return list.flatMap((item, k) => check.path(item, Array.isArray(value) ? `${at}[${k}]` : at) ?? []);
}

function pagingRule(check: Check, value: unknown, at: string, params: [string, string][]): Paging | undefined {
  const o = check.object(value, at, undefined, `an object with a style (${PAGING_STYLES.join(', ')})`);
  const style = o && check.oneOf(o.style, `${at}.style`, PAGING_STYLES, true);
  if (!o || !style) return undefined;
  check.keys(o, at, PAGING_KEYS[style], `for style "${style}" the keys are ${PAGING_KEYS[style].join(', ')}`);
  const param = (required: string): string | undefined => queryName(check, o.param, `${at}.param`, params, `required for paging style "${style}": ${required}`);
  const sizeParam = queryName(check, o.sizeParam, `${at}.sizeParam`, params);
  const hasMore = moreFlag(check, o.hasMore, `${at}.hasMore`);
  const base = { sizeParam, hasMore };
  switch (style) {
    case 'cursor': {
      const next = cursorSource(check, o.next, `${at}.next`);
      const name = param('the query parameter that carries the cursor back, such as cursor');
      return next && name ? { ...base, style, next, param: name } : undefined;
    }
    case 'nextUrl': {
      const next = check.path(o.next, `${at}.next`, { required: `required for paging style "nextUrl": the path of the next page's URL, such as $.links.next` });
      return next && { ...base, style, next };
    }
    case 'linkHeader': {
      const rel = check.text(o.rel, `${at}.rel`, { max: 32, shape: /^[A-Za-z][A-Za-z0-9.-]*$/, shapeText: 'a link relation such as next' }) ?? 'next';
      return { ...base, style, rel: rel.toLowerCase() };
    }
    case 'page': {
      const name = param('the query parameter of the page number, such as page');
      const start = check.integer(o.start, `${at}.start`, 0, 1) ?? 1;
      const total = check.path(o.total, `${at}.total`);
      return name ? { ...base, style, param: name, start, total } : undefined;
    }
    case 'offset': {
      const name = param('the query parameter of the offset, such as offset');
      const total = check.path(o.total, `${at}.total`);
      return name ? { ...base, style, param: name, total } : undefined;
    }
    case 'none':
      return { sizeParam, style };
  }
}

/** `$.next_cursor` from the body, or `$last.id` from the page's last item. */
function cursorSource(check: Check, value: unknown, at: string): CursorSource | undefined {
  const required = 'required for paging style "cursor": a body path such as $.next_cursor, or $last.id for a field of the last item';
  if (typeof value === 'string' && value.startsWith('$last')) {
    const path = check.path(value, at, { root: '$last' });
    if (path && path.segments.length === 0) return void check.add(`${at} names the last item itself: name one of its fields, such as $last.id`);
    return path && { from: 'lastItem', path };
  }
  const path = check.path(value, at, { required });
  return path && { from: 'body', path };
}

/** `$.has_more`, or `!$.done` for a flag that says there is no more. */
function moreFlag(check: Check, value: unknown, at: string): MoreFlag | undefined {
  const negate = typeof value === 'string' && value.startsWith('!');
  const path = check.path(negate ? (value as string).slice(1) : value, at);
  return path && { path, negate };
}

function queryName(check: Check, value: unknown, at: string, params: [string, string][], required?: string): string | undefined {
  const name = check.text(value, at, { required, max: 64 });
  if (name === undefined || check.add(paramNameProblem(name, at))) return undefined;
  params.push([name, at]);
  return name;
}

function filterRules(check: Check, value: unknown, at: string, params: [string, string][]): GenericFilters {
  const o = check.object(value, at, FILTER_KEYS, 'an object with type, category, since, until or text', { optional: true });
  if (!o) return {};
  const name = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return queryName(check, v, `${at}.${key}`, params);
    const f = check.object(v, `${at}.${key}`, key === 'since' || key === 'until' ? ['param', 'format'] : ['param'], 'a query parameter name, or { "param": name }');
    return f && queryName(check, f.param, `${at}.${key}.param`, params, 'required: the query parameter name');
  };
  const time = (key: 'since' | 'until'): GenericFilters['since'] => {
    const param = name(key);
    const v = o[key];
    const format = (v && typeof v === 'object' ? check.oneOf((v as Record<string, unknown>).format, `${at}.${key}.format`, FILTER_TIME_FORMATS) : undefined) ?? 'iso8601';
    return param === undefined ? undefined : { param, format };
  };
  return { type: name('type'), category: name('category'), since: time('since'), until: time('until'), text: name('text') };
}

function rateLimitRule(check: Check, value: unknown, at: string): GenericMapping['rateLimit'] {
  const o = check.object(value, at, ['remaining', 'limit'], 'an object naming the remaining and limit headers', { optional: true });
  if (!o) return undefined;
  const header = (v: unknown, where: string, required?: string): string | undefined => {
    const name = check.text(v, where, { required, max: 64 });
    return name === undefined || check.add(headerNameProblem(name, where, true)) ? undefined : name.toLowerCase();
  };
  const remaining = header(o.remaining, `${at}.remaining`, 'required: the header that says how many calls are left, such as X-RateLimit-Remaining');
  const limit = header(o.limit, `${at}.limit`);
  return remaining === undefined ? undefined : { remaining, limit };
}

/** Two settings naming one parameter would overwrite each other: servers differ in whether `LIMIT` is `limit`. */
function uniqueParams(check: Check, params: readonly [string, string][]): void {
  const owners = new Map<string, string>();
  for (const [name, where] of params) {
    const owner = owners.get(name.toLowerCase());
    if (owner) check.add(`${owner} and ${where} both name the query parameter ${quote(name)} (in any case): give each its own`);
    else owners.set(name.toLowerCase(), where);
  }
}
