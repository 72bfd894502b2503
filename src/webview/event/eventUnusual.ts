/// <reference lib="dom" />
import { appendText, format, h } from '../shared/dom';
import type { PageStrings, PathShareView, UnusualView } from './eventMessages';

/** Paths listed per kind; the rest are counted. */
const SHOWN = 12;

/**
 * What is unusual about the event for its type: the paths most of its type carry and it lacks ("$.data.amount: in
 * 412 of 415 CASH_IN events, not in this one"), and the paths it adds. Paths and the type are server text: text nodes.
 */
export function renderUnusual(unusual: UnusualView, type: string, strings: PageStrings): HTMLElement {
  const section = h('section', 'unusual');
  section.setAttribute('aria-label', format(strings.unusualHeading, unusual.events));
  const heading = h('h2', 'unusual-heading');
  appendText(heading, `${format(strings.unusualHeading, unusual.events)} · `);
  const typeName = h('span', 'unusual-type');
  appendText(typeName, type.length > 80 ? `${type.slice(0, 80)}…` : type);
  heading.append(typeName);
  section.append(heading);
  const list = h('ul', 'unusual-list');
  const item = (kind: 'lacks' | 'adds', share: PathShareView): HTMLElement => {
    const li = h('li', kind);
    const path = h('code', 'unusual-path');
    appendText(path, share.path.length > 200 ? `${share.path.slice(0, 200)}…` : share.path);
    const template = kind === 'lacks' ? strings.lacks : share.count === 0 ? strings.addsNew : strings.adds;
    const [before, after] = format(template, share.count, unusual.events).split('{2}');
    li.append(h('span', 'unusual-mark', kind === 'lacks' ? '−' : '+'), ' ', before ?? '', path, after ?? '');
    return li;
  };
  for (const share of unusual.lacks.slice(0, SHOWN)) list.append(item('lacks', share));
  for (const share of unusual.adds.slice(0, SHOWN)) list.append(item('adds', share));
  const more = Math.max(0, unusual.lacks.length - SHOWN) + Math.max(0, unusual.adds.length - SHOWN);
  if (more > 0) list.append(h('li', 'unusual-more', `+${more.toLocaleString()}`));
  section.append(list);
  return section;
}
