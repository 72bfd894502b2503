import { type PismoTimeline, type TimelineEvent, itemText } from './pismoData';
import { firstAtOrBelow } from './sorted';
import { formatNs } from './time';

/** What a page is read from: one account's events, newest first, found by time. */
export interface EventList {
  /** The cursor partition, `TENANT::ACCOUNT_ID`. */
  readonly tenantAccount: string;
  readonly count: number;
  event(position: number): TimelineEvent;
  timeNs(position: number): bigint;
  /** The smallest position whose time is at or before `ns` (`count` when none). */
  firstAtOrBefore(ns: bigint): number;
}

/** A custom event as posted: `data` is the JSON text the client sent. */
export interface CustomEventDraft {
  readonly type: string;
  readonly category: string;
  readonly data: string;
  readonly correlationId: string | undefined;
}

/**
 * One account's timeline: its synthetic events and the custom events posted to it, merged newest first by
 * time. A posted event is newer than every event it found, but events appended later (the demo's "just
 * happened" ones) may be newer still, so the merge is by time rather than "posted on top".
 */
export class AccountTimeline implements EventList {
  /** Oldest first; each newer than the one before. */
  private readonly posted: TimelineEvent[] = [];
  /** The merged position of each posted event, newest first, for the synthetic count it was computed at. */
  private positions: number[] = [];
  private positionsAt = -1;

  constructor(private readonly synthetic: PismoTimeline) {}

  get tenantAccount(): string {
    return this.synthetic.tenantAccount;
  }

  get count(): number {
    return this.synthetic.count + this.posted.length;
  }

  get postedCount(): number {
    return this.posted.length;
  }

  event(position: number): TimelineEvent {
    const at = this.locate(position);
    return typeof at === 'number' ? this.synthetic.event(at) : at;
  }

  timeNs(position: number): bigint {
    const at = this.locate(position);
    return typeof at === 'number' ? this.synthetic.timeNs(at) : at.ns;
  }

  firstAtOrBefore(ns: bigint): number {
    return firstAtOrBelow(this.count, (position) => this.timeNs(position), ns);
  }

  /** The event a post at `now` creates: stamped `now`, or one nanosecond past the newest event when that is not older. */
  created(draft: CustomEventDraft, now: bigint): TimelineEvent {
    const newest = this.count > 0 ? this.timeNs(0) : undefined;
    const ns = newest !== undefined && newest >= now ? newest + 1n : now;
    const timestamp = formatNs(ns);
    const text = itemText({ ...draft, accountId: this.synthetic.accountId, timestamp });
    return { type: draft.type, category: draft.category, ns, timestamp, text };
  }

  /** Adds an event from `created`, before any other event is added. */
  add(event: TimelineEvent): void {
    this.posted.push(event);
  }

  /** The posted event at `position`, or the synthetic index that sits there. */
  private locate(position: number): TimelineEvent | number {
    const positions = this.mergedPositions();
    const before = firstAtOrBelow(positions.length, (j) => -positions[j], -position); // how many posted events sit above `position`
    if (before < positions.length && positions[before] === position) return this.posted[this.posted.length - 1 - before];
    return position - before;
  }

  private mergedPositions(): readonly number[] {
    if (this.positionsAt !== this.synthetic.count || this.positions.length !== this.posted.length) {
      const newestFirst = [...this.posted].reverse();
      this.positions = newestFirst.map((event, j) => j + this.synthetic.firstAtOrBefore(event.ns));
      this.positionsAt = this.synthetic.count;
    }
    return this.positions;
  }
}
