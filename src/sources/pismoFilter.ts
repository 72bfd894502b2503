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

/**
 * The query parameter name for each filter, or undefined when it is off. A setting from a cloned
 * workspace is untrusted: a name that is not a plain parameter, or that would overwrite paging, is refused.
 */
export function pismoFilterNames(setting: unknown, reserved: readonly string[]): Readonly<Record<PismoFilterParam, string | undefined>> {
  const given = setting && typeof setting === 'object' && !Array.isArray(setting) ? (setting as Record<string, unknown>) : {};
  const names = {} as Record<PismoFilterParam, string | undefined>;
  for (const param of PISMO_FILTER_PARAMS) {
    const value = Object.hasOwn(given, param) ? given[param] : param;
    if (value === false || value === null || value === '') {
      names[param] = undefined;
      continue;
    }
    if (typeof value !== 'string' || !PARAM_NAME.test(value) || reserved.includes(value)) {
      throw new TimelineError('config', `filterParams.${param} must be a query parameter name (letters, digits, _ . - [ ]) other than ${reserved.join(', ')}, or false to turn it off.`);
    }
    names[param] = value;
  }
  return names;
}

/**
 * What Pismo can be asked: one type, one category (the API takes one value each) and the date range. A
 * list of several values is left to the extension.
 */
export function pismoFilterQuery(filter: PageFilter | undefined, names: Readonly<Record<PismoFilterParam, string | undefined>>): [string, string][] {
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
