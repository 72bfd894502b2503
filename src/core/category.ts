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
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].sortKey >= event.sortKey) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, event);
  }
}
