import * as vscode from 'vscode';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { StandIns } from '../standIns';
import { targetSession, type ConnectionTarget } from '../tree/targets';
import { type ActivityOutcome, ActivityView } from './activityView';

/** The activity strip below the tree, and Show Activity, which puts a connection in it. */
export function registerActivity(context: vscode.ExtensionContext, { sessions }: Model, standIns: StandIns): ActivityView {
  const activity = new ActivityView(context.extensionUri);
  standIns.use('activity', activity);
  context.subscriptions.push(
    activity,
    registerCommand('showActivity', async (target?: ConnectionTarget): Promise<ActivityOutcome | undefined> => {
      const session = await targetSession(sessions, target, { placeHolder: vscode.l10n.t('Show the activity of which connection?'), takeOnly: true });
      return session && activity.show(session);
    }),
  );
  return activity;
}
