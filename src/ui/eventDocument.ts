import * as vscode from 'vscode';
import type { TimelineEvent } from '../core/event';
import { reindentJson } from '../core/jsonFormat';
import { rawText } from '../core/rawPage';
import type { SessionRegistry } from './sessions';

export const EVENT_SCHEME = 'timeline-event';

/**
 * Serves an event's JSON as a read-only document, so find, folding, copy and diff come from the editor.
 * The text is the server's item re-indented, not re-serialized: numbers keep every digit.
 */
export class EventDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly sessions: SessionRegistry) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const query = new URLSearchParams(uri.query);
    const event = this.sessions.get(query.get('c') ?? '')?.timeline.event(query.get('e') ?? '');
    if (!event) return vscode.l10n.t('// This event is no longer loaded. Expand its connection and open it again.');
    return reindentJson(rawText(event.raw));
  }
}

/** A readable tab title (`TRANSACTION · REFUSAL 20:27:02.json`) with the ids in the query. */
export function eventUri(connectionId: string, event: TimelineEvent): vscode.Uri {
  // eslint-disable-next-line no-control-regex -- control characters cannot stand in a file name
  const name = `${event.label} ${event.timestamp}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120);
  const query = new URLSearchParams({ c: connectionId, e: event.id }).toString();
  return vscode.Uri.from({ scheme: EVENT_SCHEME, path: `/${name}.json`, query });
}

export async function openEventDocument(connectionId: string, event: TimelineEvent): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(eventUri(connectionId, event));
  return vscode.window.showTextDocument(doc, { preview: true });
}
