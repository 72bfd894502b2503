import { parseIsoNs } from './time';

/** Our choice: the timeline docs name no default; 20 is a common v2-style default. */
export const DEFAULT_PAGE_SIZE = 20;
/** As documented for the other v2 list endpoints. */
export const MAX_PAGE_SIZE = 100;

export const FILTERS = ['filter[event_type][eq]', 'filter[created_at][gte]', 'filter[created_at][lte]'] as const;

export interface TalentQuery {
  /** 1-based. */
  readonly page: number;
  readonly size: number;
  readonly eventType: string | undefined;
  /** Inclusive bounds in seconds since the epoch. */
  readonly fromS: number | undefined;
  readonly toS: number | undefined;
  /** The filters as received, for the `_links`. */
  readonly filters: readonly (readonly [string, string])[];
}

/** The query, or the sentence a 400 carries. */
export function parseTalentQuery(query: URLSearchParams): TalentQuery | { error: string } {
  for (const name of new Set(query.keys())) {
    if ((name.startsWith('filter[') && !(FILTERS as readonly string[]).includes(name)) || (name.startsWith('page[') && name !== 'page[number]' && name !== 'page[size]')) {
      return { error: `Unsupported parameter ${name}: use page[number], page[size], ${FILTERS.join(', ')}.` };
    }
  }
  const page = whole(query.get('page[number]'), 1);
  if (page === undefined || page < 1) return { error: 'page[number] must be a whole number from 1.' };
  const size = whole(query.get('page[size]'), DEFAULT_PAGE_SIZE);
  if (size === undefined || size < 1 || size > MAX_PAGE_SIZE) return { error: `page[size] must be a whole number from 1 to ${MAX_PAGE_SIZE}.` };

  const eventType = query.get('filter[event_type][eq]') ?? undefined;
  if (eventType !== undefined && !/^[a-z0-9_]+$/.test(eventType)) return { error: 'filter[event_type][eq] must be an event type such as user_login_user.' };
  const bounds: (number | undefined)[] = [];
  for (const [name, upper] of [['filter[created_at][gte]', false], ['filter[created_at][lte]', true]] as const) {
    const text = query.get(name);
    const seconds = text === null ? undefined : toSeconds(text, upper);
    if (text !== null && seconds === undefined) return { error: `${name} must be an ISO 8601 date or date-time, or Unix seconds.` };
    bounds.push(seconds);
  }
  const filters = FILTERS.flatMap((name) => (query.has(name) ? [[name, query.get(name) ?? ''] as const] : []));
  return { page, size, eventType, fromS: bounds[0], toS: bounds[1], filters };
}

function whole(text: string | null, fallback: number): number | undefined {
  if (text === null) return fallback;
  return /^\d{1,9}$/.test(text.trim()) ? Number(text) : undefined;
}

/**
 * Whole seconds from Unix seconds (9 to 11 digits, so a bare year is not one) or ISO 8601. An upper bound
 * given as a bare date means the end of that day; a lower bound with a fraction rounds up and an upper one
 * down, so both stay inclusive.
 */
function toSeconds(text: string, upper: boolean): number | undefined {
  if (/^\d{9,11}$/.test(text.trim())) return Number(text);
  const ns = parseIsoNs(text, upper);
  if (ns === undefined) return undefined;
  const floor = ns / 1_000_000_000n - (ns < 0n && ns % 1_000_000_000n !== 0n ? 1n : 0n);
  return Number(!upper && ns % 1_000_000_000n !== 0n ? floor + 1n : floor);
}
