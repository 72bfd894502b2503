import { parseFilter, type TimelineFilter } from './filter';
import { parseQuery } from './query/parse';

/**
 * A named search kept in settings (`timelineViewer.savedSearches`): a Find query, a filter, or both, offered for
 * the connections it names (every connection when it names none). It runs only what Find and Filter can.
 */
export interface SavedSearch {
  readonly name: string;
  readonly query?: string;
  readonly filter?: TimelineFilter;
  readonly connections?: readonly string[];
}

/**
 * Any settings file can hold saved searches, a cloned repository's too: each is bounded in count and length,
 * and checked as Find and Filter check what is typed.
 */
export const MAX_SAVED_SEARCHES = 100;
const MAX_NAME_CHARS = 100;
const MAX_CONNECTIONS = 50;
const MAX_CONNECTION_ID_CHARS = 200;
// eslint-disable-next-line no-control-regex -- a name or id with control characters is refused, not shown
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The saved searches of a setting's value, in order. An entry that is wrong is left out and named in
 * `problems` with what is wrong, so one mistake does not hide the others. `nowMs` reads relative times
 * (`since:2h`) to check them; a saved query keeps its text and is read again each time it runs.
 */
export function parseSavedSearches(value: unknown, nowMs: number): { searches: SavedSearch[]; problems: string[] } {
  const searches: SavedSearch[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { searches, problems };
  if (!Array.isArray(value)) return { searches, problems: ['timelineViewer.savedSearches must be a list of saved searches.'] };
  if (value.length > MAX_SAVED_SEARCHES) problems.push(`timelineViewer.savedSearches holds ${value.length} searches; the first ${MAX_SAVED_SEARCHES} are used.`);
  const names = new Set<string>();
  value.slice(0, MAX_SAVED_SEARCHES).forEach((entry, index) => {
    const search = parseSavedSearch(entry, nowMs);
    const label = `Saved search ${index + 1}`;
    if ('error' in search) problems.push(`${label}: ${search.error}`);
    else if (names.has(search.name.toLowerCase())) problems.push(`${label}: another saved search is already named "${search.name}".`);
    else {
      names.add(search.name.toLowerCase());
      searches.push(search);
    }
  });
  return { searches, problems };
}

/** One saved search, checked; the sentence says what is wrong. */
export function parseSavedSearch(entry: unknown, nowMs: number): SavedSearch | { error: string } {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { error: 'a saved search is an object with a name, and a query or a filter.' };
  const o = entry as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name.trim() : '';
  if (name === '' || name.length > MAX_NAME_CHARS || CONTROL.test(name)) return { error: `"name" must be text of 1 to ${MAX_NAME_CHARS} characters.` };
  const query = Object.hasOwn(o, 'query') ? o.query : undefined;
  if (query !== undefined && (typeof query !== 'string' || query.trim() === '')) return { error: `"${name}": "query" must be the text of a Find query.` };
  if (query !== undefined) {
    const parsed = parseQuery(query, { nowMs });
    if ('error' in parsed) return { error: `"${name}": ${parsed.error}` };
  }
  const filterValue = Object.hasOwn(o, 'filter') ? o.filter : undefined;
  const filter = filterValue === undefined ? undefined : parseFilter(filterValue);
  if (filter && 'error' in filter) return { error: `"${name}": ${filter.error}` };
  if (query === undefined && filter === undefined) return { error: `"${name}" has neither a "query" nor a "filter".` };
  const connections = connectionIds(Object.hasOwn(o, 'connections') ? o.connections : undefined);
  if (typeof connections === 'string') return { error: `"${name}": ${connections}` };
  return { name, ...(query !== undefined && { query }), ...(filter && { filter }), ...(connections && { connections }) };
}

function connectionIds(value: unknown): string[] | undefined | string {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '' && v.length <= MAX_CONNECTION_ID_CHARS && !CONTROL.test(v))) {
    return '"connections" must be a list of connection ids.';
  }
  const ids = [...new Set(value as string[])];
  if (ids.length === 0) return '"connections" lists no connection: leave it out to offer the search for every connection.';
  if (ids.length > MAX_CONNECTIONS) return `"connections" may list at most ${MAX_CONNECTIONS} connections.`;
  return ids;
}

/** Whether the search is offered for this connection. */
export function appliesTo(search: SavedSearch, connectionId: string): boolean {
  return search.connections === undefined || search.connections.includes(connectionId);
}

/**
 * The setting's new value with `search` saved: an entry of the same name (ignoring case) is replaced in place,
 * otherwise it is added at the end. Every other entry is kept exactly as it was, a wrong one included: the file
 * is the user's.
 */
export function withSavedSearch(current: unknown, search: SavedSearch): unknown[] | { error: string } {
  const list: unknown[] = Array.isArray(current) ? [...current] : [];
  const lower = search.name.toLowerCase();
  const at = list.findIndex((e) => nameOf(e)?.trim().toLowerCase() === lower);
  if (at >= 0) list[at] = { ...search };
  else if (list.length >= MAX_SAVED_SEARCHES) return { error: `${MAX_SAVED_SEARCHES} searches are saved, the most kept: remove one from timelineViewer.savedSearches first.` };
  else list.push({ ...search });
  return list;
}

function nameOf(entry: unknown): string | undefined {
  const name = entry && typeof entry === 'object' ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}
