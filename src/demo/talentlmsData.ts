import { TALENT_EVENT_TYPES, UNKNOWN_TALENT_TYPES, drawType, members } from './talentlmsEvents';
import { streamFor } from './random';
import { int, obj, str } from './rawJson';
import { GrowingTimeline } from './growingTimeline';
import { firstAtOrBelow } from './sorted';

const NEWEST_S = Date.UTC(2025, 5, 30, 21, 14, 5) / 1000;
const SLOT_S = 600;
/** The newest event's id; ids fall by one per step into the past, so they never depend on the count. */
const NEWEST_ID = 10_000_000;
const SALT = { type: 11, time: 12, members: 13 } as const;

/** Every 17th event (from index 5) walks the seed table, so 1,000 events hold each of the 51 types at least once. */
const COVER_EVERY = 17;
const COVER_AT = 5;
/** Every 89th event (from index 44) is a type no table lists. */
const UNKNOWN_EVERY = 89;
const UNKNOWN_AT = 44;

export interface TalentEvent {
  readonly index: number;
  readonly type: string;
  /** Seconds since the epoch. */
  readonly seconds: number;
  /** The item's exact JSON text. */
  readonly text: string;
}

/**
 * A synthetic TalentLMS platform timeline, index 0 newest. Like PismoTimeline, nothing is stored: each event
 * is rebuilt from (seed, index). Times have whole seconds, as `created_at` does, and fall strictly.
 */
export class TalentTimeline extends GrowingTimeline {
  /** Indices of one event type, built by a whole scan the first time a filter asks; the 64 latest kept. */
  private readonly byType = new Map<string, Uint32Array>();

  /** Appended events have ids above NEWEST_ID; positions moved, so the type index goes. */
  protected override grew(): void {
    this.byType.clear();
  }

  typeAt(position: number): string {
    const index = position - this.appended;
    if (index % COVER_EVERY === COVER_AT) return TALENT_EVENT_TYPES[((index - COVER_AT) / COVER_EVERY) % TALENT_EVENT_TYPES.length];
    if (index % UNKNOWN_EVERY === UNKNOWN_AT) return UNKNOWN_TALENT_TYPES[((index - UNKNOWN_AT) / UNKNOWN_EVERY) % UNKNOWN_TALENT_TYPES.length];
    return drawType(streamFor(this.seed, SALT.type, index));
  }

  /** Index i sits at a random second of its own 10-minute slot. */
  seconds(position: number): number {
    const index = position - this.appended;
    return NEWEST_S - index * SLOT_S - Math.floor(streamFor(this.seed, SALT.time, index)() * SLOT_S);
  }

  /** The smallest index at or before `seconds` (`count` when none). */
  firstAtOrBefore(seconds: number): number {
    return firstAtOrBelow(this.count, (index) => this.seconds(index), seconds);
  }

  indicesOf(type: string): Uint32Array {
    let found = this.byType.get(type);
    if (!found) {
      const list: number[] = [];
      for (let i = 0; i < this.count; i++) if (this.typeAt(i) === type) list.push(i);
      found = Uint32Array.from(list);
      if (this.byType.size >= 64) this.byType.delete(this.byType.keys().next().value as string);
      this.byType.set(type, found);
    }
    return found;
  }

  event(position: number): TalentEvent {
    const index = position - this.appended;
    const type = this.typeAt(position);
    const seconds = this.seconds(position);
    const createdAt = `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
    const text = obj({ id: int(NEWEST_ID - index), event_type: str(type), created_at: str(createdAt), ...members(type, streamFor(this.seed, SALT.members, index)) });
    return { index, type, seconds, text };
  }
}
