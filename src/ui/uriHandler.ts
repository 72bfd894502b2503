import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { parseEventLink, type EventLinkRefusal } from '../core/eventLink';
import type { Pivot } from './links/pivot';
import type { SessionRegistry } from './sessions';

/** What following a link came to (resolved for tests and scripts; the user reads it in a message). */
export type LinkOutcome = 'opened' | 'refused' | 'unknownConnection' | 'busy' | 'notFound' | 'stopped';

/**
 * Links to one event (`vscode://timeline-viewer.timeline-viewer/event?connection=…&event=…` or `&correlation=…`)
 * open the connection, find the event with Find's progress, and show it in the inspector. A link may come from a
 * web page: it only reads a timeline the user set up, never adds a connection or asks for a secret, and reads no
 * more than `timelineViewer.find.maxPages` pages without asking. Messages never repeat a link's ids but the
 * connection id, whose characters are checked.
 */
export class EventUriHandler implements vscode.UriHandler {
  /** One link at a time: a page firing links in a loop cannot queue up searches. */
  private following = false;

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly pivot: Pivot,
  ) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    await this.follow(uri);
  }

  async follow(uri: vscode.Uri): Promise<LinkOutcome> {
    const parsed = parseEventLink(uri.path, uri.query);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(refusalMessage(parsed.refusal));
      return 'refused';
    }
    const { link } = parsed;
    const session = this.sessions.get(link.connectionId);
    if (!session) {
      const add = vscode.l10n.t('Add Connection…');
      const message = vscode.l10n.t(
        'This link is to an event of the connection "{0}", which is not set up in this window. Add a connection with that id, then open the link again.',
        link.connectionId,
      );
      // not awaited: the link is done with; adding a connection is the user's own choice, in the usual flow
      void vscode.window.showWarningMessage(message, add).then((picked) => picked && vscode.commands.executeCommand('timelineViewer.addConnection'));
      return 'unknownConnection';
    }
    if (this.following) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Still opening the previous link to an event.'));
      return 'busy';
    }
    this.following = true;
    try {
      const isEvent = 'eventId' in link;
      const id = isEvent ? link.eventId : link.correlationId;
      const name = displayText(session.connection.name, 60);
      for (;;) {
        if (isEvent && this.pivot.show(session, id)) return 'opened';
        const result = await this.pivot.search(session, id, isEvent);
        if (!result) return 'stopped';
        if (isEvent ? result.matches.includes(id) : result.matches.length > 0) {
          if (!isEvent) this.pivot.show(session, result.matches[0]);
          return 'opened';
        }
        if (result.complete) {
          void vscode.window.showInformationMessage(
            isEvent ? vscode.l10n.t('The linked event is not in {0}.', name) : vscode.l10n.t('No event with the linked correlation ID is in {0}.', name),
          );
          return 'notFound';
        }
        const further = vscode.l10n.t('Search Further');
        const asked = vscode.l10n.t('The linked event was not in the {0} pages of {1} read so far. Search further?', result.pagesRead, name);
        if ((await vscode.window.showInformationMessage(asked, further)) !== further) return 'stopped';
      }
    } finally {
      this.following = false;
    }
  }
}

function refusalMessage(refusal: EventLinkRefusal): string {
  switch (refusal) {
    case 'notEventLink':
      return vscode.l10n.t('This Timeline Viewer link is not a link to an event, so it was not opened.');
    case 'unexpectedParameter':
      return vscode.l10n.t('This link to an event carries parameters other than connection, event and correlation (links never carry addresses or secrets), so it was not opened.');
    case 'badConnection':
      return vscode.l10n.t('This link to an event does not name a connection by its id, so it was not opened.');
    case 'noTarget':
      return vscode.l10n.t('This link to an event must name either an event or a correlation ID, so it was not opened.');
    case 'badValue':
      return vscode.l10n.t('This link to an event holds an id that is empty, too long or has invisible characters, so it was not opened.');
  }
}
