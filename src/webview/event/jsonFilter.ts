/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { PageStrings } from './eventMessages';
import { format, h } from '../shared/dom';
import type { JsonView } from './jsonView';

const DEBOUNCE_MS = 200;

/** A filter box over the JSON: highlights matching keys and values; Enter / Shift+Enter step through them. */
export function installFilter(view: JsonView, strings: PageStrings): HTMLElement {
  const bar = h('div', 'filter');
  const input = h('input', 'filter-input');
  input.type = 'search';
  input.placeholder = strings.filter;
  input.setAttribute('aria-label', strings.filter);
  const status = h('span', 'filter-status');
  status.setAttribute('role', 'status');
  bar.append(input, status);

  let rows: HTMLElement[] = [];
  let at = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const apply = (): void => {
    const result = view.highlight(input.value);
    rows = result.rows;
    at = -1;
    status.textContent = input.value ? format(strings.matches, result.total) : '';
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && rows.length > 0) {
      at = (at + (e.shiftKey ? rows.length - 1 : 1)) % rows.length;
      view.focusRow(rows[at]);
      e.preventDefault();
    } else if (e.key === 'Escape' && input.value) {
      input.value = '';
      apply();
      e.preventDefault();
    }
  });
  return bar;
}
