import * as vscode from 'vscode';
import { idAt } from '../../core/idShapes';
import { commandLink, escapeMarkdown } from '../../core/markdown';
import { formatUtc, parseTimestamp } from '../../core/time';
import { OPEN_EVENT_COMMAND, PIVOT_COMMAND, idKindLabel } from './idLabels';
import type { LoadedEvents } from './linkProviders';

/**
 * A hover on an ID in a text editor: the loaded events it names (label, time, connection, Open Event) and always
 * Find in Timeline. Only the hovered line is read. Everything that came from event data or settings is escaped,
 * and the Markdown may run this extension's two link commands and nothing else.
 */
export class IdHoverProvider implements vscode.HoverProvider {
  constructor(private readonly events: LoadedEvents) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    const id = idAt(line, position.character);
    if (!id) return undefined;
    const md = new vscode.MarkdownString('', false);
    md.isTrusted = { enabledCommands: [PIVOT_COMMAND, OPEN_EVENT_COMMAND] };
    md.supportHtml = false;
    md.appendMarkdown(`**${escapeMarkdown(idKindLabel(id.kind))}** ${escapeMarkdown(id.text)}\n\n`);
    for (const { session, event } of this.events.loaded(id.text, id.kind)) {
      const time = parseTimestamp(event.timestamp);
      const when = time ? formatUtc(time) : event.timestamp;
      const open = commandLink(vscode.l10n.t('Open Event'), OPEN_EVENT_COMMAND, { connectionId: session.connection.id, eventId: event.id });
      md.appendMarkdown(`- ${escapeMarkdown(event.label, 80)} · ${escapeMarkdown(when)} · ${escapeMarkdown(session.connection.name, 60)} · ${open}\n`);
    }
    md.appendMarkdown(`\n${commandLink(vscode.l10n.t('Find in Timeline'), PIVOT_COMMAND, { query: id.text, kind: id.kind })}`);
    return new vscode.Hover(md, new vscode.Range(position.line, id.start, position.line, id.end));
  }
}
