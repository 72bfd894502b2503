import * as vscode from 'vscode';
import { parseFilter, type TimelineFilter } from '../../core/filter';
import { pickFilter } from './filterPick';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { Session } from '../model/session';
import type { TimelineView } from '../tree/timelineView';
import { type ConnectionTarget, targetSession } from '../tree/targets';

/**
 * `filter`, `clearFilter` and `filterLocally`. Scripts pass the connection id and the filter, and get the
 * filter applied (or a rejection with the sentence that says what is wrong); people are asked.
 */
export function registerFilter(context: vscode.ExtensionContext, { sessions }: Model, view: TimelineView): void {
  const sessionFor = (target: ConnectionTarget, eligible?: (s: Session) => boolean): Promise<Session | undefined> =>
    targetSession(sessions, target, { placeHolder: vscode.l10n.t('Which connection?'), eligible, takeOnly: true });
  context.subscriptions.push(
    registerCommand('filter', async (target?: ConnectionTarget, input?: unknown): Promise<TimelineFilter | undefined> => {
      const session = await sessionFor(target);
      if (!session) return undefined;
      const filter = input === undefined ? await pickFilter(session) : refuseInvalid(parseFilter(input));
      if (!filter) return undefined;
      await session.setFilter(filter);
      await show(view, session);
      return filter;
    }),
    registerCommand('clearFilter', async (target?: ConnectionTarget): Promise<boolean> => {
      const session = await sessionFor(target, (s) => s.filter !== undefined);
      if (!session?.filter) return false;
      await session.clearFilter();
      return true;
    }),
    registerCommand('filterLocally', async (target?: ConnectionTarget): Promise<TimelineFilter | undefined> => {
      const session = await sessionFor(target, (s) => s.filter !== undefined);
      if (!session?.filter) return undefined;
      const filter = { ...session.filter, local: true };
      await session.setFilter(filter);
      await show(view, session);
      return filter;
    }),
  );
}

/** A script's invalid filter rejects the command with the sentence, which the user also sees. */
function refuseInvalid(parsed: TimelineFilter | { error: string }): TimelineFilter {
  if (!('error' in parsed)) return parsed;
  void vscode.window.showErrorMessage(parsed.error);
  throw new Error(parsed.error);
}

/** Reads the first page of the filtered timeline and opens the connection on it. */
async function show(view: TimelineView, session: Session): Promise<void> {
  if (session.timeline.isFresh) void session.loadMore();
  if (view.treeView.visible) await view.reveal(session, { select: true });
}
