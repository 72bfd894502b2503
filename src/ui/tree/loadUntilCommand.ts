import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { type Instant, parseInstant } from '../../core/instant';
import { loadUntil } from '../../core/loadUntil';
import { refuse } from '../command';
import { setLoadedBackTo } from '../model/loadedBack';
import type { SessionRegistry } from '../model/sessionRegistry';
import { type ConnectionTarget, targetSession } from './targets';

/** What `timelineViewer.loadUntil` resolves to. */
export interface LoadUntilOutcome {
  /** Events it added. */
  readonly events: number;
  /** Pages it read. */
  readonly pages: number;
  /** The timeline holds every event back to the instant. */
  readonly complete: boolean;
}

/**
 * Load Until…: reads a connection's pages with Load more's path (its queue, the memory budget, the filter) until
 * it holds every event back to an instant, with progress and Cancel; what was read stays loaded.
 */
export async function loadUntilCommand(sessions: SessionRegistry, target?: ConnectionTarget, instantText?: unknown): Promise<LoadUntilOutcome | undefined> {
  const session = await targetSession(sessions, target, { placeHolder: vscode.l10n.t('Load which connection back?'), takeOnly: true });
  if (!session) return undefined;
  const instant = instantText === undefined ? await askInstant() : readInstant(instantText);
  if (!instant) return undefined;
  const { timeline } = session;
  const title = vscode.l10n.t('Loading {0} back to {1}', displayText(session.connection.name, { max: 60, icons: true }), instant.iso);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const report = (): void => progress.report({ message: vscode.l10n.t('{0} pages · {1} events', timeline.pageCount, timeline.eventCount.toLocaleString()) });
    const stop = timeline.onPage(report);
    return loadUntil(timeline, instant, { loadMore: () => session.loadMore(), signal: controller.signal }).finally(stop);
  });
  if (result.complete) setLoadedBackTo(timeline, instant);
  // a failure is on the timeline's error row; say it here too, since the notification is gone
  if (result.error && result.end === 'error') void vscode.window.showErrorMessage(result.error.message);
  return { events: result.events, pages: result.pages, complete: result.complete };
}

async function askInstant(): Promise<Instant | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Load Until'),
    prompt: vscode.l10n.t('Load back to when? An ISO time (2025-06-02T14:00Z), a date, unix seconds or milliseconds, or a time ago (2h, 7d).'),
    validateInput: (value) => {
      const parsed = parseInstant(value, Date.now());
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  return text === undefined ? undefined : readInstant(text);
}

/** A script's instant; an unreadable one rejects the command with the sentence, which the user also sees. */
function readInstant(text: unknown): Instant {
  const parsed = typeof text === 'string' ? parseInstant(text, Date.now()) : { error: vscode.l10n.t('Pass the instant as text, such as 2025-06-02T14:00:00Z.') };
  return 'error' in parsed ? refuse(parsed.error) : parsed;
}
