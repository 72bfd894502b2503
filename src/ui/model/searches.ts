import type { Search } from '../../core/find';
import type { Timeline } from '../../core/timeline';

/**
 * A timeline's current search (at most one), shown as the results node at the top of its connection. Keyed by
 * the Timeline, not the connection: a refreshed or filtered connection shows a timeline of its own, and a search
 * belongs to the timeline it searched.
 */
const current = new WeakMap<Timeline, Search>();

export function searchOf(timeline: Timeline): Search | undefined {
  return current.get(timeline);
}

/** Makes `search` its timeline's current search, stopping and dropping the one before. */
export function setSearch(search: Search): void {
  clearSearch(search.timeline);
  current.set(search.timeline, search);
}

export function clearSearch(timeline: Timeline): void {
  current.get(timeline)?.dispose();
  current.delete(timeline);
}
