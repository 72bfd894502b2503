/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Type Profile panel's page script (bundled by esbuild as an IIFE into media/dist/profile.js): a table of one
// type's JSON paths, how many of its events carry each, and as which kinds of value. Paths are made of server
// keys: they only ever become text nodes.
import { parseProfileHostMessage, parseProfilePicture, VALUE_KINDS, type ProfilePageMessage, type ProfilePath, type ProfilePicture, type ProfileStrings } from './profileMessages';
import { appendText, format, h, readStrings } from '../shared/dom';
import { countForbidden, ownElements } from '../shared/forbiddenElements';

interface VsCodeApi {
  postMessage(message: ProfilePageMessage): void;
  getState(): unknown;
  setState(state: ProfilePicture): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const own = ownElements();
const strings = readStrings<ProfileStrings>();
const app = document.getElementById('app') ?? document.body;
const FILTER_DEBOUNCE_MS = 150;

type Order = 'path' | 'count';
let order: Order = 'path';
let query = '';
let shown: ProfilePicture | undefined;

const title = h('h1', 'type-name');
const status = h('p', 'status');
status.setAttribute('role', 'status');
const filter = h('input', 'filter-input');
filter.type = 'search';
filter.placeholder = strings.filter;
filter.setAttribute('aria-label', strings.filter);
let timer: ReturnType<typeof setTimeout> | undefined;
filter.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    query = filter.value.toLowerCase();
    if (shown) renderTable(shown);
  }, FILTER_DEBOUNCE_MS);
});
const table = h('table', 'paths');
app.replaceChildren(title, status, filter, table);

function sortButton(label: string, to: Order): HTMLElement {
  const th = h('th');
  th.scope = 'col';
  th.setAttribute('aria-sort', order === to ? (to === 'count' ? 'descending' : 'ascending') : 'none');
  const button = h('button', 'sort', label);
  button.type = 'button';
  button.addEventListener('click', () => {
    order = to;
    if (shown) renderTable(shown);
  });
  th.append(button);
  return th;
}

function kindsText(path: ProfilePath): string {
  return VALUE_KINDS.filter((k) => path.kinds[k] !== undefined)
    .map((k) => `${strings[k]} ${(path.kinds[k] ?? 0).toLocaleString()}`)
    .join(' · ');
}

function renderRow(path: ProfilePath, events: number): HTMLTableRowElement {
  const row = h('tr');
  const name = h('td', 'path');
  appendText(name, path.path);
  const share = h('td', 'share');
  const meter = h('span', 'meter');
  meter.setAttribute('aria-hidden', 'true');
  meter.style.setProperty('--share', String(events > 0 ? path.count / events : 0));
  share.append(meter, h('span', 'share-text', format(strings.share, path.count, events)));
  const kinds = h('td', 'kinds', kindsText(path));
  const actions = h('td', 'actions');
  const copy = h('button', 'action', strings.copyPath);
  copy.type = 'button';
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copyPath', path: path.path }));
  actions.append(copy);
  row.append(name, share, kinds, actions);
  return row;
}

function renderTable(picture: ProfilePicture): number {
  const head = h('thead');
  const headRow = h('tr');
  headRow.append(sortButton(strings.path, 'path'), sortButton(strings.carriedBy, 'count'), h('th', undefined, strings.kinds), h('th'));
  head.append(headRow);
  const body = h('tbody');
  let paths = query ? picture.paths.filter((p) => p.path.toLowerCase().includes(query)) : [...picture.paths];
  if (order === 'count') paths = paths.sort((a, b) => b.count - a.count); // stable: ties stay in path order
  for (const path of paths) body.append(renderRow(path, picture.events));
  table.replaceChildren(head, body);
  return paths.length;
}

function render(picture: ProfilePicture): void {
  shown = picture;
  vscode.setState(picture);
  title.replaceChildren(h('span', 'heading', strings.heading), ' ');
  const type = h('span', 'type');
  appendText(type, picture.label);
  title.append(type);
  const notes = [picture.events === 0 ? strings.empty : format(strings.events, picture.events)];
  if (picture.learning) notes.push(strings.learning);
  if (picture.truncated) notes.push(strings.truncated);
  status.textContent = notes.join(' · ');
  const rows = renderTable(picture);
  vscode.postMessage({ type: 'rendered', key: picture.key, rows, forbidden: countForbidden(own) });
}

window.addEventListener('message', (e: MessageEvent) => {
  const message = parseProfileHostMessage(e.data);
  if (message) render(message.picture); // anything malformed is dropped
});

const restored = parseProfilePicture(vscode.getState());
if (restored) render(restored);
vscode.postMessage({ type: 'ready', key: restored?.key });
