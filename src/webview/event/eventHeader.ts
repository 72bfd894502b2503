/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { formatLocal, formatUtc, parseTimestamp } from '../../core/time';
import type { CopyTarget, EventView, PageStrings } from './eventMessages';
import { appendText, h } from '../shared/dom';

export interface HeaderActions {
  copy(target: CopyTarget): void;
  openDocument(): void;
  compare(): void;
  pin(): void;
  copyLink(): void;
  showChain(): void;
  openAccount(): void;
}

/** A header field longer than this is cut on screen (the copy buttons still copy it whole). */
const FIELD_CHARS = 2_000;

export interface Header {
  readonly element: HTMLElement;
  setPinned(): void;
}

/** The event's label, its identifying fields and the panel's buttons. */
export function renderHeader(view: EventView, pinned: boolean, strings: PageStrings, actions: HeaderActions): Header {
  const element = h('header', 'event-header');
  const title = h('h1', 'label');
  appendText(title, clip(view.label));
  element.append(title);

  const time = parseTimestamp(view.timestamp);
  const fields: [string, string | undefined][] = [
    [strings.type, view.type],
    [strings.category, view.category],
    [strings.timeUtc, time ? formatUtc(time) : view.timestamp],
    // formatted here, in the viewer's own zone (the extension host may run elsewhere)
    [strings.timeLocal, time ? formatLocal(time) : undefined],
    [strings.eventId, view.id],
    [strings.correlationId, view.correlationId],
    [strings.accountId, view.accountId],
    [strings.connection, view.connectionName],
  ];
  const list = h('dl', 'fields');
  for (const [name, value] of fields) {
    if (value === undefined || value === '') continue;
    const dd = h('dd');
    appendText(dd, clip(value));
    list.append(h('dt', undefined, name), dd);
  }
  element.append(list);

  const toolbar = h('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', strings.actions);
  const add = (label: string, run: () => void, primary = false): HTMLButtonElement => {
    const button = h('button', primary ? 'primary' : 'secondary', label);
    button.type = 'button';
    button.addEventListener('click', run);
    toolbar.append(button);
    return button;
  };
  if (view.correlationId) add(strings.copyCorrelationId, () => actions.copy('correlationId'), true);
  if (view.correlationId) add(strings.showChain, () => actions.showChain());
  if (view.accountId) add(strings.openAccount, () => actions.openAccount());
  add(strings.copyEventId, () => actions.copy('eventId'));
  add(strings.copyJson, () => actions.copy('json'));
  add(strings.copyLink, () => actions.copyLink());
  add(strings.openDocument, () => actions.openDocument());
  add(strings.compare, () => actions.compare());
  const pin = add(strings.keepOpen, () => actions.pin());
  const setPinned = (): void => {
    pin.textContent = strings.keptOpen;
    pin.disabled = true;
    pin.setAttribute('aria-pressed', 'true');
  };
  if (pinned) setPinned();
  element.append(toolbar);
  return { element, setPinned };
}

function clip(text: string): string {
  return text.length > FIELD_CHARS ? `${text.slice(0, FIELD_CHARS)}…` : text;
}
