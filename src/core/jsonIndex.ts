import type { PathSegment } from './jsonPath';
import { decodeJsonString, walkJson, type NodeKind } from './jsonTokens';

const KINDS: readonly NodeKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];
const ARRAY = KINDS.indexOf('array');

/**
 * Where every value of one JSON text starts and ends, and whose member it is, in typed arrays: about 29 bytes a
 * value instead of the ~90 of a JsonNode object, and nothing for the collector to walk. Built once per event
 * shown, by the inspector's page (its tree) and by the extension on the first Copy Value or Copy Path (then
 * each copy is a binary search and a walk up the parents).
 *
 * Values are numbered in text order (a container before its members), so their starts increase strictly, a
 * container's first member is the next id, and a walk over the ids in order is a walk in document order.
 */
export class JsonIndex {
  private constructor(
    private readonly text: string,
    private readonly count: number,
    private readonly kinds: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly parents: Int32Array,
    /** The key token's start inside an object (its end is found again by reading the token), -1 otherwise. */
    private readonly keyStarts: Int32Array,
    /** Position among the parent's members. */
    private readonly positions: Int32Array,
    /** A container's number of members, 0 for the rest. */
    private readonly childCounts: Int32Array,
  ) {}

  /** The index of `text`, or undefined when it is not exactly one JSON value. */
  static of(text: string): JsonIndex | undefined {
    const b = new Builder();
    try {
      walkJson(text, b);
    } catch {
      return undefined;
    }
    // trimmed to size: the index lives as long as its panel
    const n = b.count;
    return new JsonIndex(text, n, b.kinds.slice(0, n), b.starts.slice(0, n), b.ends.slice(0, n), b.parents.slice(0, n), b.keyStarts.slice(0, n), b.positions.slice(0, n), b.childCounts.slice(0, n));
  }

  /** How many values there are; ids run from 0 (the root) to size - 1. */
  get size(): number {
    return this.count;
  }

  kind(id: number): NodeKind {
    return KINDS[this.kinds[id]];
  }

  start(id: number): number {
    return this.starts[id];
  }

  /** Just past the value's text (a container's closing bracket included). */
  end(id: number): number {
    return this.ends[id];
  }

  /** The parent container's id, -1 for the root. */
  parent(id: number): number {
    return this.parents[id];
  }

  /** Position among the parent's members. */
  position(id: number): number {
    return this.positions[id];
  }

  childCount(id: number): number {
    return this.childCounts[id];
  }

  /** Where the value's key token is inside an object, [-1, -1] otherwise. */
  keyRange(id: number): [number, number] {
    const start = this.keyStarts[id];
    return start < 0 ? [-1, -1] : [start, start + this.keyToken(start).length];
  }

  /** The member after `id` in the same container, -1 after the last: the first value past its text. */
  next(id: number): number {
    const parent = this.parents[id];
    if (parent < 0 || this.positions[id] === this.childCounts[parent] - 1) return -1;
    if (this.childCounts[id] === 0) return id + 1;
    // past a container's subtree: the first value starting at or after its end
    let lo = id + 1;
    let hi = this.count;
    const end = this.ends[id];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The value that starts exactly at `offset` (offsets name values unambiguously, duplicate keys included). */
  valueAt(offset: number): JsonValueRef | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.starts[mid];
      if (start === offset) return { kind: KINDS[this.kinds[mid]], start, end: this.ends[mid], id: mid };
      if (start < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** The segments from the root to the value. */
  path(value: JsonValueRef): PathSegment[] {
    const segments: PathSegment[] = [];
    for (let id = value.id; this.parents[id] >= 0; id = this.parents[id]) {
      const parent = this.parents[id];
      if (this.kinds[parent] === ARRAY) segments.push(this.positions[id]);
      else segments.push(decodeJsonString(this.keyToken(this.keyStarts[id])));
    }
    return segments.reverse();
  }

  private keyToken(start: number): string {
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
    return this.text.slice(start, i + 1);
  }
}

/** One value of a JsonIndex: its kind and where its text is. */
export interface JsonValueRef {
  readonly kind: NodeKind;
  readonly start: number;
  readonly end: number;
  readonly id: number;
}

/** Fills the index's arrays from walkJson's visit, doubling them as they fill. */
class Builder {
  count = 0;
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  parents = new Int32Array(64);
  keyStarts = new Int32Array(64);
  positions = new Int32Array(64);
  childCounts = new Int32Array(64);
  /** Open containers, innermost last, and how many members each has so far. */
  private readonly open: number[] = [];
  private readonly members: number[] = [];

  value(kind: NodeKind, start: number, end: number, keyStart: number): void {
    if (this.count === this.starts.length) this.grow();
    const id = this.count++;
    const depth = this.open.length;
    this.kinds[id] = KINDS.indexOf(kind);
    this.starts[id] = start;
    this.ends[id] = end;
    this.parents[id] = depth > 0 ? this.open[depth - 1] : -1;
    this.keyStarts[id] = keyStart;
    this.positions[id] = depth > 0 ? this.members[depth - 1]++ : 0;
    if (kind === 'object' || kind === 'array') {
      this.open.push(id);
      this.members.push(0);
    }
  }

  close(end: number): void {
    const id = this.open.pop();
    const members = this.members.pop();
    if (id === undefined) return;
    this.ends[id] = end;
    this.childCounts[id] = members ?? 0;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.parents = grown(this.parents, (n) => new Int32Array(n));
    this.keyStarts = grown(this.keyStarts, (n) => new Int32Array(n));
    this.positions = grown(this.positions, (n) => new Int32Array(n));
    this.childCounts = grown(this.childCounts, (n) => new Int32Array(n));
  }
}
