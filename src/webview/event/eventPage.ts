/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The event panel's page script (bundled by esbuild as an IIFE into media/dist/event.js).
import { reindentJson } from '../../core/jsonFormat';
import { JsonIndex } from '../../core/jsonIndex';
import { parseHostMessage, parsePageState, textDigest, type PageMessage, type PageState, type PageStrings } from './eventMessages';
import { h, readStrings } from '../shared/dom';
import { installFilter } from './jsonFilter';
import { renderHeader, type Header } from './eventHeader';
import { renderUnusual } from './eventUnusual';
import { JsonView } from './jsonView';
import { countForbidden, ownElements } from '../shared/forbiddenElements';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const own = ownElements();
const strings = readStrings<PageStrings>();
const app = document.getElementById('app') ?? document.body;

let shown: { state: PageState; header: Header; view: JsonView | undefined } | undefined;

/** The page's JS heap where the browser tells it (Chromium's non-standard `performance.memory`). */
function heapBytes(): number | undefined {
  return (performance as { memory?: { usedJSHeapSize?: number } }).memory?.usedJSHeapSize;
}

/** Runs `f` once the next frame is drawn: a task queued from requestAnimationFrame runs after that paint. */
function afterPaint(f: () => void): void {
  requestAnimationFrame(() => setTimeout(f, 0));
}

/** `arrived`: when the message to show it came (performance.now()), for the paint report. */
function render(state: PageState, arrived: number): void {
  // the context menu's Open Account in Timeline shows only for an event that names its account
  document.body.dataset.vscodeContext = JSON.stringify({ webviewEventHasAccount: Boolean(state.event.accountId) });
  const header = renderHeader(state.event, state.pinned, strings, {
    copy: (target) => vscode.postMessage({ type: 'copy', target }),
    openDocument: () => vscode.postMessage({ type: 'openDocument' }),
    compare: () => vscode.postMessage({ type: 'compare' }),
    pin: () => vscode.postMessage({ type: 'pin' }),
    copyLink: () => vscode.postMessage({ type: 'copyLink' }),
    showChain: () => vscode.postMessage({ type: 'showChain' }),
    openAccount: () => vscode.postMessage({ type: 'openAccount' }),
  });
  const json = state.event.json;
  let view: JsonView | undefined;
  let lines: () => string[];
  const area = h('section', 'json-area');
  const index = JsonIndex.of(json);
  if (index) {
    const tree = new JsonView(json, index, strings, {
      copyValue: (at) => vscode.postMessage({ type: 'copyValue', at }),
      copyPath: (at) => vscode.postMessage({ type: 'copyPath', at }),
      findId: (at) => vscode.postMessage({ type: 'findId', at }),
    });
    view = tree;
    area.append(installFilter(tree, strings), tree.element);
    lines = () => tree.lines();
  } else {
    // not JSON after all: show the text as received (re-indented), still only as text
    const text = reindentJson(json);
    area.append(h('p', 'notice', strings.notJson), h('pre', 'plain', text));
    lines = () => text.split('\n');
  }
  app.replaceChildren(header.element, area);
  window.scrollTo(0, 0);
  shown = { state, header, view };
  // the first screen is drawn before anything else: saving the state and the render report wait for it
  afterPaint(() => {
    if (shown?.state.key !== state.key) return; // another event came first
    const now = performance.now(); // from the document's start: the page's own share of a first open
    vscode.postMessage({ type: 'painted', key: state.key, pageMs: now - arrived, sinceStartMs: now, heapBytes: heapBytes() });
    // kept by VS Code for a reload: enough to render again with no help from the extension (unless pinned since)
    if (shown.state === state) vscode.setState(state);
    const text = lines().join('\n');
    vscode.postMessage({
      type: 'rendered',
      key: state.key,
      rows: view?.rowCount ?? 0,
      forbidden: countForbidden(own),
      textLength: text.length,
      textDigest: textDigest(text),
    });
  });
}

window.addEventListener('message', (e: MessageEvent) => {
  const message = parseHostMessage(e.data);
  if (!message) return; // malformed: dropped
  if (message.type === 'show') {
    const arrived = performance.now();
    render({ key: message.key, event: message.event, pinned: message.pinned }, arrived);
  } else if (message.type === 'unusual') {
    if (shown?.state.key !== message.key) return; // for an event shown before
    shown.header.element.after(renderUnusual(message.unusual, shown.state.event.type, strings));
    vscode.postMessage({ type: 'unusualShown', key: message.key, lacks: message.unusual.lacks.length, adds: message.unusual.adds.length });
  } else if (shown) {
    shown.state = { ...shown.state, pinned: true };
    vscode.setState(shown.state);
    shown.header.setPinned();
  }
});

// Ctrl/Cmd+C on a row with nothing selected copies its value, through the extension like every copy.
document.addEventListener('copy', (e) => {
  const at = shown?.view?.focusedValue();
  if (at === undefined || window.getSelection()?.isCollapsed === false) return;
  e.preventDefault();
  vscode.postMessage({ type: 'copyValue', at });
});

const restored = parsePageState(vscode.getState());
if (restored) render(restored, performance.now());
vscode.postMessage({ type: 'ready', key: restored?.key });
