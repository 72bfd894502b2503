import { TimelineError } from '../core/errors';
import type { PageFilter } from '../core/filter';

/**
 * Pismo's filter parameters. The names come from a third-party client of the old endpoint, not from
 * Pismo's reference, so a connection can rename each (`"type": "eventType"`) or turn it off (`false`):
 * whatever is not sent is still matched by the extension on each page.
 */
export const PISMO_FILTER_PARAMS = ['type', 'category', 'beginDate', 'endDate'] as const;
export type PismoFilterParam = (typeof PISMO_FILTER_PARAMS)[number];
export type PismoFilterParams = Readonly<Partial<Record<PismoFilterParam, string | false | null>>>;

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.[\]-]{0,63}$/;
/** What paging sets itself. */
const PAGING = ['limit', 'order'];
/** Credential words a parameter name may not contain, once lowercased and stripped of `-`, `_`, `.`, `[` and `]`. */
const CREDENTIAL_WORDS = ['accesstoken', 'authtoken', 'idtoken', 'refreshtoken', 'sessiontoken', 'securitytoken', 'apikey', 'accesskey', 'privatekey', 'secret', 'password', 'passwd', 'authorization', 'signature', 'credential', 'sessionid', 'bearer'];
/** Short ones, refused only as the whole name: `pageToken` is a cursor, `keyword` a filter. */
const CREDENTIAL_NAMES = ['token', 'key', 'auth', 'session', 'sid', 'sig', 'pass', 'pwd', 'jwt'];

export type PismoFilterNames = Readonly<Record<PismoFilterParam, string | undefined>>;

/** The query parameter names a Pismo connection sends, checked. */
export interface PismoParamNames {
  readonly cursor: string;
  /** Each filter's name, or undefined when it is off. */
  readonly filters: PismoFilterNames;
}

/**
 * The cursor's and each filter's query parameter name. A setting from a cloned workspace is untrusted (and may
 * sit beside the user's token): a name that is not a plain parameter, that paging sets, that reads as a
 * credential, or that another of these parameters already uses is refused, compared without case, since
 * servers differ in whether `LIMIT` is `limit`.
 */
export function pismoParamNames(cursorParam: unknown, filterParams: unknown): PismoParamNames {
  const taken = new Map<string, string>();
  const claim = (setting: string, value: unknown, shape: string): string => {
    if (typeof value !== 'string' || !PARAM_NAME.test(value)) throw configError(`${setting} must be ${shape}.`);
    const lower = value.toLowerCase();
    if (PAGING.includes(lower)) throw configError(`${setting} must be a name other than ${PAGING.join(' and ')} (in any case), which paging sets.`);
    if (readsAsCredential(lower)) throw configError(`${setting} must not be "${value}", which reads as a credential's name: a connection's query never carries a secret.`);
    const owner = taken.get(lower);
    if (owner) throw configError(`${owner} and ${setting} both name the query parameter "${value}" (in any case): give each a name of its own.`);
    taken.set(lower, setting);
    return value;
  };
  const cursor = claim('cursorParam', cursorParam ?? 'cursor', 'a query parameter name (letters, digits, _ . - [ ]), such as cursor');
  const given = filterParams && typeof filterParams === 'object' && !Array.isArray(filterParams) ? (filterParams as Record<string, unknown>) : {};
  const filters = {} as Record<PismoFilterParam, string | undefined>;
  for (const param of PISMO_FILTER_PARAMS) {
    const value = Object.hasOwn(given, param) ? given[param] : param;
    const off = value === false || value === null || value === '';
    filters[param] = off ? undefined : claim(`filterParams.${param}`, value, 'a query parameter name (letters, digits, _ . - [ ]), or false to turn it off');
  }
  return { cursor, filters };
}

function readsAsCredential(lower: string): boolean {
  const bare = lower.replace(/[-_.[\]]/g, '');
  return CREDENTIAL_NAMES.includes(bare) || CREDENTIAL_WORDS.some((word) => bare.includes(word));
}

function configError(message: string): TimelineError {
  return new TimelineError('config', message);
}

/**
 * What Pismo can be asked: one type, one category (the API takes one value each) and the date range. A
 * list of several values is left to the extension.
 */
export function pismoFilterQuery(filter: PageFilter | undefined, names: PismoFilterNames): [string, string][] {
  if (!filter) return [];
  const wanted: [PismoFilterParam, string | undefined][] = [
    ['type', filter.types?.length === 1 ? filter.types[0] : undefined],
    ['category', filter.categories?.length === 1 ? filter.categories[0] : undefined],
    ['beginDate', filter.since],
    ['endDate', filter.until],
  ];
  return wanted.flatMap(([param, value]) => {
    const name = names[param];
    return name !== undefined && value !== undefined ? [[name, value] as [string, string]] : [];
  });
}
