import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { systemClock } from '../../core/clock';
import { parseEventLink, type EventLink, type EventLinkRefusal, type EventLinkTarget } from '../../core/eventLink';
import { NoticeBurst } from './noticeBurst';
import type { Pivot } from './pivot';
import type { QuietHold, QuietPrompts } from '../model/quietPrompts';
import { searchOf } from '../model/searches';
import { credentialName } from '../model/secrets';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';

/** What following a link came to (resolved for tests and scripts; the user reads it in a message). */
export type LinkOutcome = 'opened' | 'refused' | 'unknownConnection' | 'busy' | 'needsSecret' | 'notFound' | 'stopped';

type Severity = 'error' | 'warning' | 'info';

/**
 * Links to one event (`vscode://timeline-viewer.timeline-viewer/event?connection=…&event=…` or `&correlation=…`)
 * open the connection, find the event with Find's progress, and show it in the inspector. A link may come from a
 * web page: it only reads a timeline the user set up, never adds a connection, asks for a secret or whether one may
 * go to an address, never replaces a search the user is running, and reads no more than `timelineViewer.find.maxPages`
 * pages without asking. A page firing links in a loop gets one message per burst. Messages never repeat a link's
 * ids but the connection id, whose characters are checked.
 */
export class EventUriHandler implements vscode.UriHandler {
  /** One link at a time: a page firing links in a loop cannot queue up searches. */
  private following = false;
  /** Opens an account a link names under its tenant (asking first for one never opened); its connection id. */
  private openAccount: ((tenantId: string, accountId: string) => Promise<string | undefined>) | undefined;

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly pivot: Pivot,
    /** Holds the connection's prompts while a link is followed on it. */
    private readonly quiet: QuietPrompts,
    private readonly burst = new NoticeBurst(systemClock),
  ) {}

  useAccounts(openAccount: (tenantId: string, accountId: string) => Promise<string | undefined>): void {
    this.openAccount = openAccount;
  }

  async handleUri(uri: vscode.Uri): Promise<void> {
    await this.follow(uri);
  }

  async follow(uri: vscode.Uri): Promise<LinkOutcome> {
    const parsed = parseEventLink(uri.path, uri.query);
    if (!parsed.ok) {
      void this.notify('error', refusalMessage(parsed.refusal));
      return 'refused';
    }
    const { link } = parsed;
    let session = this.sessions.get(link.connectionId);
    if (!session) {
      const add = vscode.l10n.t('Add Connection…');
      const message = vscode.l10n.t(
        'This link is to an event of the connection "{0}", which is not set up in this window. Add a connection with that id, then open the link again.',
        link.connectionId,
      );
      // not awaited: the link is done with; adding a connection is the user's own choice, in the usual flow
      void this.notify('warning', message, add)?.then((picked) => picked && vscode.commands.executeCommand('timelineViewer.addConnection'));
      return 'unknownConnection';
    }
    const name = displayText(session.connection.name, 60);
    if (this.following) {
      void this.notify('info', vscode.l10n.t('Still opening the previous link to an event.'));
      return 'busy';
    }
    if (searchOf(session.timeline)?.isRunning) {
      void this.notify('info', vscode.l10n.t('A search is running in {0}, so the link to an event was not opened: open it again once the search is done.', name));
      return 'busy';
    }
    this.following = true;
    try {
      if (link.accountId !== undefined) {
        const accountId = await this.openAccount?.(session.connection.id, link.accountId);
        session = accountId === undefined ? undefined : this.sessions.get(accountId);
        if (!session) return 'stopped';
      }
      if ('account' in link) return 'opened';
      // prompts are asked for whoever holds the secret: an account's tenant
      const hold = this.quiet.hold(session.connection.tenant?.id ?? session.connection.id);
      try {
        return await this.open(session, link, displayText(session.connection.name, 60), hold);
      } finally {
        hold.release();
      }
    } finally {
      this.following = false;
    }
  }

  private async open(session: Session, link: EventLink & EventLinkTarget, name: string, hold: QuietHold): Promise<LinkOutcome> {
    // Reading the first page sets the connection up; with its prompts held, a missing secret shows here, before Find.
    if (session.timeline.pageCount === 0) await session.loadMore();
    const isEvent = 'eventId' in link;
    const id = isEvent ? link.eventId : link.correlationId;
    for (;;) {
      if (hold.declined) return this.needsSecret(session, name);
      if (isEvent && this.pivot.show(session, id)) return 'opened';
      const result = await this.pivot.search(session, id, isEvent);
      if (hold.declined) return this.needsSecret(session, name);
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
  }

  private needsSecret(session: Session, name: string): LinkOutcome {
    void this.notify(
      'warning',
      vscode.l10n.t('{0} needs its {1} before it can be read, and a link never asks for one. Open the connection in the Timeline view first, then open the link again.', name, credentialName(session.connection)),
    );
    return 'needsSecret';
  }

  /** A message about a link not followed, unless one was shown moments ago (then it is counted for the next). */
  private notify(severity: Severity, message: string, ...actions: string[]): Thenable<string | undefined> | undefined {
    const admitted = this.burst.admit();
    if (!admitted.show) return undefined;
    const text = admitted.unshown > 0 ? `${message} ${vscode.l10n.t('Links not opened since the previous message: {0}.', admitted.unshown)}` : message;
    if (severity === 'error') return vscode.window.showErrorMessage(text, ...actions);
    return severity === 'warning' ? vscode.window.showWarningMessage(text, ...actions) : vscode.window.showInformationMessage(text, ...actions);
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
