import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import type { UnusualView } from '../../webview/event/eventMessages';
import { refuse, registerCommand } from '../command';
import type { Model } from '../model/model';
import type { Session } from '../model/session';
import { EventNode } from '../tree/nodes';
import { sessionOf, targetSession } from '../tree/targets';
import type { TimelineView } from '../tree/timelineView';
import { ProfileLearner } from './profileLearner';
import { type ProfileOutcome, ProfilePanels } from './profilePanels';

/** Paths an inspector lists per kind, at most: a hostile type may carry thousands. */
const MAX_LISTED = 200;

export interface Profiles {
  readonly panels: ProfilePanels;
  /** What is unusual about an event for its type, for the inspector. */
  unusual(event: TimelineEvent, connectionName: string): Promise<UnusualView | undefined>;
}

/** A type's usual shape: Show Type Profile, and what the inspector says an event lacks or adds. */
export function registerProfile(context: vscode.ExtensionContext, { sessions }: Model, { treeView }: TimelineView): Profiles {
  const learner = new ProfileLearner();
  const panels = new ProfilePanels(context.extensionUri, learner);
  context.subscriptions.push(
    panels,
    registerCommand('showTypeProfile', async (target?: EventNode | string, type?: unknown): Promise<ProfileOutcome | undefined> => {
      const [node] = treeView.selection;
      const from = target instanceof EventNode ? target : target === undefined && node instanceof EventNode ? node : undefined;
      const session = from?.session ?? (await targetSession(sessions, typeof target === 'string' ? target : undefined, { placeHolder: vscode.l10n.t('Profile a type of which connection?'), takeOnly: true }));
      if (!session) return undefined;
      if (type !== undefined && (typeof type !== 'string' || type === '')) return refuse(vscode.l10n.t('Pass the type as text.'));
      const picked = from?.event.type ?? type ?? (await pickType(session));
      return picked === undefined ? undefined : panels.show(session, picked);
    }),
  );
  return {
    panels,
    unusual: async (event, connectionName) => {
      const session = sessionOf(sessions, event, connectionName);
      if (!session || !session.timeline.event(event.id)) return undefined;
      const profiles = await learner.learnt(session.timeline);
      const events = profiles.profile(event.type)?.events ?? 0;
      const lacks = profiles.lacks(event);
      const adds = profiles.adds(event);
      if (lacks.length === 0 && adds.length === 0) return undefined;
      const listed = (shares: typeof lacks): { path: string; count: number }[] => shares.slice(0, MAX_LISTED).map(({ path, count }) => ({ path, count }));
      return { events, lacks: listed(lacks), adds: listed(adds) };
    },
  };
}

/** The loaded types of a connection, to pick one. */
async function pickType(session: Session): Promise<string | undefined> {
  const types = [...new Set([...session.timeline.events()].map((e) => e.type))];
  return (await vscode.window.showQuickPick(types.map((t) => ({ label: displayText(t, 100), type: t })), { placeHolder: vscode.l10n.t('Which type?') }))?.type;
}
