/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { INVISIBLE_SOURCE } from '../../core/displayText';

/** Creates an element. Text only ever goes in as a text node, never as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Characters that change how text around them reads while showing nothing themselves: the tree's set (displayText). */
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'gu');

/**
 * Appends untrusted text, wrapping each invisible or bidi-control character in a badge (CSS shows its code
 * point) whose `unicode-bidi: isolate` keeps an override from reordering anything around it. The characters stay
 * in the text, so what is selected and copied is exactly what was sent.
 */
export function appendText(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    const at = match.index ?? 0;
    if (at > last) parent.append(text.slice(last, at));
    const code = `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const badge = h('span', 'invisible', match[0]);
    badge.dataset.cp = code;
    badge.title = code;
    parent.append(badge);
    last = at + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

/** The localized words the extension put in the page's HTML; each page knows its own set. */
export function readStrings<Strings>(): Strings {
  return JSON.parse(document.body.dataset.l10n ?? '{}') as Strings;
}

/** Fills `{0}`, `{1}`… with locale-formatted numbers. */
export function format(template: string, ...values: number[]): string {
  return template.replace(/\{(\d)\}/g, (whole, i: string) => (values[Number(i)] ?? whole).toLocaleString());
}
