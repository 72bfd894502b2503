import { insertionPoint } from './category';
import type { TimelineEvent } from './event';
import { idHash, type EventIndex } from './eventIndex';

/** The first table's slots; it doubles when three quarters full (hashes are compared before any id is read). */
const FIRST_SLOTS = 1024;
/** Chains shorter than this are copied at their exact length on each addition; longer ones grow in place. */
const SHORT_CHAIN = 16;

/**
 * The loaded events by correlation id, each chain newest first whatever order pages come in. Most ids have one
 * event: its slot holds the event's ordinal in the EventIndex, no array and no Map entry (a Map costs about 38
 * bytes an id, this 11–21). A second event of the id turns the slot into a chain. As in EventIndex, the table
 * keeps each slot's hash (seeded, see idHash) and holds no id string.
 */
export class ChainIndex {
  private hashes = new Int32Array(FIRST_SLOTS);
  /** 0 empty; n > 0 the event of ordinal n - 1 alone; n < 0 the chain `chains[-n - 1]`. */
  private slots = new Int32Array(FIRST_SLOTS);
  private readonly chains: TimelineEvent[][] = [];
  private used = 0;

  constructor(private readonly events: EventIndex) {}

  /** Every event with this correlation id, newest first. */
  get(correlationId: string): readonly TimelineEvent[] {
    const at = this.find(correlationId, idHash(correlationId));
    if (at < 0) return [];
    const held = this.slots[at];
    return held > 0 ? [this.events.at(held - 1)] : this.chains[-held - 1];
  }

  /** Files the event of this ordinal (in the EventIndex) under its correlation id. */
  add(correlationId: string, ordinal: number): void {
    const hash = idHash(correlationId);
    const at = this.find(correlationId, hash);
    const event = this.events.at(ordinal);
    if (at < 0) {
      this.hashes[~at] = hash;
      this.slots[~at] = ordinal + 1;
      if (++this.used * 4 > this.slots.length * 3) this.rehash();
      return;
    }
    const held = this.slots[at];
    if (held > 0) {
      const other = this.events.at(held - 1);
      this.chains.push(other.sortKey >= event.sortKey ? [other, event] : [event, other]);
      this.slots[at] = -this.chains.length;
      return;
    }
    const chain = this.chains[-held - 1];
    const place = insertionPoint(chain, event.sortKey);
    if (chain.length >= SHORT_CHAIN) chain.splice(place, 0, event);
    else this.chains[-held - 1] = place === chain.length ? chain.concat([event]) : chain.slice(0, place).concat([event], chain.slice(place));
  }

  /** The slot holding this id, or the complement (~) of the empty slot where it would go. */
  private find(correlationId: string, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const held = slots[at];
      if (held === 0) return ~at;
      if (this.hashes[at] === hash && this.first(held).correlationId === correlationId) return at;
    }
  }

  private first(held: number): TimelineEvent {
    return held > 0 ? this.events.at(held - 1) : this.chains[-held - 1][0];
  }

  private rehash(): void {
    const hashes = new Int32Array(this.slots.length * 2);
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let from = 0; from < this.slots.length; from++) {
      if (this.slots[from] === 0) continue;
      let at = this.hashes[from] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      hashes[at] = this.hashes[from];
      slots[at] = this.slots[from];
    }
    this.hashes = hashes;
    this.slots = slots;
  }
}
