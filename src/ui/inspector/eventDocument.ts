import * as vscode from 'vscode';
import type { TimelineEvent } from '../../core/event';
import { displayText } from '../../core/displayText';
import { asSentNote, shownJson } from './shownJson';
import { eventPickItem, pickText, type EventPickItem } from './eventPick';
import type { SessionRegistry } from '../model/sessionRegistry';

export const EVENT_SCHEME = 'timeline-event';

/** Documents opened this session are kept for their tabs; older ones fall back to the loaded timelines. */
const REMEMBERED = 200;

/**
 * Serves events' JSON as read-only documents, so find, folding, copy and diff come from the editor. The
 * text is the server's item re-indented, not re-serialized: numbers keep every digit.
 */
export class EventDocuments implements vscode.TextDocumentContentProvider {
  private readonly opened = new Map<string, TimelineEvent>();
  /** Why a document's text is kept as sent, by document address, for open() to say. */
  private readonly notes = new Map<string, string>();

  constructor(private readonly sessions: SessionRegistry) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const query = new URLSearchParams(uri.query);
    const event = this.opened.get(uri.toString()) ?? this.sessions.get(query.get('c') ?? '')?.timeline.event(query.get('e') ?? '');
    if (!event) return vscode.l10n.t('// This event is no longer loaded. Expand its connection and open it again.');
    const formatted = shownJson(event);
    const note = asSentNote(formatted);
    if (note) this.notes.set(uri.toString(), note);
    else this.notes.delete(uri.toString());
    return formatted.text;
  }

  /** Opens the event in a read-only JSON editor. `connectionId` is empty for an event restored from a panel. */
  async open(event: TimelineEvent, connectionId = ''): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.uriFor(event, connectionId));
    const note = this.notes.get(doc.uri.toString());
    if (note) void vscode.window.showInformationMessage(note);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  /** Asks for a second loaded event and diffs the two. */
  async compare(event: TimelineEvent, connectionId = ''): Promise<void> {
    const other = await this.pickOther(event);
    if (other) await this.diff({ event, connectionId }, other);
  }

  /** The two events' JSON documents side by side in VS Code's diff editor. */
  async diff(left: { event: TimelineEvent; connectionId: string }, right: { event: TimelineEvent; connectionId: string }): Promise<void> {
    const title = vscode.l10n.t('{0} ↔ {1}', displayText(left.event.label, 60), displayText(right.event.label, 60));
    await vscode.commands.executeCommand('vscode.diff', this.uriFor(left.event, left.connectionId), this.uriFor(right.event, right.connectionId), title);
  }

  /**
   * The event's document address, remembered so the tab keeps its text: a readable title
   * (`TRANSACTION · REFUSAL 2022-….json`) with the ids in the query.
   */
  uriFor(event: TimelineEvent, connectionId: string): vscode.Uri {
    // sanitized like any server text, then cleared of what cannot stand in a file name
    const name = `${displayText(event.label, 80)} ${displayText(event.timestamp, 40)}`.replace(/[\\/:*?"<>|]+/g, '_');
    const query = new URLSearchParams({ c: connectionId, e: event.id }).toString();
    const uri = vscode.Uri.from({ scheme: EVENT_SCHEME, path: `/${name}.json`, query });
    this.opened.delete(uri.toString());
    this.opened.set(uri.toString(), event);
    if (this.opened.size > REMEMBERED) this.opened.delete(this.opened.keys().next().value as string);
    return uri;
  }

  /** Related events (same correlation id) first, then the rest of the same category, across connections. */
  private async pickOther(event: TimelineEvent): Promise<{ event: TimelineEvent; connectionId: string } | undefined> {
    type Item = vscode.QuickPickItem & Partial<EventPickItem>;
    const related: Item[] = [];
    const sameCategory: Item[] = [];
    for (const session of this.sessions.list()) {
      const item = (e: TimelineEvent): Item => eventPickItem(e, session.connection.id);
      const chain = event.correlationId ? session.timeline.related(event.correlationId) : [];
      related.push(...chain.filter((e) => e.id !== event.id).map(item));
      const category = session.timeline.categories.find((c) => c.name === event.category);
      sameCategory.push(...(category?.events ?? []).slice(0, 300).filter((e) => e.id !== event.id && !chain.includes(e)).map(item));
    }
    const items: Item[] = [
      ...(related.length ? [{ label: vscode.l10n.t('Same correlation ID'), kind: vscode.QuickPickItemKind.Separator }, ...related] : []),
      ...(sameCategory.length ? [{ label: pickText(event.category), kind: vscode.QuickPickItemKind.Separator }, ...sameCategory] : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Compare with which event?'), matchOnDescription: true, matchOnDetail: true });
    return picked?.event && picked.connectionId !== undefined ? { event: picked.event, connectionId: picked.connectionId } : undefined;
  }
}
