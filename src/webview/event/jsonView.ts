/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { idKindOf } from '../../core/idShapes';
import type { JsonIndex } from '../../core/jsonIndex';
import { decodeJsonString } from '../../core/jsonTokens';
import type { PageStrings } from './eventMessages';
import { appendText, format, h } from '../shared/dom';

export interface JsonViewActions {
  copyValue(at: number): void;
  copyPath(at: number): void;
  /** An ID-shaped string value was clicked (or Enter pressed on its row). */
  findId(at: number): void;
}

const INDENT = '  ';
/** Children rendered per expand or "show more", so a 100,000-element array opens at once. */
const CHUNK = 200;
/** Rows rendered when the event opens: small events open fully expanded, big ones stay cheap. */
const AUTO_EXPAND_ROWS = 1000;
/** Levels auto-expanded at most: hostile nesting thousands deep stays a few rows until asked for. */
const AUTO_EXPAND_DEPTH = 32;
/** Characters of a key or string shown until "show all": a 10 MB string would stall layout. */
const PREVIEW_CHARS = 10_000;

/** Matches the filter expands its way to; the rest are only counted, so a common word cannot render a 1 MB event. */
const REVEAL_MATCHES = 100;

/** A value's row; children and the closing bracket's row are created on first expand. */
interface Row {
  /** The value's id in the index. */
  readonly id: number;
  readonly depth: number;
  readonly parent: Row | undefined;
  readonly el: HTMLElement;
  readonly code: HTMLElement;
  expanded: boolean;
  /** Shows the whole key and string however long. */
  full: boolean;
  group?: HTMLElement;
  close?: HTMLElement;
  /** How many children are rendered, and the id of the next to render (-1 once all are). */
  shown: number;
  nextChild: number;
  more?: HTMLElement;
}

/**
 * The event's JSON as a foldable, keyboard-navigable tree (ARIA tree, roving tabindex). Every token is shown
 * with its exact characters from the text; lines read like the text re-indented by two spaces.
 */
export class JsonView {
  readonly element = h('div', 'json-tree');
  private readonly rows = new WeakMap<Element, Row>();
  /** "Show more" rows → the row whose children they add. */
  private readonly moreOf = new WeakMap<Element, Row>();
  private readonly rowOf = new Map<number, Row>();
  private readonly root: Row;
  private current: HTMLElement | undefined;
  private created = 0;

  constructor(
    private readonly text: string,
    private readonly index: JsonIndex,
    private readonly strings: PageStrings,
    private readonly actions: JsonViewActions,
  ) {
    this.element.setAttribute('role', 'tree');
    this.element.setAttribute('aria-label', strings.jsonTree);
    this.root = this.createRow(0, 0, undefined);
    this.element.append(this.root.el);
    this.setCurrent(this.root.el, false);
    this.autoExpand(this.root);
    this.element.addEventListener('click', (e) => this.onClick(e));
    this.element.addEventListener('keydown', (e) => this.onKeyDown(e));
  }

  /** Rows created so far. */
  get rowCount(): number {
    return this.created;
  }

  /** The lines as shown (collapsed parts as `{…}`, long strings cut), for the render report. */
  lines(): string[] {
    const lines: string[] = [];
    const walker = this.walker((el) => el.classList.contains('row') && !el.classList.contains('more'));
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const [indent, code] = [(n as Element).querySelector(':scope > .indent'), (n as Element).querySelector(':scope > .code')];
      lines.push((indent?.textContent ?? '') + (code?.textContent ?? ''));
    }
    return lines;
  }

  /** The value under keyboard focus, for Ctrl/Cmd+C with nothing selected. */
  focusedValue(): number | undefined {
    const row = document.activeElement && this.rows.get(document.activeElement);
    return row ? this.index.start(row.id) : undefined;
  }

  /** Moves keyboard focus to a row (one highlight() returned). */
  focusRow(el: HTMLElement): void {
    this.setCurrent(el, true);
  }

  /**
   * Highlights every key and value whose text contains `query` (case-insensitive), expanding the way to the first
   * ones. Returns how many match in all and the rows of those shown, in document order.
   */
  highlight(query: string): { total: number; rows: HTMLElement[] } {
    for (const el of this.element.querySelectorAll('.match-key, .match-value')) el.classList.remove('match-key', 'match-value');
    const needle = query.toLowerCase();
    if (!needle) return { total: 0, rows: [] };
    const contains = (start: number, end: number) => start >= 0 && this.text.slice(start, end).toLowerCase().includes(needle);
    const index = this.index;
    let total = 0;
    const rows: HTMLElement[] = [];
    // ids run in document order
    for (let id = 0; id < index.size; id++) {
      const [keyStart, keyEnd] = index.keyRange(id);
      const inKey = contains(keyStart, keyEnd);
      const inValue = !isContainer(index, id) && contains(index.start(id), index.end(id));
      if (!inKey && !inValue) continue;
      total++;
      const row = total <= REVEAL_MATCHES ? this.reveal(id) : this.rowOf.get(id);
      if (!row || !isShown(row)) continue;
      row.el.classList.toggle('match-key', inKey);
      row.el.classList.toggle('match-value', inValue);
      rows.push(row.el);
    }
    return { total, rows };
  }

  /** Expands the way to a value, rendering chunks as needed, and returns its row. */
  private reveal(id: number): Row | undefined {
    const chain: number[] = [];
    for (let n = id; n >= 0; n = this.index.parent(n)) chain.push(n);
    let row: Row | undefined = this.root;
    for (let i = chain.length - 2; i >= 0 && row; i--) {
      const child = chain[i];
      if (!row.expanded) this.expand(row);
      while (row.shown <= this.index.position(child) && row.nextChild >= 0) this.renderChunk(row);
      row = this.rowOf.get(child);
    }
    return row;
  }

  private createRow(id: number, depth: number, parent: Row | undefined): Row {
    const index = this.index;
    const el = h('div', 'row');
    el.setAttribute('role', 'treeitem');
    el.setAttribute('aria-level', String(depth + 1));
    const parentId = index.parent(id);
    if (parentId >= 0) {
      el.setAttribute('aria-posinset', String(index.position(id) + 1));
      el.setAttribute('aria-setsize', String(index.childCount(parentId)));
    }
    el.tabIndex = -1;
    // read by VS Code for the webview/context menu and passed to its commands
    el.dataset.vscodeContext = JSON.stringify({ webviewSection: 'jsonValue', valueAt: index.start(id) });
    const code = h('span', 'code');
    el.append(h('span', 'indent', INDENT.repeat(depth)), twisty(), code);
    const row: Row = { id, depth, parent, el, code, expanded: false, full: false, shown: 0, nextChild: index.childCount(id) > 0 ? id + 1 : -1 };
    if (index.childCount(id) > 0) {
      el.setAttribute('aria-expanded', 'false');
      el.append(h('span', 'hint', this.countHint(id)));
    }
    if (this.isLong(id)) el.append(actionButton('show-all', format(this.strings.showAll, index.end(id) - index.start(id) - 2), 'showAll'));
    const actions = h('span', 'actions');
    actions.append(
      actionButton('copy-value', this.strings.copyValue, 'copyValue', 'C'),
      actionButton('copy-path', this.strings.copyPath, 'copyPath', 'P'),
    );
    el.append(actions);
    this.fillCode(row);
    this.rows.set(el, row);
    this.rowOf.set(id, row);
    this.created++;
    return row;
  }

  /** `"key": value,` / `"key": {` / `"key": {…},` with each token's exact characters. */
  private fillCode(row: Row): void {
    const { id, code } = row;
    const index = this.index;
    code.replaceChildren();
    const [keyStart, keyEnd] = index.keyRange(id);
    if (keyStart >= 0) {
      code.append(this.token('key', keyStart, keyEnd, row.full), h('span', 'punct', ': '));
    }
    const kind = index.kind(id);
    if (isContainer(index, id)) {
      const [open, close] = kind === 'object' ? ['{', '}'] : ['[', ']'];
      code.append(h('span', 'punct', open));
      if (index.childCount(id) === 0) code.append(h('span', 'punct', close));
      else if (!row.expanded) code.append(h('span', 'ellipsis', '…'), h('span', 'punct', close));
      else return; // the comma goes on the closing row
    } else {
      const value = this.token(`v-${kind}`, index.start(id), index.end(id), row.full);
      if (this.isId(id)) {
        // a link in look and in name, but no href: the click goes to the extension as a findId message
        value.classList.add('id-link');
        value.dataset.action = 'findId';
        value.title = this.strings.findInTimeline;
      }
      code.append(value);
    }
    if (!isLast(index, id)) code.append(h('span', 'punct', ','));
  }

  private token(className: string, start: number, end: number, full: boolean): HTMLElement {
    const span = h('span', className);
    let cut = full ? end : Math.min(end, start + PREVIEW_CHARS);
    if (cut < end && isHighSurrogate(this.text.charCodeAt(cut - 1))) cut--;
    appendText(span, this.text.slice(start, cut));
    if (cut < end) span.classList.add('truncated');
    return span;
  }

  /** A short string value shaped like a correlation id or an event id. */
  private isId(id: number): boolean {
    const [start, end] = [this.index.start(id), this.index.end(id)];
    if (this.index.kind(id) !== 'string' || end - start > 256) return false;
    try {
      return idKindOf(decodeJsonString(this.text.slice(start, end))) !== undefined;
    } catch {
      return false;
    }
  }

  private isLong(id: number): boolean {
    const [keyStart, keyEnd] = this.index.keyRange(id);
    return keyEnd - keyStart > PREVIEW_CHARS || (this.index.kind(id) === 'string' && this.index.end(id) - this.index.start(id) > PREVIEW_CHARS);
  }

  private countHint(id: number): string {
    const n = this.index.childCount(id);
    if (this.index.kind(id) === 'object') return n === 1 ? this.strings.oneKey : format(this.strings.keys, n);
    return n === 1 ? this.strings.oneItem : format(this.strings.items, n);
  }

  /** Expands breadth-first while the rows fit the budget, so the top levels of any event show at once. */
  private autoExpand(root: Row): void {
    let budget = AUTO_EXPAND_ROWS;
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const row = queue[i];
      const cost = Math.min(this.index.childCount(row.id), CHUNK);
      if (cost === 0 || (i > 0 && cost > budget) || row.depth >= AUTO_EXPAND_DEPTH) continue;
      budget -= cost;
      queue.push(...this.expand(row));
    }
  }

  /** Returns the child rows it created (none when they existed already). */
  private expand(row: Row): Row[] {
    let created: Row[] = [];
    if (!row.group || !row.close) {
      row.group = h('div', 'group');
      row.group.setAttribute('role', 'group');
      row.close = this.closingRow(row);
      row.el.after(row.group, row.close);
      created = this.renderChunk(row);
    }
    row.group.hidden = row.close.hidden = false;
    this.setExpanded(row, true);
    return created;
  }

  private collapse(row: Row): void {
    if (!row.group || !row.close) return;
    if (this.current && row.group.contains(this.current)) this.setCurrent(row.el, true);
    row.group.hidden = row.close.hidden = true;
    this.setExpanded(row, false);
  }

  private setExpanded(row: Row, expanded: boolean): void {
    row.expanded = expanded;
    row.el.setAttribute('aria-expanded', String(expanded));
    this.fillCode(row);
  }

  private toggle(row: Row): void {
    if (this.index.childCount(row.id) === 0) return;
    if (row.expanded) this.collapse(row);
    else this.expand(row);
  }

  private closingRow(row: Row): HTMLElement {
    const el = h('div', 'row close');
    el.setAttribute('aria-hidden', 'true');
    const code = h('span', 'code');
    code.append(h('span', 'punct', this.index.kind(row.id) === 'object' ? '}' : ']'));
    if (!isLast(this.index, row.id)) code.append(h('span', 'punct', ','));
    el.append(h('span', 'indent', INDENT.repeat(row.depth)), twisty(), code);
    return el;
  }

  /** Renders the next CHUNK children of an expanded row, keeping a "show more" row after them while any remain. */
  private renderChunk(row: Row): Row[] {
    const count = this.index.childCount(row.id);
    const group = row.group;
    if (!group) return [];
    const end = Math.min(count, row.shown + CHUNK);
    // each chunk a box of its own (media/event.css): one out of sight is not laid out again when rows are added
    const fragment = h('div', 'chunk');
    fragment.setAttribute('role', 'none');
    const created: Row[] = [];
    for (let i = row.shown; i < end && row.nextChild >= 0; i++) {
      const child = this.createRow(row.nextChild, row.depth + 1, row);
      fragment.append(child.el);
      created.push(child);
      row.nextChild = this.index.next(row.nextChild);
    }
    row.shown = end;
    fragment.style.setProperty('--rows', String(created.length)); // its height before it is first laid out
    if (row.more) row.more.before(fragment);
    else group.append(fragment);
    if (end < count) {
      row.more ??= this.moreRow(row, group);
      const label = row.more.querySelector('button');
      if (label) label.textContent = format(this.strings.showMore, Math.min(CHUNK, count - end), count);
    } else if (row.more) {
      if (this.current === row.more) this.setCurrent(created[created.length - 1]?.el ?? row.el, true);
      row.more.remove();
      row.more = undefined;
    }
    return created;
  }

  private moreRow(row: Row, group: HTMLElement): HTMLElement {
    const el = h('div', 'row more');
    el.setAttribute('role', 'treeitem');
    el.setAttribute('aria-level', String(row.depth + 2));
    el.tabIndex = -1;
    el.append(h('span', 'indent', INDENT.repeat(row.depth + 1)), twisty(), actionButton('link', '', 'more'));
    group.append(el);
    this.moreOf.set(el, row);
    return el;
  }

  private showMore(more: HTMLElement): void {
    const row = this.moreOf.get(more);
    if (!row) return;
    const created = this.renderChunk(row);
    if (this.current === more && created[0]) this.setCurrent(created[0].el, true);
  }

  private showAll(row: Row): void {
    row.full = true;
    row.el.querySelector(':scope > .show-all')?.remove();
    this.fillCode(row);
  }

  private onClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target : undefined;
    const rowEl = target?.closest<HTMLElement>('.row[role=treeitem]');
    if (!target || !rowEl) return;
    this.setCurrent(rowEl, true);
    if (this.moreOf.has(rowEl)) {
      this.showMore(rowEl);
      return;
    }
    const row = this.rows.get(rowEl);
    if (!row) return;
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    const at = this.index.start(row.id);
    if (action === 'copyValue') this.actions.copyValue(at);
    else if (action === 'copyPath') this.actions.copyPath(at);
    else if (action === 'findId') this.actions.findId(at);
    else if (action === 'showAll') this.showAll(row);
    else if (window.getSelection()?.isCollapsed !== false) this.toggle(row); // not while selecting text
  }

  private onKeyDown(e: KeyboardEvent): void {
    const rowEl = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.row[role=treeitem]') : null;
    if (!rowEl || e.altKey || e.ctrlKey || e.metaKey) return;
    const row = this.rows.get(rowEl);
    const next = (from: HTMLElement) => this.move(from, 'next');
    switch (e.key) {
      case 'ArrowDown':
        next(rowEl);
        break;
      case 'ArrowUp':
        this.move(rowEl, 'previous');
        break;
      case 'Home':
        this.move(this.element, 'first');
        break;
      case 'End':
        this.move(this.element, 'last');
        break;
      case 'ArrowRight':
        if (row && this.index.childCount(row.id) > 0) {
          if (row.expanded) next(rowEl);
          else this.expand(row);
        }
        break;
      case 'ArrowLeft':
        if (row?.expanded) this.collapse(row);
        else if (row?.parent) this.setCurrent(row.parent.el, true);
        else if (this.moreOf.has(rowEl)) this.setCurrent(this.moreOf.get(rowEl)?.el ?? rowEl, true);
        break;
      case 'Enter':
      case ' ':
        if (this.moreOf.has(rowEl)) this.showMore(rowEl);
        else if (row && e.key === 'Enter' && this.isId(row.id)) this.actions.findId(this.index.start(row.id));
        else if (row) this.toggle(row);
        break;
      case 'c':
        if (row) this.actions.copyValue(this.index.start(row.id));
        break;
      case 'p':
        if (row) this.actions.copyPath(this.index.start(row.id));
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  private move(from: HTMLElement, where: 'next' | 'previous' | 'first' | 'last'): void {
    const walker = this.walker((el) => el.getAttribute('role') === 'treeitem');
    walker.currentNode = from;
    const to =
      where === 'next' ? walker.nextNode() : where === 'previous' ? walker.previousNode() : where === 'first' ? walker.firstChild() : walker.lastChild();
    if (to instanceof HTMLElement) this.setCurrent(to, true);
  }

  /** Visits the rows that are shown (inside no collapsed group) and match `accept`. */
  private walker(accept: (el: Element) => boolean): TreeWalker {
    return document.createTreeWalker(this.element, NodeFilter.SHOW_ELEMENT, {
      acceptNode: (n) =>
        (n as HTMLElement).hidden ? NodeFilter.FILTER_REJECT : accept(n as Element) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
    });
  }

  /** Roving tabindex: the current row is the tree's one tab stop. */
  private setCurrent(el: HTMLElement, focus: boolean): void {
    if (this.current && this.current !== el) this.current.tabIndex = -1;
    this.current = el;
    el.tabIndex = 0;
    if (focus) el.focus();
  }
}

function twisty(): HTMLElement {
  const el = h('span', 'twisty');
  el.setAttribute('aria-hidden', 'true');
  return el;
}

function actionButton(className: string, label: string, action: string, key?: string): HTMLButtonElement {
  const button = h('button', `action ${className}`, label);
  button.type = 'button';
  button.tabIndex = -1; // rows are the tab stops; keys C and P and the context menu reach these actions
  button.dataset.action = action;
  if (key) {
    button.title = `${label} (${key})`;
    button.setAttribute('aria-keyshortcuts', key);
  }
  return button;
}

function isContainer(index: JsonIndex, id: number): boolean {
  const kind = index.kind(id);
  return kind === 'object' || kind === 'array';
}

/** The root, or its container's last member: no comma after it. */
function isLast(index: JsonIndex, id: number): boolean {
  const parent = index.parent(id);
  return parent < 0 || index.position(id) === index.childCount(parent) - 1;
}

/** Whether every row above is expanded. */
function isShown(row: Row): boolean {
  for (let p = row.parent; p; p = p.parent) if (!p.expanded) return false;
  return true;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
