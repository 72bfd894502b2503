/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The chain panel's page script (bundled by esbuild as an IIFE into media/dist/chain.js): a correlation chain as a
// waterfall of real text rows, one per event, each with its mark on a shared ruler. Positions go through CSSOM
// custom properties, never a style attribute, so the strict CSP holds; server text only ever becomes text nodes.
import { parseChainHostMessage, parseChainView, type ChainPageMessage, type ChainRowView, type ChainStrings, type ChainView } from './chainMessages';
import { appendText, format, h, readStrings } from '../shared/dom';
import { countForbidden, ownElements } from '../shared/forbiddenElements';

interface VsCodeApi {
  postMessage(message: ChainPageMessage): void;
  getState(): unknown;
  setState(state: ChainView): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const own = ownElements();
const strings = readStrings<ChainStrings>();
const app = document.getElementById('app') ?? document.body;

/** `{0}` filled with text (dom.format fills numbers). */
function fill(template: string, text: string): string {
  return template.replace('{0}', text);
}

/** Places an element along the track: the stylesheet reads `--x` (0..1). */
function place(el: HTMLElement, x: number): HTMLElement {
  el.style.setProperty('--x', String(x));
  return el;
}

function renderHeader(view: ChainView): HTMLElement {
  const header = h('header', 'chain-header');
  header.append(h('h1', 'summary', format(strings.summary, view.rows.length).replace('{1}', view.span)));
  const fields = h('dl', 'fields');
  const id = h('dd');
  appendText(id, view.correlationId);
  fields.append(h('dt', undefined, strings.correlationId), id);
  header.append(fields);
  if (!view.complete) {
    const note = h('p', 'incomplete');
    note.setAttribute('role', 'status');
    note.append(h('span', undefined, view.searching ? strings.searching : strings.mayContinue));
    if (!view.searching) {
      const further = h('button', 'link-button', strings.searchFurther);
      further.type = 'button';
      further.addEventListener('click', () => vscode.postMessage({ type: 'searchFurther' }));
      note.append(' · ', further);
    }
    header.append(note);
  }
  return header;
}

function renderRuler(view: ChainView): HTMLElement {
  const ruler = h('div', 'ruler');
  ruler.setAttribute('aria-hidden', 'true'); // each row says its own timing
  const track = h('div', 'track');
  for (const tick of view.ticks) {
    // labels near an end are anchored inside the ruler rather than centred on their tick
    const edge = tick.x < 0.1 ? ' start' : tick.x > 0.9 ? ' end' : '';
    track.append(place(h('span', `tick${edge}`, tick.label), tick.x));
  }
  for (const mark of view.breaks) {
    const cut = place(h('span', 'break'), mark.x);
    cut.title = fill(strings.gap, mark.gap);
    track.append(cut);
  }
  ruler.append(track);
  return ruler;
}

function renderRow(view: ChainView, row: ChainRowView, index: number, id: string): HTMLButtonElement {
  const button = h('button', 'chain-row');
  button.type = 'button';
  button.tabIndex = -1;
  const label = h('span', 'label');
  appendText(label, row.label);
  const timing = h('span', 'timing');
  // read as "+1.204 s, Δ 350 ms": the comma is for the ear, hidden from the eye by the stylesheet
  timing.append(h('span', 'offset', row.offset ?? strings.timeUnknown));
  if (row.delta !== undefined) timing.append(h('span', 'separator', ', '), h('span', 'delta', row.delta));
  const track = h('span', 'track');
  if (row.x !== undefined) track.append(place(h('span', 'mark'), row.x));
  button.append(label, timing, track);
  button.addEventListener('click', () => vscode.postMessage({ type: 'open', key: view.key, index }));
  button.addEventListener('focus', () => (focusedId = id));
  rowsById.set(id, button);
  return button;
}

function renderRows(view: ChainView): HTMLElement {
  const list = h('ol', 'rows');
  list.setAttribute('aria-label', strings.rows);
  let gap = 0;
  const seen = new Map<string, number>();
  view.rows.forEach((row, index) => {
    if (row.breakBefore && gap < view.breaks.length) {
      const cut = h('li', 'gap', fill(strings.gap, view.breaks[gap++].gap));
      list.append(cut);
    }
    const item = h('li');
    item.append(renderRow(view, row, index, rowId(row, seen)));
    list.append(item);
  });
  const first = list.querySelector<HTMLButtonElement>('.chain-row');
  if (first) first.tabIndex = 0;
  list.addEventListener('keydown', (e) => moveFocus(list, e));
  return list;
}

/** Hides the labels of ticks that would overlap the one before them at the ruler's present width. */
function spaceTicks(): void {
  let right = -Infinity;
  for (const tick of app.querySelectorAll<HTMLElement>('.ruler .tick')) {
    tick.classList.remove('crowded');
    const box = tick.getBoundingClientRect();
    if (box.left < right + 8) tick.classList.add('crowded');
    else right = box.right;
  }
}
new ResizeObserver(spaceTicks).observe(app);

/** One row is in the tab order; arrows, Home and End move between rows (Enter and Space click the focused one). */
function moveFocus(list: HTMLElement, e: KeyboardEvent): void {
  const rows = [...list.querySelectorAll<HTMLButtonElement>('.chain-row')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : undefined;
  if (to === undefined || to < 0 || to >= rows.length) return;
  e.preventDefault();
  rows[at].tabIndex = -1;
  rows[to].tabIndex = 0;
  rows[to].focus();
}

/** What names a row across pictures: its event's sort key, and which of the rows with that key it is. */
function rowId(row: ChainRowView, seen: Map<string, number>): string {
  const n = seen.get(row.ref) ?? 0;
  seen.set(row.ref, n + 1);
  return `${row.ref}#${n}`;
}

/** The row that had focus last: it stays focused as the chain grows while Find reads pages. */
let focusedId: string | undefined;
const rowsById = new Map<string, HTMLButtonElement>();

function render(view: ChainView): void {
  vscode.setState(view);
  const hadFocus = document.activeElement?.classList.contains('chain-row') === true;
  rowsById.clear();
  if (view.rows.length === 0) app.replaceChildren(renderHeader(view), h('p', 'empty', strings.empty));
  else {
    const waterfall = h('div', 'waterfall');
    waterfall.append(renderRuler(view), renderRows(view));
    app.replaceChildren(renderHeader(view), waterfall);
    spaceTicks();
  }
  const row = focusedId === undefined ? undefined : rowsById.get(focusedId);
  if (row) {
    for (const other of rowsById.values()) other.tabIndex = -1;
    row.tabIndex = 0;
    if (hadFocus) row.focus();
  }
  vscode.postMessage({ type: 'rendered', key: view.key, rows: view.rows.length, forbidden: countForbidden(own) });
}

window.addEventListener('message', (e: MessageEvent) => {
  const message = parseChainHostMessage(e.data);
  if (message) render(message.view); // anything malformed is dropped
});

const restored = parseChainView(vscode.getState());
if (restored) render(restored);
vscode.postMessage({ type: 'ready', key: restored?.key });
