import type { TimelineEvent } from '../../core/event';
import { JsonIndex, type JsonValueRef } from '../../core/jsonIndex';
import { formatJson, type FormattedJson } from '../../core/jsonFormat';
import { formatJsonPath } from '../../core/jsonPath';
import { decodeJsonString } from '../../core/jsonTokens';
import { RawPage, rawText } from '../../core/rawPage';
import { sortKey } from '../../core/time';
import type { CopyTarget, EventView } from '../../webview/event/eventMessages';

/** The fields the page may show: nothing of the connection but its name, so no secret can reach it. */
export function toEventView(event: TimelineEvent, connectionName: string): EventView {
  return {
    id: event.id,
    type: event.type,
    category: event.category,
    label: event.label,
    timestamp: event.timestamp,
    correlationId: event.correlationId,
    accountId: event.accountId,
    connectionName,
    json: rawText(event.raw),
  };
}

/** Rebuilds an event from a restored page state, its text wrapped in a one-item page so rawText() stays exact. */
export function eventFromView(view: EventView): TimelineEvent {
  return {
    id: view.id,
    type: view.type,
    category: view.category,
    label: view.label,
    timestamp: view.timestamp,
    sortKey: sortKey(view.timestamp),
    correlationId: view.correlationId,
    accountId: view.accountId,
    raw: { page: new RawPage(Buffer.from(`[${view.json}]`, 'utf8'), undefined), index: 0 },
  };
}

/** The text a toolbar copy puts on the clipboard; undefined when the event has no such field. */
export function copyTargetText(view: EventView, target: CopyTarget): FormattedJson | undefined {
  switch (target) {
    case 'eventId':
      return { text: view.id };
    case 'correlationId':
      return view.correlationId === undefined ? undefined : { text: view.correlationId };
    case 'json':
      // the text as shown: the server's characters, re-indented
      return formatJson(view.json);
  }
}

/**
 * One shown event's JSON for Copy Value and Copy Path: indexed on the first copy and kept until the panel shows
 * another event, so each copy is a lookup, not a parse of the whole event.
 */
export class EventJson {
  /** null once the text turned out not to be JSON. */
  private index: JsonIndex | null | undefined;

  constructor(readonly text: string) {}

  /**
   * "Copy value" of the value starting at offset `at`: a string's unescaped value, a number's or literal's exact
   * characters, a container's exact text re-indented. Undefined if no value starts there.
   */
  valueAt(at: number): FormattedJson | undefined {
    const value = this.lookup(at);
    if (!value) return undefined;
    const text = this.text.slice(value.start, value.end);
    if (value.kind === 'string') return { text: decodeJsonString(text) };
    return value.kind === 'object' || value.kind === 'array' ? formatJson(text) : { text };
  }

  /** "Copy JSON path" of the value starting at offset `at`, e.g. `$.data.items[3]["a b"]`. */
  pathAt(at: number): string | undefined {
    const index = this.indexed();
    const value = index?.valueAt(at);
    return value && index && formatJsonPath(index.path(value));
  }

  /** The decoded string at `at`; undefined when the value there is not a string. */
  stringAt(at: number): string | undefined {
    const value = this.lookup(at);
    return value?.kind === 'string' ? decodeJsonString(this.text.slice(value.start, value.end)) : undefined;
  }

  private lookup(at: number): JsonValueRef | undefined {
    return this.indexed()?.valueAt(at);
  }

  private indexed(): JsonIndex | undefined {
    // not JSON after all: the page showed it as plain text, with no values to pick
    if (this.index === undefined) this.index = JsonIndex.of(this.text) ?? null;
    return this.index ?? undefined;
  }
}
