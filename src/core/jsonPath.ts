import { decodeJsonString, type JsonNode } from './jsonTokens';

/** A member name or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.data.item.amount`, `$.items[3]`, and `$["a b"]` for a key that is not an identifier. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (IDENTIFIER.test(s)) path += `.${s}`;
    else path += `[${JSON.stringify(s)}]`;
  }
  return path;
}

/** The segments from the root to `node`; `text` is the text the node was parsed from. */
export function pathOf(node: JsonNode, text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (let n: JsonNode | undefined = node; n?.parent; n = n.parent) {
    segments.push(n.parent.kind === 'array' ? n.index : decodeJsonString(text.slice(n.keyStart, n.keyEnd)));
  }
  return segments.reverse();
}

/**
 * The node whose value starts exactly at `offset`. Offsets name a value unambiguously even where a path
 * cannot (duplicate keys), so the webview refers to values by them.
 */
export function nodeStartingAt(root: JsonNode, offset: number): JsonNode | undefined {
  let node = root;
  for (;;) {
    if (node.start === offset) return node;
    const children = node.children;
    if (!children || offset < node.start || offset >= node.end) return undefined;
    // children are in text order: binary search for the last one starting at or before offset
    let lo = 0;
    let hi = children.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    node = children[found];
  }
}
