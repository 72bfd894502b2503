import * as vscode from 'vscode';
import type { TimelineViewerApi } from '../../src/extension';
import type { Session } from '../../src/ui/model/session';
import { parsePageMessage, textDigest, type PageMessage } from '../../src/webview/event/eventMessages';

export type Rendered = Extract<PageMessage, { type: 'rendered' }>;

export const EXTENSION_ID = 'timeline-viewer.timeline-viewer';

export async function activateExtension(): Promise<TimelineViewerApi> {
  const ext = vscode.extensions.getExtension<TimelineViewerApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

/** Resolves when `condition` holds, re-checking on each change event; rejects after `ms` with `what`. */
export function until<T>(event: vscode.Event<unknown>, condition: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const value = condition();
      if (value) {
        cleanup();
        resolve(value);
        return true;
      }
      return false;
    };
    const sub = event(() => void check());
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const cleanup = (): void => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/** Waits for the session's load in flight (if any) to settle. */
export function idle(session: Session): Promise<true> {
  return until(session.onDidChange, () => !session.timeline.isLoading && !session.timeline.isFresh, `${session.connection.name} to finish loading`);
}

/** Resolves with the page's next render report (the one whose text matches `expected`, if given). */
export async function nextRender(panel: vscode.WebviewPanel, expected?: string, ms = 60_000): Promise<Rendered> {
  const reports: Rendered[] = [];
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<Rendered>((resolve, reject) => {
      subscription = panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parsePageMessage(raw);
        if (message?.type !== 'rendered') return;
        reports.push(message);
        // an earlier event's late report is skipped by comparing the text
        if (expected === undefined || message.textDigest === textDigest(expected)) resolve(message);
      });
      timer = setTimeout(() => reject(new Error(`no matching render report; got ${JSON.stringify(reports)}`)), ms);
    });
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}
