import { labelPart, type TimelineEvent } from './event';
import { formatJsonPath } from './jsonPath';
import { decodeJsonString, walkJson, type NodeKind } from './jsonTokens';
import { rawText } from './rawPage';

/**
 * What each event type usually carries: for every JSON path its events hold, in how many of them, and as
 * which kinds of value. Learnt from the item texts already loaded, by the tokenizer (no JSON.parse, so no
 * object per value), a slice of events at a time. Array elements share one path (`$.items[*].id`), and the
 * paths a type, and all types together, may hold are capped, so a hostile page costs bounded memory.
 */

const KINDS: readonly NodeKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];
const KIND_BIT = new Map(KINDS.map((k, i) => [k, i]));
const ELEMENT = '[*]';

export interface ProfileLimits {
  readonly maxPathsPerType: number;
  readonly maxPaths: number;
  readonly maxTypes: number;
  /** A path longer than this is not kept (a megabyte-long key is not a field anyone reads). */
  readonly maxPathChars: number;
}

export const DEFAULT_PROFILE_LIMITS: ProfileLimits = { maxPathsPerType: 2000, maxPaths: 100_000, maxTypes: 1000, maxPathChars: 500 };

/** One path of a type: the events that carry it and, per kind of value, the events in which it has that kind. */
export interface PathStat {
  readonly path: string;
  readonly count: number;
  readonly kinds: Partial<Record<NodeKind, number>>;
}

export interface TypeProfile {
  /** The type as shown (cut: a server may send one a megabyte long). */
  readonly label: string;
  /** Events of the type learnt from. */
  readonly events: number;
  /** Every path but the root, in the order first seen (a parent before its members). */
  readonly paths: readonly PathStat[];
  /** Some paths were not kept: the cap was reached, or a path was too long. */
  readonly truncated: boolean;
}

/** A path an event lacks or adds, with how many of its type's `events` carry it. */
export interface PathShare {
  readonly path: string;
  readonly count: number;
  readonly events: number;
}

export interface ShareOptions {
  /** `lacks`: paths carried by at least this share of the type; `adds`: by less than it. */
  readonly share?: number;
  /** Below this many events of the type, nothing is usual yet. */
  readonly minEvents?: number;
}

const DEFAULT_LACKS_SHARE = 0.9;
const DEFAULT_ADDS_SHARE = 0.1;
const DEFAULT_MIN_EVENTS = 10;

class PathNode {
  members: Map<string, PathNode> | undefined;
  element: PathNode | undefined;
  count = 0;
  readonly kinds = new Uint32Array(KINDS.length);
  /** The learning pass that last counted this path, so an event counts once however often it holds it. */
  seen = 0;
  kindsSeen = 0;

  constructor(
    readonly path: string,
    readonly parent: PathNode | undefined,
  ) {}

  child(segment: string | undefined): PathNode | undefined {
    return segment === undefined ? this.element : this.members?.get(segment);
  }
}

class TypeShape {
  readonly root = new PathNode('$', undefined);
  events = 0;
  paths = 0;
  truncated = false;
}

type Learnable = Pick<TimelineEvent, 'type' | 'raw'>;

export class TypeProfiles {
  private readonly shapes = new Map<string, TypeShape>();
  private paths = 0;
  private pass = 0;
  private queue: Learnable[] = [];
  private next = 0;
  private unreadableCount = 0;

  constructor(private readonly limits: ProfileLimits = DEFAULT_PROFILE_LIMITS) {}

  /** Events to learn from on later steps (a page's new events, as they arrive). */
  enqueue(events: readonly Learnable[]): void {
    for (const e of events) this.queue.push(e);
  }

  /** Events waiting to be learnt. */
  get pending(): number {
    return this.queue.length - this.next;
  }

  /** Events whose text was not JSON. */
  get unreadable(): number {
    return this.unreadableCount;
  }

  /**
   * Learns from up to `maxEvents` waiting events; true while more wait. The host calls it between other work
   * (a type with 100,000 events is learnt in slices, never in one block).
   */
  step(maxEvents: number): boolean {
    const end = Math.min(this.queue.length, this.next + Math.max(1, maxEvents));
    for (; this.next < end; this.next++) this.learn(this.queue[this.next]);
    if (this.next === this.queue.length) {
      this.queue = [];
      this.next = 0;
    }
    return this.pending > 0;
  }

  /** Forgets everything (the timeline was refreshed). */
  clear(): void {
    this.shapes.clear();
    this.paths = 0;
    this.queue = [];
    this.next = 0;
    this.unreadableCount = 0;
  }

  get types(): string[] {
    return [...this.shapes.keys()];
  }

  profile(type: string): TypeProfile | undefined {
    const shape = this.shapes.get(type);
    if (!shape) return undefined;
    const paths: PathStat[] = [];
    for (const node of descendants(shape.root)) {
      const kinds: Partial<Record<NodeKind, number>> = {};
      KINDS.forEach((k, i) => {
        if (node.kinds[i] > 0) kinds[k] = node.kinds[i];
      });
      paths.push({ path: node.path, count: node.count, kinds });
    }
    return { label: labelPart(type), events: shape.events, paths, truncated: shape.truncated };
  }

  /**
   * The paths that at least `share` of the event's type carry and the event does not: only the outermost
   * (an event without `$.data` is not also said to lack `$.data.amount`).
   */
  lacks(event: Learnable, options: ShareOptions = {}): PathShare[] {
    const shape = this.usualShape(event.type, options);
    const carried = shape && this.carried(shape, event);
    if (!shape || !carried) return [];
    const share = options.share ?? DEFAULT_LACKS_SHARE;
    const found: PathShare[] = [];
    const visit = (node: PathNode): void => {
      for (const child of children(node)) {
        if (carried.nodes.has(child)) visit(child);
        else if (child.count >= share * shape.events) found.push({ path: child.path, count: child.count, events: shape.events });
      }
    };
    visit(shape.root);
    return found;
  }

  /**
   * The paths the event carries that fewer than `share` of its type carry, or none has (count 0): only the
   * outermost, and none unseen when the type's paths were capped (an unkept path may well be usual).
   */
  adds(event: Learnable, options: ShareOptions = {}): PathShare[] {
    const shape = this.usualShape(event.type, options);
    const carried = shape && this.carried(shape, event);
    if (!shape || !carried) return [];
    const rare = (node: PathNode): boolean => node.count < (options.share ?? DEFAULT_ADDS_SHARE) * shape.events;
    const found: PathShare[] = [];
    for (const node of carried.nodes) {
      if (node.parent && rare(node) && !rare(node.parent)) found.push({ path: node.path, count: node.count, events: shape.events });
    }
    if (shape.truncated) return found;
    const unseen = new Set<string>(); // one path for all elements of an array
    for (const { parent, path } of carried.unseen) {
      if ((!parent.parent || !rare(parent)) && !unseen.has(path)) {
        unseen.add(path);
        found.push({ path, count: 0, events: shape.events });
      }
    }
    return found;
  }

  private usualShape(type: string, options: ShareOptions): TypeShape | undefined {
    const shape = this.shapes.get(type);
    return shape && shape.events >= (options.minEvents ?? DEFAULT_MIN_EVENTS) ? shape : undefined;
  }

  private learn(event: Learnable): void {
    let shape = this.shapes.get(event.type);
    if (!shape) {
      if (this.shapes.size >= this.limits.maxTypes) return;
      shape = new TypeShape();
      this.shapes.set(event.type, shape);
    }
    const pass = ++this.pass;
    const learnt = shape;
    const counted = walkPaths(rawText(event.raw), learnt.root, (parent, segment) => this.grow(learnt, parent, segment), (node, kind) => {
      if (node.seen !== pass) {
        node.seen = pass;
        node.kindsSeen = 0;
        node.count++;
      }
      const k = KIND_BIT.get(kind) ?? 0;
      if ((node.kindsSeen & (1 << k)) === 0) {
        node.kindsSeen |= 1 << k;
        node.kinds[k]++;
      }
    });
    if (counted) learnt.events++;
    else this.unreadableCount++;
  }

  /** The member or element path under `parent`, made if the caps allow. */
  private grow(shape: TypeShape, parent: PathNode, segment: string | undefined): PathNode | undefined {
    const found = parent.child(segment);
    if (found) return found;
    const path = childPath(parent, segment);
    if (shape.paths >= this.limits.maxPathsPerType || this.paths >= this.limits.maxPaths || path.length > this.limits.maxPathChars) {
      shape.truncated = true;
      return undefined;
    }
    const node = new PathNode(path, parent);
    if (segment === undefined) parent.element = node;
    else (parent.members ??= new Map()).set(segment, node);
    shape.paths++;
    this.paths++;
    return node;
  }

  /** The kept paths an event carries, and the outermost ones it carries that are not kept. */
  private carried(shape: TypeShape, event: Learnable): { nodes: Set<PathNode>; unseen: { parent: PathNode; path: string }[] } | undefined {
    const nodes = new Set<PathNode>();
    const unseen: { parent: PathNode; path: string }[] = [];
    const ok = walkPaths(
      rawText(event.raw),
      shape.root,
      (parent, segment) => {
        const node = parent.child(segment);
        const path = node ? undefined : childPath(parent, segment);
        if (path !== undefined && path.length <= this.limits.maxPathChars) unseen.push({ parent, path });
        return node;
      },
      (node) => nodes.add(node),
    );
    return ok ? { nodes, unseen } : undefined;
  }
}

/**
 * Walks one JSON text, resolving each value's path from its parent's through `resolve` (undefined: the path is
 * not followed, nor anything under it) and handing each followed value to `visit`. False if the text is not JSON.
 */
function walkPaths(
  text: string,
  root: PathNode,
  resolve: (parent: PathNode, segment: string | undefined) => PathNode | undefined,
  visit: (node: PathNode, kind: NodeKind) => void,
): boolean {
  /** Per open container: its path, or undefined when it is not followed. */
  const open: (PathNode | undefined)[] = [];
  /** Per open container: true for an array. */
  const arrays: boolean[] = [];
  let depth = 0;
  try {
    walkJson(text, {
      value(kind, _start, _end, keyStart, keyEnd) {
        let node: PathNode | undefined;
        if (depth === 0) node = root;
        else {
          const parent = open[depth - 1];
          node = parent && resolve(parent, arrays[depth - 1] ? undefined : keyOf(text, keyStart, keyEnd));
        }
        if (node) visit(node, kind);
        if (kind === 'object' || kind === 'array') {
          open[depth] = node;
          arrays[depth] = kind === 'array';
          depth++;
        }
      },
      close() {
        depth--;
      },
    });
  } catch {
    return false;
  }
  return true;
}

/** `$.data` + `amount`, in Copy Path's syntax; an array's elements are `[*]`. */
function childPath(parent: PathNode, segment: string | undefined): string {
  return parent.path + (segment === undefined ? ELEMENT : formatJsonPath([segment]).slice(1));
}

function keyOf(text: string, start: number, end: number): string {
  const token = text.slice(start, end);
  return token.includes('\\') ? decodeJsonString(token) : token.slice(1, -1);
}

function children(node: PathNode): PathNode[] {
  const list = node.members ? [...node.members.values()] : [];
  if (node.element) list.push(node.element);
  return list;
}

/** Every path under `root`, a parent before its members, iteratively (nesting may be hostile). */
function* descendants(root: PathNode): Generator<PathNode> {
  const stack = children(root).reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    stack.push(...children(node).reverse());
  }
}
