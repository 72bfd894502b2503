/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The activity strip's page script (bundled by esbuild as an IIFE into media/dist/activity.js): the counts the
// extension sent, drawn on a canvas; drag (or Shift+arrows and Enter) to filter to a time range, click a category
// in the legend to filter to it. Category names are server text: they only ever become text nodes.
import { parseActivityHostMessage, parseActivityPicture, type ActivityPageMessage, type ActivityPicture, type ActivityStrings, type TimeRange } from './activityMessages';
import { bucketAt, bucketTotal, draw, edgeFormat, layoutOf, readTheme, scaleOf, type Theme } from './activityChart';
import { appendText, format, h, readStrings } from '../shared/dom';
import { countForbidden, ownElements } from '../shared/forbiddenElements';

interface VsCodeApi {
  postMessage(message: ActivityPageMessage): void;
  getState(): unknown;
  setState(state: ActivityPicture): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const own = ownElements();
const strings = readStrings<ActivityStrings>();
const app = document.getElementById('app') ?? document.body;

const STRIP_HEIGHT = 120;
/** A drag shorter than this is a click, not a brush. */
const MIN_BRUSH_PX = 3;
const RESIZE_DEBOUNCE_MS = 150;

const summary = h('p', 'summary');
summary.setAttribute('role', 'status');
const clear = h('button', 'secondary', strings.clearFilter);
clear.type = 'button';
clear.hidden = true;
clear.addEventListener('click', () => vscode.postMessage({ type: 'clearBrush' }));
const strip = h('div', 'strip');
const canvas = h('canvas', 'chart');
canvas.tabIndex = 0;
canvas.setAttribute('role', 'img');
canvas.setAttribute('aria-label', strings.strip);
const tooltip = h('div', 'tooltip');
tooltip.setAttribute('role', 'tooltip');
tooltip.id = 'bucket';
tooltip.hidden = true;
canvas.setAttribute('aria-describedby', 'bucket');
strip.append(canvas, tooltip);
const legend = h('ul', 'legend');
legend.setAttribute('aria-label', strings.legend);
const hint = h('p', 'hint', strings.hint);
const head = h('div', 'head');
head.append(summary, clear);
app.replaceChildren(head, strip, legend, hint);

let picture: ActivityPicture | undefined;
let theme: Theme | undefined;
let width = 0;
/** A drag in progress, in CSS pixels from the strip's left. */
let drag: { from: number; to: number } | undefined;
/** The bucket the keyboard is on, and where a Shift+arrow selection started. */
let cursor: number | undefined;
let anchor: number | undefined;

function redraw(): void {
  if (!picture) return;
  theme ??= readTheme(picture.series.length);
  const layout = layoutOf(width, STRIP_HEIGHT);
  draw(canvas, picture, layout, theme, brushedRange() ?? picture.selection, cursor);
}

/** The range being brushed (drag or keyboard), snapped to bucket edges; undefined when none is. */
function brushedRange(): TimeRange | undefined {
  if (!picture || picture.edges.length < 2) return undefined;
  const edges = picture.edges;
  if (drag && Math.abs(drag.to - drag.from) >= MIN_BRUSH_PX) {
    const scale = scaleOf(picture, layoutOf(width, STRIP_HEIGHT));
    const first = bucketAt(edges, scale.ms(Math.min(drag.from, drag.to)));
    const last = bucketAt(edges, scale.ms(Math.max(drag.from, drag.to)));
    return { fromMs: edges[first], toMs: edges[last + 1] };
  }
  if (cursor !== undefined && anchor !== undefined) {
    return { fromMs: edges[Math.min(cursor, anchor)], toMs: edges[Math.max(cursor, anchor) + 1] };
  }
  return undefined;
}

function render(next: ActivityPicture): void {
  const seriesChanged = picture?.series.length !== next.series.length;
  picture = next;
  vscode.setState(next);
  if (seriesChanged) theme = undefined;
  const buckets = Math.max(0, next.edges.length - 1);
  if (cursor !== undefined && cursor >= buckets) cursor = anchor = undefined;
  summary.textContent = buckets === 0 ? strings.empty : format(strings.total, next.total);
  if (next.undated > 0) summary.textContent += ` · ${format(strings.undated, next.undated)}`;
  clear.hidden = next.selection === undefined;
  renderLegend(next);
  redraw();
  if (cursor !== undefined) showBucket(cursor, undefined);
  vscode.postMessage({ type: 'rendered', key: next.key, buckets, forbidden: countForbidden(own) });
}

function renderLegend(next: ActivityPicture): void {
  theme ??= readTheme(next.series.length);
  const colours = theme.series;
  const pressed = new Set(next.pressed ?? []);
  const items = next.series.map((s, k) => {
    const button = h('button', 'legend-item');
    button.type = 'button';
    button.setAttribute('aria-pressed', String(pressed.has(k)));
    const swatch = h('span', 'swatch');
    swatch.style.setProperty('--swatch', colours[k]);
    const name = h('span', 'name');
    appendText(name, s.label);
    button.append(swatch, name, h('span', 'count', s.counts.reduce((a, b) => a + b, 0).toLocaleString()));
    button.addEventListener('click', () => vscode.postMessage({ type: 'category', key: next.key, index: k }));
    const item = h('li');
    item.append(button);
    return item;
  });
  if (next.otherCounts) {
    const swatch = h('span', 'swatch');
    swatch.style.setProperty('--swatch', theme.other);
    const item = h('li', 'legend-other');
    item.append(swatch, h('span', 'name', strings.other), h('span', 'count', next.otherCounts.reduce((a, b) => a + b, 0).toLocaleString()));
    items.push(item);
  }
  if (next.notLoaded.length > 0) {
    const item = h('li', 'legend-other');
    item.append(h('span', 'swatch hatched'), h('span', 'name', strings.notLoaded));
    items.push(item);
  }
  legend.replaceChildren(...items);
}

/** The bucket's range and counts in the tooltip (which also describes the canvas to a screen reader). */
function showBucket(i: number, atX: number | undefined): void {
  if (!picture || i < 0 || i >= picture.edges.length - 1) return;
  const full = edgeFormat(picture.step.unit, picture.timeZone, true);
  const lines = [h('div', 'tip-range', full.formatRange(picture.edges[i], picture.edges[i + 1])), h('div', 'tip-total', format(strings.bucketTotal, bucketTotal(picture, i)))];
  picture.series.forEach((s, k) => {
    if (s.counts[i] === 0) return;
    const line = h('div', 'tip-line');
    const swatch = h('span', 'swatch');
    swatch.style.setProperty('--swatch', theme?.series[k] ?? 'currentColor');
    const name = h('span', 'name');
    appendText(name, s.label);
    line.append(swatch, name, h('span', 'count', s.counts[i].toLocaleString()));
    lines.push(line);
  });
  const other = picture.otherCounts?.[i] ?? 0;
  if (other > 0) lines.push(h('div', 'tip-line', `${strings.other}: ${other.toLocaleString()}`));
  tooltip.replaceChildren(...lines);
  tooltip.hidden = false;
  const scale = scaleOf(picture, layoutOf(width, STRIP_HEIGHT));
  const x = atX ?? scale.x((picture.edges[i] + picture.edges[i + 1]) / 2);
  // kept inside the strip: flipped to the left of the pointer past the middle
  tooltip.style.setProperty('--tip-x', `${Math.round(x)}px`);
  tooltip.classList.toggle('flip', x > width / 2);
}

function hideBucket(): void {
  tooltip.hidden = true;
}

function pointerX(e: PointerEvent): number {
  return Math.min(width, Math.max(0, e.clientX - canvas.getBoundingClientRect().left));
}

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 || !picture || picture.edges.length < 2) return;
  canvas.setPointerCapture(e.pointerId);
  const x = pointerX(e);
  drag = { from: x, to: x };
  anchor = undefined;
});

canvas.addEventListener('pointermove', (e) => {
  if (!picture || picture.edges.length < 2) return;
  const x = pointerX(e);
  if (drag) {
    drag.to = x;
    redraw();
  }
  showBucket(bucketAt(picture.edges, scaleOf(picture, layoutOf(width, STRIP_HEIGHT)).ms(x)), x);
});

canvas.addEventListener('pointerup', () => {
  const range = brushedRange();
  drag = undefined;
  if (range) vscode.postMessage({ type: 'brush', range });
  redraw();
});

canvas.addEventListener('pointercancel', () => {
  drag = undefined;
  redraw();
});

canvas.addEventListener('pointerleave', () => {
  if (!drag) hideBucket();
});

/** Arrows move between buckets, Shift+arrows select a range, Enter filters to it (or to the bucket), Escape clears. */
canvas.addEventListener('keydown', (e) => {
  if (!picture || picture.edges.length < 2) return;
  const last = picture.edges.length - 2;
  const at = cursor ?? last;
  let to: number | undefined;
  if (e.key === 'ArrowLeft') to = Math.max(0, at - 1);
  else if (e.key === 'ArrowRight') to = Math.min(last, at + 1);
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = last;
  else if (e.key === 'Enter') {
    const range = brushedRange() ?? { fromMs: picture.edges[at], toMs: picture.edges[at + 1] };
    anchor = undefined;
    vscode.postMessage({ type: 'brush', range });
  } else if (e.key === 'Escape') {
    if (anchor !== undefined) anchor = undefined;
    else if (picture.selection) vscode.postMessage({ type: 'clearBrush' });
  } else return;
  e.preventDefault();
  if (to !== undefined) {
    if (e.shiftKey) anchor ??= at;
    else anchor = undefined;
    cursor = to;
  }
  redraw();
  showBucket(cursor ?? at, undefined);
});

canvas.addEventListener('focus', () => {
  if (picture && picture.edges.length >= 2) showBucket(cursor ?? picture.edges.length - 2, undefined);
});

canvas.addEventListener('blur', () => {
  anchor = undefined;
  hideBucket();
  redraw();
});

/** The canvas follows the strip's width; the extension re-buckets for a new width. */
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
function fit(): void {
  const next = Math.max(1, Math.floor(strip.clientWidth));
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(next * ratio);
  canvas.height = Math.round(STRIP_HEIGHT * ratio);
  canvas.style.setProperty('--strip-height', `${STRIP_HEIGHT}px`);
  const changed = next !== width;
  width = next;
  redraw();
  if (changed) {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => vscode.postMessage({ type: 'resize', widthPx: width }), RESIZE_DEBOUNCE_MS);
  }
}
new ResizeObserver(fit).observe(strip);

// a theme change swaps the body's classes and the variables the colours come from
new MutationObserver(() => {
  theme = undefined;
  if (picture) renderLegend(picture);
  redraw();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (e: MessageEvent) => {
  const message = parseActivityHostMessage(e.data);
  if (message) render(message.picture); // anything malformed is dropped
});

width = Math.max(1, Math.floor(strip.clientWidth));
const restored = parseActivityPicture(vscode.getState());
if (restored) render(restored);
vscode.postMessage({ type: 'ready', key: restored?.key, widthPx: width });
