import { labelPart, type TimelineEvent } from './event';
import { parseTimestamp } from './time';

/**
 * A correlation chain drawn as a waterfall: its events oldest first with their timing, and a shared ruler on
 * which long quiet stretches are compressed so that seconds between calls stay visible beside a day-long wait.
 * Times are whole nanoseconds since the first event (a Date would put two events of one millisecond together).
 */

export interface ChainRow {
  readonly event: TimelineEvent;
  /** Nanoseconds since the chain's first event; undefined when the event's time cannot be read. */
  readonly offsetNs: number | undefined;
  /** Nanoseconds since the previous row; undefined for the first row and for a time that cannot be read. */
  readonly deltaNs: number | undefined;
  /** Where the row's mark sits on the ruler, from 0 (first event) to 1 (last); undefined without a time. */
  readonly x: number | undefined;
  /** A compressed gap lies just before this row (the ruler shows a break mark there). */
  readonly breakBefore: boolean;
}

/** A break mark on the ruler: the gap before it lasted `gapNs`, drawn much shorter. */
export interface RulerBreak {
  readonly x: number;
  readonly gapNs: number;
}

/** A labelled tick on the ruler, at an offset from the first event. */
export interface RulerTick {
  readonly x: number;
  readonly offsetNs: number;
}

export interface ChainModel {
  /** Timed rows oldest first (events of one instant in the order given), then the untimed ones. */
  readonly rows: readonly ChainRow[];
  /** From the first timed event to the last. */
  readonly spanNs: number;
  readonly breaks: readonly RulerBreak[];
  readonly ticks: readonly RulerTick[];
}

export interface ChainOptions {
  /** A gap longer than this many times the median gap is compressed to that length. */
  readonly gapFactor?: number;
  /** About how many ticks the ruler carries. */
  readonly ticks?: number;
}

const DEFAULT_GAP_FACTOR = 10;
const DEFAULT_TICKS = 5;

interface Timed {
  readonly event: TimelineEvent;
  readonly seconds: number;
  readonly nanos: number;
  readonly order: number;
}

export function chainModel(events: readonly TimelineEvent[], options: ChainOptions = {}): ChainModel {
  const timed: Timed[] = [];
  const untimed: TimelineEvent[] = [];
  events.forEach((event, order) => {
    const t = parseTimestamp(event.timestamp);
    if (t) timed.push({ event, seconds: t.epochSeconds, nanos: Number(t.nanos), order });
    else untimed.push(event);
  });
  timed.sort((a, b) => a.seconds - b.seconds || a.nanos - b.nanos || a.order - b.order);
  const first = timed[0];
  // exact while a difference stays under 2^53 ns (104 days); past that a nanosecond is not what anyone reads
  const offsets = timed.map((t) => (t.seconds - first.seconds) * 1e9 + (t.nanos - first.nanos));
  const ruler = compressedRuler(offsets, options.gapFactor ?? DEFAULT_GAP_FACTOR);
  const rows: ChainRow[] = timed.map((t, i) => ({
    event: t.event,
    offsetNs: offsets[i],
    deltaNs: i === 0 ? undefined : offsets[i] - offsets[i - 1],
    x: ruler.x[i],
    breakBefore: ruler.compressed[i],
  }));
  for (const event of untimed) rows.push({ event, offsetNs: undefined, deltaNs: undefined, x: undefined, breakBefore: false });
  const spanNs = offsets.length > 0 ? offsets[offsets.length - 1] : 0;
  return { rows, spanNs, breaks: ruler.breaks, ticks: rulerTicks(offsets, ruler, options.ticks ?? DEFAULT_TICKS) };
}

interface Ruler {
  /** Per offset: its place on the ruler, 0..1. */
  readonly x: number[];
  /** Per offset: the gap before it was compressed. */
  readonly compressed: boolean[];
  readonly breaks: RulerBreak[];
  /** Drawn length of the whole ruler, in nanoseconds of uncompressed time. */
  readonly drawnNs: number;
}

function compressedRuler(offsets: readonly number[], gapFactor: number): Ruler {
  const gaps = offsets.map((o, i) => (i === 0 ? 0 : o - offsets[i - 1]));
  const positive = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  const limit = positive.length > 0 ? median(positive) * gapFactor : Infinity;
  const compressed = gaps.map((g) => g > limit);
  const drawn: number[] = [];
  let at = 0;
  gaps.forEach((g, i) => {
    at += compressed[i] ? limit : g;
    drawn.push(at);
  });
  const x = drawn.map((d) => (at > 0 ? d / at : 0));
  const breaks: RulerBreak[] = [];
  gaps.forEach((g, i) => {
    if (compressed[i]) breaks.push({ x: (x[i - 1] + x[i]) / 2, gapNs: g });
  });
  return { x, compressed, breaks, drawnNs: at };
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Ticks at round offsets (1, 2 or 5 × a power of ten nanoseconds) inside each stretch the ruler draws to
 * scale; a compressed gap carries none, since its length on the ruler is not its length in time.
 */
function rulerTicks(offsets: readonly number[], ruler: Ruler, target: number): RulerTick[] {
  if (ruler.drawnNs <= 0) return offsets.length > 0 ? [{ x: 0, offsetNs: 0 }] : [];
  const step = roundStep(ruler.drawnNs / Math.max(1, target));
  const ticks: RulerTick[] = [];
  let start = 0;
  for (let i = 1; i <= offsets.length; i++) {
    if (i < offsets.length && !ruler.compressed[i]) continue;
    // one stretch drawn to scale: offsets[start] … offsets[i - 1]
    const from = offsets[start];
    const to = offsets[i - 1];
    const scale = to > from ? (ruler.x[i - 1] - ruler.x[start]) / (to - from) : 0;
    // counted from the stretch's first round offset: adding a step to a huge offset could round to no change
    const first = Math.ceil(from / step) * step;
    const count = Math.floor((to - first) / step);
    for (let k = 0; k <= count; k++) {
      const v = first + k * step;
      ticks.push({ x: ruler.x[start] + (v - from) * scale, offsetNs: v });
    }
    start = i;
  }
  return ticks;
}

function roundStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled < 1.5 ? 1 : scaled < 3.5 ? 2 : scaled < 7.5 ? 5 : 10) * power;
}

const MS = 1e6;
const SECOND = 1e9;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const decimalSeparators = new Map<string, string>();

function decimalSeparator(locale: string): string {
  let separator = decimalSeparators.get(locale);
  if (separator === undefined) {
    separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    decimalSeparators.set(locale, separator);
  }
  return separator;
}

/**
 * A duration as people read it in a waterfall: `0.000321 ms` and `350.25 ms` to the nanosecond below a
 * second, `1.204 s` below a minute, then `3 min 12 s`, `2 h 5 min`, `3 d 4 h`. Digits are cut, never
 * rounded up, so 59.9996 s never reads as a minute.
 */
export function formatDuration(ns: number, locale = 'en'): string {
  const whole = Math.max(0, Math.round(ns));
  const dot = decimalSeparator(locale);
  if (whole < SECOND) {
    const fraction = String(whole % MS).padStart(6, '0').replace(/0+$/, '');
    return `${Math.floor(whole / MS)}${fraction ? dot + fraction : ''} ms`;
  }
  if (whole < MINUTE) return `${Math.floor(whole / SECOND)}${dot}${String(Math.floor((whole % SECOND) / MS)).padStart(3, '0')} s`;
  if (whole < HOUR) return `${Math.floor(whole / MINUTE)} min ${Math.floor((whole % MINUTE) / SECOND)} s`;
  if (whole < DAY) return `${Math.floor(whole / HOUR)} h ${Math.floor((whole % HOUR) / MINUTE)} min`;
  return `${Math.floor(whole / DAY).toLocaleString(locale)} d ${Math.floor((whole % DAY) / HOUR)} h`;
}

/** `+1.204 s`: since the chain's first event. */
export function formatOffset(ns: number, locale?: string): string {
  return `+${formatDuration(ns, locale)}`;
}

/** `Δ 350 ms`: since the previous event. */
export function formatDelta(ns: number, locale?: string): string {
  return `Δ ${formatDuration(ns, locale)}`;
}

/** What a screen reader says of a row's timing, "+1.204 s, Δ 350 ms"; undefined for an event without a readable time. */
export function chainRowTiming(row: ChainRow, locale?: string): string | undefined {
  if (row.offsetNs === undefined) return undefined;
  const offset = formatOffset(row.offsetNs, locale);
  return row.deltaNs === undefined ? offset : `${offset}, ${formatDelta(row.deltaNs, locale)}`;
}

/**
 * A chain as its page shows it: every time written, each row reduced to its label and timing. Rows are named by
 * position (the page sends back an index into `model.rows`), so no id, however long a server made it, travels.
 */
export interface ChainPicture {
  /** Cut to a label's length. */
  readonly correlationId: string;
  readonly rows: readonly { label: string; ref: string; offset?: string; delta?: string; x?: number; breakBefore: boolean }[];
  readonly span: string;
  readonly breaks: readonly { x: number; gap: string }[];
  readonly ticks: readonly { x: number; label: string }[];
}

export function chainPicture(model: ChainModel, correlationId: string, locale?: string): ChainPicture {
  return {
    correlationId: labelPart(correlationId),
    rows: model.rows.map((r) => ({
      label: r.event.label,
      ref: r.event.sortKey,
      offset: r.offsetNs === undefined ? undefined : formatOffset(r.offsetNs, locale),
      delta: r.deltaNs === undefined ? undefined : formatDelta(r.deltaNs, locale),
      x: r.x,
      breakBefore: r.breakBefore,
    })),
    span: formatDuration(model.spanNs, locale),
    breaks: model.breaks.map((b) => ({ x: b.x, gap: formatDuration(b.gapNs, locale) })),
    ticks: model.ticks.map((t) => ({ x: t.x, label: formatOffset(t.offsetNs, locale) })),
  };
}
