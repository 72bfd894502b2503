import type { TimelineEvent } from '../core/event';
import { reindentJson } from '../core/jsonFormat';
import { formatJsonPath, nodeStartingAt, pathOf } from '../core/jsonPath';
import { decodeJsonString, parseJsonTree, type JsonNode } from '../core/jsonTokens';
import { RawPage, rawText } from '../core/rawPage';
import { sortKey } from '../core/time';
import type { CopyTarget, EventView } from './webviewMessages';

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
export function copyTargetText(view: EventView, target: CopyTarget): string | undefined {
  switch (target) {
    case 'eventId':
      return view.id;
    case 'correlationId':
      return view.correlationId;
    case 'json':
      // the text as shown: the server's characters, re-indented
      return reindentJson(view.json);
  }
}

/**
 * "Copy value" of the value starting at offset `at`: a string's unescaped value, a number's or literal's exact
 * characters, a container's exact text re-indented. Undefined if no value starts there.
 */
export function valueTextAt(json: string, at: number): string | undefined {
  const node = nodeAt(json, at);
  if (!node) return undefined;
  const text = json.slice(node.start, node.end);
  if (node.kind === 'string') return decodeJsonString(text);
  return node.children ? reindentJson(text) : text;
}

/** "Copy JSON path" of the value starting at offset `at`, e.g. `$.data.items[3]["a b"]`. */
export function pathTextAt(json: string, at: number): string | undefined {
  const node = nodeAt(json, at);
  return node && formatJsonPath(pathOf(node, json));
}

function nodeAt(json: string, at: number): JsonNode | undefined {
  try {
    return nodeStartingAt(parseJsonTree(json), at);
  } catch {
    return undefined; // not JSON after all: the page showed it as plain text, with no values to pick
  }
}
