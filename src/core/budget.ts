import { TimelineError } from './errors';

/** What a loaded timeline holds, as the budget counts it. */
export interface BudgetMember {
  readonly byteCount: number;
  readonly eventCount: number;
}

export interface BudgetLimits {
  readonly maxBytes: number;
  readonly maxEvents: number;
}

/**
 * The memory every timeline of a window may hold together. Bytes alone are not enough: tiny events cost their
 * index (about 350 bytes each, docs/performance.md) more than their text, so events are counted too. The limits
 * are read on each check, so a raised setting lets Retry go on at once.
 */
export class LoadBudget {
  private readonly members = new Set<BudgetMember>();

  constructor(private readonly limits: () => BudgetLimits) {}

  /** Counts a timeline until the returned function is called (when it is dropped). */
  join(member: BudgetMember): () => void {
    this.members.add(member);
    return () => this.members.delete(member);
  }

  get usage(): { bytes: number; events: number } {
    let bytes = 0;
    let events = 0;
    for (const m of this.members) {
      bytes += m.byteCount;
      events += m.eventCount;
    }
    return { bytes, events };
  }

  /** Throws a `budget` TimelineError, saying what to do, when the timelines hold as much as they may. */
  check(): void {
    const { maxBytes, maxEvents } = this.limits();
    const { bytes, events } = this.usage;
    if (bytes < maxBytes && events < maxEvents) return;
    const held = bytes >= maxBytes ? `${Math.round(bytes / 1024 / 1024)} MB of events` : `${events.toLocaleString('en-US')} events`;
    throw new TimelineError(
      'budget',
      `${held} are loaded in this window, the most it keeps (timelineViewer.maxLoadedMegabytes): Refresh a connection to start again, or filter to read fewer events.`,
    );
  }
}
