import type { TimelineEvent } from './event';

/** The first table's slots; it doubles when half full, so a probe finds an empty slot within a step or two. */
const FIRST_SLOTS = 1024;

/**
 * The loaded events by id, in the order read, without a string per event: a Map would keep each id as its key,
 * while a source may read an event's id back from its page's bytes (see PismoEvent) and hold none. A table of
 * positions, open-addressed by the id's hash, with each event's hash kept beside it so that a probe reads an id
 * only where the hashes agree. About 20 bytes per event against a Map entry's 30 and the id's 40–70.
 */
export class EventIndex {
  private readonly list: TimelineEvent[] = [];
  private hashes = new Int32Array(FIRST_SLOTS / 2);
  /** Each slot holds a position in `list` plus one; 0 is empty. */
  private slots = new Int32Array(FIRST_SLOTS);

  get size(): number {
    return this.list.length;
  }

  get(id: string): TimelineEvent | undefined {
    const at = this.find(id, idHash(id));
    return at < 0 ? undefined : this.list[this.slots[at] - 1];
  }

  has(id: string): boolean {
    return this.find(id, idHash(id)) >= 0;
  }

  /** The event added `ordinal`-th (from 0). */
  at(ordinal: number): TimelineEvent {
    return this.list[ordinal];
  }

  /** Adds the event unless one with its id is held: its ordinal, or -1 when it was not added. */
  add(event: TimelineEvent): number {
    const id = event.id;
    const hash = idHash(id);
    const at = this.find(id, hash);
    if (at >= 0) return -1;
    const n = this.list.length;
    this.list.push(event);
    if (n === this.hashes.length) this.hashes = grown(this.hashes);
    this.hashes[n] = hash;
    this.slots[~at] = n + 1;
    if ((n + 1) * 2 > this.slots.length) this.rehash();
    return n;
  }

  /** The events in the order they were added. */
  values(): IterableIterator<TimelineEvent> {
    return this.list.values();
  }

  /** The slot holding this id, or the complement (~) of the empty slot where it would go. */
  private find(id: string, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const held = slots[at];
      if (held === 0) return ~at;
      if (this.hashes[held - 1] === hash && this.list[held - 1].id === id) return at;
    }
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let n = 0; n < this.list.length; n++) {
      let at = this.hashes[n] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = n + 1;
    }
    this.slots = slots;
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/**
 * A random start per extension host: ids come from servers, and one that knew the hash could send ids that all
 * land in one slot's run, making every addition read the whole run.
 */
const SEED = (Math.random() * 0x1_0000_0000) | 0;

/** FNV-1a over the UTF-16 code units from a random start, mixed at the end so that low bits hold all of it. */
export function idHash(text: string): number {
  let h = SEED;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
