import type { TimelineEvent } from './event';

/** One group of a timeline's events, kept newest first as pages arrive. */
export class Category {
  private readonly list: TimelineEvent[] = [];

  constructor(readonly name: string) {}

  get events(): readonly TimelineEvent[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Pages usually arrive newest first, so the common case is an append; otherwise a binary insert. */
  add(event: TimelineEvent): void {
    const list = this.list;
    if (list.length === 0 || list[list.length - 1].sortKey >= event.sortKey) {
      list.push(event);
      return;
    }
    list.splice(insertionPoint(list, event.sortKey), 0, event);
  }

  /**
   * Adds one page's events at once, with the same result as adding them one by one: appended when they are
   * older than everything held (the common case), else merged in one pass, so a page of newer events costs
   * one move of the list instead of one per event.
   */
  addAll(events: readonly TimelineEvent[]): void {
    if (events.length === 0) return;
    const batch = isNewestFirst(events) ? events : [...events].sort(newestFirst); // sort is stable
    const list = this.list;
    const n = list.length;
    if (n === 0 || list[n - 1].sortKey >= batch[0].sortKey) {
      for (const e of batch) list.push(e);
      return;
    }
    if (batch.length === 1) {
      this.add(batch[0]);
      return;
    }
    // The held events older than the whole batch only move down: found by binary search, moved without
    // reading them (on a big heap, reading each event costs a cache miss). The rest is merged from the back,
    // the oldest last; on equal keys what was held stays first, as add() does.
    const lo = insertionPoint(list, batch[batch.length - 1].sortKey, n);
    for (const e of batch) list.push(e); // grows the list, kept packed; the slots are rewritten below
    const k = batch.length;
    for (let t = n - 1; t >= lo; t--) list[t + k] = list[t];
    let i = lo - 1;
    let j = k - 1;
    for (let w = lo + k - 1; j >= 0; w--) {
      if (i >= 0 && list[i].sortKey < batch[j].sortKey) list[w] = list[i--];
      else list[w] = batch[j--];
    }
  }
}

export function newestFirst(a: TimelineEvent, b: TimelineEvent): number {
  return a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0;
}

function isNewestFirst(events: readonly TimelineEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1].sortKey < events[i].sortKey) return false;
  return true;
}

/**
 * Where an event with this key goes in a newest-first list (binary search over `[0, end)`): just past every
 * event at least as new, so events of equal time keep their arrival order.
 */
export function insertionPoint(list: readonly TimelineEvent[], sortKey: string, end = list.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].sortKey >= sortKey) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
