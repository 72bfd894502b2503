/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Draws the activity strip on a Canvas 2D: stacked bars per bucket, hatched ranges not loaded, the brush, and time
// labels. The cost is per bucket and category (the extension counted the events), never per event.
import type { ActivityPicture, StepUnit, TimeRange } from './activityMessages';

/** The theme's chart colours, in the order categories take them. */
const CHART_COLOURS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK_COLOURS = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];
/** Categories past the six colours reuse them, paler each round. */
const ROUND_ALPHA = [1, 0.6, 0.35, 0.2];

export interface Theme {
  readonly series: readonly string[];
  readonly other: string;
  readonly text: string;
  readonly hatch: string;
  readonly selection: string;
  readonly selectionBorder: string;
  /** High contrast: bars are outlined. */
  readonly outline: string | undefined;
  readonly font: string;
}

export function readTheme(seriesCount: number): Theme {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const base = CHART_COLOURS.map((name, i) => variable(name, FALLBACK_COLOURS[i]));
  const series = Array.from({ length: seriesCount }, (_, i) => withAlpha(base[i % base.length], ROUND_ALPHA[Math.min(ROUND_ALPHA.length - 1, Math.floor(i / base.length))]));
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const body = getComputedStyle(document.body);
  return {
    series,
    other: withAlpha(variable('--vscode-charts-foreground', variable('--vscode-foreground', '#888888')), 0.45),
    text: variable('--vscode-descriptionForeground', '#888888'),
    hatch: variable('--vscode-descriptionForeground', '#888888'),
    // high contrast: the brush is its borders only, so the bars under it keep their colours
    selection: highContrast ? 'transparent' : withAlpha(variable('--vscode-editor-selectionBackground', '#264f78'), 0.45),
    selectionBorder: variable('--vscode-focusBorder', '#007fd4'),
    outline: highContrast ? variable('--vscode-contrastBorder', '#ffffff') : undefined,
    font: `${body.fontSize || '12px'} ${body.fontFamily || 'sans-serif'}`,
  };
}

/** A colour at `alpha`, through the canvas's own parser (theme variables may be any CSS colour). */
function withAlpha(colour: string, alpha: number): string {
  if (alpha >= 1) return colour;
  const probe = document.createElement('canvas').getContext('2d');
  if (!probe) return colour;
  probe.fillStyle = colour;
  const normal = probe.fillStyle; // `#rrggbb` or `rgba(…)`
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  return hex ? `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})` : normal;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  /** Where the bars stand; the time labels sit below. */
  readonly baseline: number;
  readonly top: number;
}

export function layoutOf(width: number, height: number): Layout {
  return { width, height, baseline: height - 18, top: 14 };
}

/** Milliseconds to a CSS pixel of the strip, and back. */
export function scaleOf(picture: ActivityPicture, layout: Layout): { x(ms: number): number; ms(x: number): number } {
  const from = picture.edges[0];
  const span = picture.edges[picture.edges.length - 1] - from || 1;
  return { x: (ms) => ((ms - from) / span) * layout.width, ms: (x) => from + (x / layout.width) * span };
}

/** The bucket holding the instant: the last edge at or before it. */
export function bucketAt(edges: readonly number[], ms: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (edges[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function bucketTotal(picture: ActivityPicture, i: number): number {
  let total = picture.otherCounts?.[i] ?? 0;
  for (const s of picture.series) total += s.counts[i];
  return total;
}

export function draw(canvas: HTMLCanvasElement, picture: ActivityPicture, layout: Layout, theme: Theme, selection: TimeRange | undefined, cursor: number | undefined): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const buckets = picture.edges.length - 1;
  if (buckets < 1) return;
  const scale = scaleOf(picture, layout);
  ctx.font = theme.font;
  drawHatched(ctx, picture.notLoaded, scale, layout, theme);

  let max = 1;
  for (let i = 0; i < buckets; i++) max = Math.max(max, bucketTotal(picture, i));
  const plot = layout.baseline - layout.top;
  for (let i = 0; i < buckets; i++) {
    const x0 = scale.x(picture.edges[i]);
    const x1 = scale.x(picture.edges[i + 1]);
    const gap = x1 - x0 > 3 ? 1 : 0;
    let y = layout.baseline;
    const stack = (count: number, colour: string): void => {
      if (count === 0) return;
      const h = Math.max(1, (count / max) * plot);
      ctx.fillStyle = colour;
      ctx.fillRect(x0, y - h, Math.max(1, x1 - x0 - gap), h);
      if (theme.outline) {
        ctx.strokeStyle = theme.outline;
        ctx.lineWidth = 1;
        ctx.strokeRect(x0 + 0.5, y - h + 0.5, Math.max(1, x1 - x0 - gap) - 1, h - 1);
      }
      y -= h;
    };
    picture.series.forEach((s, k) => stack(s.counts[i], theme.series[k]));
    stack(picture.otherCounts?.[i] ?? 0, theme.other);
  }

  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(max.toLocaleString(), 2, 0);
  drawLabels(ctx, picture, scale, layout, theme);
  if (selection) drawSelection(ctx, selection, scale, layout, theme);
  if (cursor !== undefined) {
    ctx.strokeStyle = theme.selectionBorder;
    ctx.lineWidth = 1;
    const x0 = scale.x(picture.edges[cursor]);
    ctx.strokeRect(x0 + 0.5, layout.top + 0.5, Math.max(2, scale.x(picture.edges[cursor + 1]) - x0) - 1, plot - 1);
  }
}

function drawHatched(ctx: CanvasRenderingContext2D, ranges: readonly TimeRange[], scale: ReturnType<typeof scaleOf>, layout: Layout, theme: Theme): void {
  if (ranges.length === 0) return;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return;
  t.strokeStyle = theme.hatch;
  t.globalAlpha = 0.5;
  t.beginPath();
  t.moveTo(0, 8);
  t.lineTo(8, 0);
  t.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) return;
  ctx.fillStyle = pattern;
  for (const r of ranges) {
    const x0 = Math.max(0, scale.x(r.fromMs));
    const x1 = Math.min(layout.width, scale.x(r.toMs));
    if (x1 > x0) ctx.fillRect(x0, layout.top, x1 - x0, layout.baseline - layout.top);
  }
}

function drawSelection(ctx: CanvasRenderingContext2D, range: TimeRange, scale: ReturnType<typeof scaleOf>, layout: Layout, theme: Theme): void {
  const x0 = Math.max(0, scale.x(range.fromMs));
  const x1 = Math.min(layout.width, scale.x(range.toMs));
  if (x1 <= x0) return;
  ctx.fillStyle = theme.selection;
  ctx.fillRect(x0, layout.top, x1 - x0, layout.baseline - layout.top);
  ctx.strokeStyle = theme.selectionBorder;
  ctx.lineWidth = theme.outline ? 2 : 1;
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, layout.top);
  ctx.lineTo(x0 + 0.5, layout.baseline);
  ctx.moveTo(x1 - 0.5, layout.top);
  ctx.lineTo(x1 - 0.5, layout.baseline);
  ctx.stroke();
}

/** The labels' least spacing, in CSS pixels. */
const LABEL_SPACING = 80;

function drawLabels(ctx: CanvasRenderingContext2D, picture: ActivityPicture, scale: ReturnType<typeof scaleOf>, layout: Layout, theme: Theme): void {
  const format = edgeFormat(picture.step.unit, picture.timeZone);
  const buckets = picture.edges.length - 1;
  // as far apart as the labels are wide ("Jun 6, 12:00 PM" needs more than "Jun 6"), and never overlapping
  const widest = buckets > 0 ? ctx.measureText(format.format(picture.edges[0])).width + 12 : 0;
  const spacing = Math.max(LABEL_SPACING, widest);
  const every = Math.max(1, Math.ceil(spacing / Math.max(1, layout.width / buckets)));
  ctx.fillStyle = theme.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  let free = -Infinity;
  for (let i = 0; i < buckets; i += every) {
    const x = scale.x(picture.edges[i]);
    const text = format.format(picture.edges[i]);
    const width = ctx.measureText(text).width;
    if (x + width + 2 > layout.width) break;
    if (x < free) continue;
    ctx.fillRect(x, layout.baseline, 1, 3);
    ctx.fillText(text, x + 2, layout.baseline + 3);
    free = x + width + 12;
  }
}

const FIELDS: Record<StepUnit, Intl.DateTimeFormatOptions> = {
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  minute: { hour: '2-digit', minute: '2-digit' },
  hour: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  day: { month: 'short', day: 'numeric' },
  week: { month: 'short', day: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  year: { year: 'numeric' },
};

/** How an edge is labelled at a step, in the buckets' zone (UTC if the runtime does not know it). */
export function edgeFormat(unit: StepUnit, timeZone: string, full = false): Intl.DateTimeFormat {
  const locale = document.documentElement.lang || undefined;
  const fields = full ? { ...FIELDS[unit], year: 'numeric' as const, month: 'short' as const, day: 'numeric' as const } : FIELDS[unit];
  try {
    return new Intl.DateTimeFormat(locale, { ...fields, timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, { ...fields, timeZone: 'UTC' });
  }
}
