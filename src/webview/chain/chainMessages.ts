/**
 * The messages between the chain panel and its page (a correlation chain as a waterfall), typed for both
 * sides. Each side validates what it receives and drops anything malformed: the rows carry server text, and a
 * restored state comes from storage.
 */
import { isCount, isFraction, isObject, isOptionalText, isText, listOf } from '../shared/wire';

/** One event of the chain, its timing already written (core/chain.ts) in the extension's display language. */
export interface ChainRowView {
  readonly label: string;
  /** Names the row while the chain grows (the event's sort key: fixed length, unlike its id). */
  readonly ref: string;
  /** `+1.204 s`; undefined when the event's time cannot be read. */
  readonly offset?: string;
  /** `Δ 350 ms`; undefined for the first row and for a time that cannot be read. */
  readonly delta?: string;
  /** The mark's place on the ruler, 0..1; undefined without a time. */
  readonly x?: number;
  /** A compressed gap lies just before this row. */
  readonly breakBefore: boolean;
}

export interface ChainView {
  /** Names this picture (each one sent has its own): an `open` or a reloaded page says which it saw. */
  readonly key: string;
  /** As shown (cut to a label's length). */
  readonly correlationId: string;
  readonly rows: readonly ChainRowView[];
  /** From the first event to the last, written: `2 min 3 s`. */
  readonly span: string;
  readonly breaks: readonly { readonly x: number; readonly gap: string }[];
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  /** Find has read to the timeline's end (or nothing further can be read): no event of the chain is missing. */
  readonly complete: boolean;
  /** Find is reading further pages now. */
  readonly searching: boolean;
}

/** Extension → page. */
export type ChainHostMessage = { readonly type: 'chain'; readonly view: ChainView };

/** Page → extension. */
export type ChainPageMessage =
  | { readonly type: 'ready'; readonly key?: string }
  /**
   * Row `index` of picture `key` was clicked or Enter pressed on it: the inspector opens that event (if `key` is
   * the picture the extension sent last, so a chain redrawn meanwhile cannot open the wrong event).
   */
  | { readonly type: 'open'; readonly key: string; readonly index: number }
  | { readonly type: 'searchFurther' }
  /** What the page drew, for tests: rows, and elements that could run or load something (always 0). */
  | { readonly type: 'rendered'; readonly key: string; readonly rows: number; readonly forbidden: number };

/** The page's words, localized by the extension and handed over in the page's HTML. */
export interface ChainStrings {
  /** {0}: events, {1}: the span. */
  readonly summary: string;
  readonly correlationId: string;
  readonly mayContinue: string;
  readonly searchFurther: string;
  readonly searching: string;
  readonly timeUnknown: string;
  readonly rows: string;
  /** {0}: the gap, written. */
  readonly gap: string;
  readonly empty: string;
}

/** More rows than a chain can have: the budget caps a window's events well below this. */
const MAX_ROWS = 1_000_000;
const MAX_MARKS = 10_000;

function parseRow(value: unknown): ChainRowView | undefined {
  if (!isObject(value)) return undefined;
  const { label, ref, offset, delta, x, breakBefore } = value;
  if (!isText(label) || !isText(ref) || !isOptionalText(offset) || !isOptionalText(delta) || typeof breakBefore !== 'boolean') return undefined;
  if (x !== undefined && !isFraction(x)) return undefined;
  // rebuilt field by field so nothing else travels on
  return { label, ref, offset, delta, x, breakBefore };
}

function parseBreak(value: unknown): ChainView['breaks'][number] | undefined {
  return isObject(value) && isFraction(value.x) && isText(value.gap) ? { x: value.x, gap: value.gap } : undefined;
}

function parseTick(value: unknown): ChainView['ticks'][number] | undefined {
  return isObject(value) && isFraction(value.x) && isText(value.label) ? { x: value.x, label: value.label } : undefined;
}

export function parseChainView(value: unknown): ChainView | undefined {
  if (!isObject(value)) return undefined;
  const { key, correlationId, span, complete, searching } = value;
  if (!isText(key) || !isText(correlationId) || !isText(span) || typeof complete !== 'boolean' || typeof searching !== 'boolean') return undefined;
  const rows = listOf(value.rows, MAX_ROWS, parseRow);
  const breaks = listOf(value.breaks, MAX_MARKS, parseBreak);
  const ticks = listOf(value.ticks, MAX_MARKS, parseTick);
  return rows && breaks && ticks && { key, correlationId, rows, span, breaks, ticks, complete, searching };
}

export function parseChainHostMessage(value: unknown): ChainHostMessage | undefined {
  if (!isObject(value) || value.type !== 'chain') return undefined;
  const view = parseChainView(value.view);
  return view && { type: 'chain', view };
}

export function parseChainPageMessage(value: unknown): ChainPageMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return isOptionalText(value.key) ? { type: 'ready', key: value.key } : undefined;
    case 'open':
      return isText(value.key) && isCount(value.index) ? { type: 'open', key: value.key, index: value.index } : undefined;
    case 'searchFurther':
      return { type: 'searchFurther' };
    case 'rendered': {
      const { key, rows, forbidden } = value;
      return isText(key) && isCount(rows) && isCount(forbidden) ? { type: 'rendered', key, rows, forbidden } : undefined;
    }
    default:
      return undefined;
  }
}
