import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { isTimelineError } from '../../core/errors';
import { checkCustomEvent, type CustomEventDraft } from '../../sources/pismoCustomEvent';
import { refuse } from '../command';
import { writesAllowed } from '../model/accounts';
import type { Model } from '../model/model';
import type { Session } from '../model/session';
import { writeHost } from '../model/sources';
import type { CustomEventDocuments } from './customEventDocuments';

/** What Send resolves to: the server's status, the created event's id when it said, or why nothing was added. */
export interface SendOutcome {
  readonly status: number;
  readonly eventId?: string;
  /** The created event is in the timeline now (found by its id or correlation id). */
  readonly appeared?: boolean;
  readonly error?: string;
}

/** Kinds after which the write may have happened: the message says so, and nothing is sent again on its own. */
const UNCERTAIN = new Set(['server', 'timeout', 'network']);

/**
 * Sends a custom event document: only for an account whose tenant allows writes in the user's settings, only a
 * document that checks, and only after a modal question naming the host and the account (a script may pass
 * `{ confirm: false }`). Writes are not idempotent: a failure is said, with Send Again offered, never retried.
 */
export async function sendCustomEventDocument(model: Model, documents: CustomEventDocuments, target: unknown, options: { confirm?: unknown } = {}): Promise<SendOutcome | undefined> {
  const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target, true) : vscode.window.activeTextEditor?.document.uri;
  const session = uri && documents.session(uri);
  if (!uri || !session) return refuse(vscode.l10n.t('This is not a custom event document of an open account: use Add Custom Event on an account.'));
  const { connection } = session;
  if (!writesAllowed(connection)) {
    const tenant = connection.tenant ?? connection;
    return refuse(vscode.l10n.t('Sending custom events is off for "{0}": set "allowWrites": true on its entry in your user settings. A workspace\'s settings cannot turn it on.', displayText(tenant.name, 60)));
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  const { draft, problems } = checkCustomEvent(document.getText());
  if (!draft) return refuse(vscode.l10n.t('The custom event cannot be sent yet: {0}', problems[0]?.message ?? ''));
  if (options.confirm !== false && !(await confirmSend(session, draft))) return undefined;
  const outcome = await send(model, session, draft);
  if (outcome.error !== undefined) {
    const again = vscode.l10n.t('Send Again');
    void vscode.window.showErrorMessage(outcome.error, again).then((picked) => picked === again && vscode.commands.executeCommand('timelineViewer.sendCustomEvent', uri));
  }
  return outcome;
}

async function confirmSend(session: Session, draft: CustomEventDraft): Promise<boolean> {
  const { connection } = session;
  const host = writeHost(connection) ?? vscode.l10n.t('the demo server');
  const sendIt = vscode.l10n.t('Send');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send a custom event to {0}, account {1}?', host, displayText(connection.name, 40)),
    {
      modal: true,
      detail: vscode.l10n.t('{0} · {1}. Pismo keeps what is added to a timeline: there is no way to delete it.', displayText(draft.category, 80), displayText(draft.type, 80)),
    },
    sendIt,
  );
  return answer === sendIt;
}

async function send(model: Model, session: Session, draft: CustomEventDraft): Promise<SendOutcome> {
  const title = vscode.l10n.t('Sending a custom event to {0}…', displayText(session.connection.name, 40));
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async () => {
    let answer;
    try {
      answer = await model.sendCustomEvent(session.connection, draft, new AbortController().signal);
    } catch (e) {
      if (!isTimelineError(e)) throw e;
      const message = UNCERTAIN.has(e.kind)
        ? vscode.l10n.t('{0} The event may have been added all the same: it was not sent again, as a write is not safe to repeat. Check the timeline before sending it again.', e.message)
        : e.message;
      return { status: e.details.status ?? 0, error: message };
    }
    model.log.note(model.redactor.redact(`${session.connection.name}: the custom event was answered ${answer.status}: ${answer.body}`));
    const appeared = await reveal(session, answer.eventId, draft.correlationId);
    const said = displayText(answer.body, 300);
    void vscode.window.showInformationMessage(
      appeared
        ? vscode.l10n.t('Pismo answered {0}: {1}', answer.status, said)
        : vscode.l10n.t('Pismo answered {0}: {1}. The event has not appeared in the timeline yet: Check for Newer Events later.', answer.status, said),
    );
    return { status: answer.status, eventId: answer.eventId, appeared };
  });
}

/** Reads the account's newer events and opens the new one in the inspector; false when it is not there yet. */
async function reveal(session: Session, eventId: string | undefined, correlationId: string | undefined): Promise<boolean> {
  try {
    if (session.timeline.pageCount === 0) await session.loadMore();
    else await session.checkNewer(1);
  } catch {
    return false; // the write is done; reading it back is a check, and its error shows on the account's row
  }
  const event = (eventId !== undefined ? session.timeline.event(eventId) : undefined) ?? (correlationId !== undefined ? session.timeline.related(correlationId)[0] : undefined);
  if (!event) return false;
  await vscode.commands.executeCommand('timelineViewer.openEventById', { connectionId: session.connection.id, eventId: event.id });
  return true;
}
