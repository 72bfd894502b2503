import { insertionPoint } from './category';
import type { TimelineEvent } from './event';

/**
 * The next older event of the same type as `event` in a newest-first list (its category's events), or undefined
 * when none is loaded. Found by binary search, then a walk down the older events only.
 */
export function previousOfType(events: readonly TimelineEvent[], event: TimelineEvent): TimelineEvent | undefined {
  // just past every event at least as new; equal times keep arrival order, so step back to the event itself
  let i = insertionPoint(events, event.sortKey);
  for (let j = i - 1; j >= 0 && events[j].sortKey === event.sortKey; j--) {
    if (events[j] === event || events[j].id === event.id) {
      i = j + 1;
      break;
    }
  }
  for (; i < events.length; i++) {
    const e = events[i];
    if (e.type === event.type && e.id !== event.id) return e;
  }
  return undefined;
}
