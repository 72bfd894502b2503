import type { JsonPath } from './path';

/**
 * A generic connection's mapping, checked (see mappingSchema.ts): how to ask an API for its events and where
 * each event's fields are in its answer. Everything here is data from settings: paths, names and constant
 * strings, no expression or template beyond the page size.
 */
export interface GenericMapping {
  /** Joined to the connection's base URL; a path only (no scheme, host, query or `..`). */
  readonly path: string;
  /** Constant query parameters, `{pageSize}` standing for the page size; sent on every request the source builds. */
  readonly query: readonly (readonly [string, string])[];
  /** Non-secret headers (an API version, Accept). */
  readonly headers: readonly (readonly [string, string])[];
  readonly auth: GenericAuth;
  /** The array of events; `$` when the body is the array. */
  readonly items: JsonPath;
  readonly fields: GenericFields;
  readonly paging: Paging;
  /** How the API lists events, so "newer" and "older" mean the right thing. */
  readonly order: 'newestFirst' | 'oldestFirst';
  readonly filters: GenericFilters;
  readonly rateLimit?: { readonly remaining: string; readonly limit?: string };
  /** The most events the API gives per page: larger page sizes are asked as this. */
  readonly maxPageSize?: number;
}

/** Alternatives, the first present wins (`[$.eventTime, $.lastTimestamp]`). */
export type PathChoice = readonly JsonPath[];

export const TIME_FORMATS = ['iso8601', 'unixSeconds', 'unixMillis', 'unixMicros', 'unixNanos'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export interface GenericFields {
  readonly id: PathChoice;
  readonly time: PathChoice;
  readonly timeFormat: TimeFormat;
  readonly type: PathChoice;
  /** Absent: the type is the category. */
  readonly category?: CategoryRule;
  /** Each path is one correlation id (not alternatives): the first present one is what Show Related follows. */
  readonly correlation: readonly JsonPath[];
  readonly summary?: PathChoice;
  readonly severity?: PathChoice;
  readonly account?: PathChoice;
}

/** A category read from a field, or from the prefix of one up to a separator, optionally named. */
export interface CategoryRule {
  readonly path: PathChoice;
  /** Keep the text before the first occurrence of this separator (`charge.succeeded` → `charge`). */
  readonly before?: string;
  /** Display names of category values (`user` → `User`). */
  readonly names?: ReadonlyMap<string, string>;
  /** The category of a value `names` does not list; the value itself when absent. */
  readonly other?: string;
}

/** A body flag saying there is more; `!$.done` negates it. */
export interface MoreFlag {
  readonly path: JsonPath;
  readonly negate: boolean;
}

export const PAGING_STYLES = ['cursor', 'nextUrl', 'linkHeader', 'page', 'offset', 'none'] as const;
export type PagingStyle = (typeof PAGING_STYLES)[number];

interface PagingBase {
  /** Where the page size goes (else only where `query` puts `{pageSize}`). */
  readonly sizeParam?: string;
  readonly hasMore?: MoreFlag;
}

export type Paging =
  | (PagingBase & { readonly style: 'cursor'; readonly next: CursorSource; readonly param: string })
  | (PagingBase & { readonly style: 'nextUrl'; readonly next: JsonPath })
  | (PagingBase & { readonly style: 'linkHeader'; readonly rel: string })
  | (PagingBase & { readonly style: 'page'; readonly param: string; readonly start: number; readonly total?: JsonPath })
  | (PagingBase & { readonly style: 'offset'; readonly param: string; readonly total?: JsonPath })
  | (PagingBase & { readonly style: 'none' });

/** A cursor from the body (`$.next_cursor`) or from a field of the page's last item (`$last.id`). */
export interface CursorSource {
  readonly from: 'body' | 'lastItem';
  readonly path: JsonPath;
}

export const FILTER_TIME_FORMATS = ['iso8601', 'unixSeconds', 'unixMillis'] as const;
export type FilterTimeFormat = (typeof FILTER_TIME_FORMATS)[number];

/** The query parameters the server filters by; what is absent is matched by the extension on each page. */
export interface GenericFilters {
  readonly type?: string;
  readonly category?: string;
  readonly since?: { readonly param: string; readonly format: FilterTimeFormat };
  readonly until?: { readonly param: string; readonly format: FilterTimeFormat };
  readonly text?: string;
}

export const AUTH_SCHEMES = ['none', 'bearer', 'basic', 'header', 'oauth2'] as const;

/** How the secrets become headers; the secrets themselves are never part of a mapping. */
export type GenericAuth =
  | { readonly scheme: 'none' }
  | { readonly scheme: 'bearer' }
  /** Without `username`, the secret is the user name and the password is empty (Stripe's key). */
  | { readonly scheme: 'basic'; readonly username?: string }
  | { readonly scheme: 'header'; readonly headers: readonly { readonly name: string; readonly prefix: string }[] }
  | {
      readonly scheme: 'oauth2';
      /** Under the base URL, like every request. */
      readonly tokenPath: string;
      readonly clientId: string;
      readonly scope?: string;
      /** Constant form fields (an account id as `uid`). */
      readonly params: readonly (readonly [string, string])[];
      /** Where the client secret goes: the form (`client_secret`, the default) or a Basic header. */
      readonly credentials: 'body' | 'basic';
    };
