import type { Instant } from '../../core/instant';
import type { Timeline } from '../../core/timeline';

/**
 * The instant each timeline was last loaded back to with Load Until, for its row ("back to Jun 2 14:00"). Keyed
 * by the Timeline: a refresh or a filter starts one that holds nothing yet.
 */
const reached = new WeakMap<Timeline, Instant>();

export function loadedBackTo(timeline: Timeline): Instant | undefined {
  return reached.get(timeline);
}

export function setLoadedBackTo(timeline: Timeline, instant: Instant): void {
  reached.set(timeline, instant);
}
