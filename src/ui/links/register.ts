import * as vscode from 'vscode';
import { idKindOf } from '../../core/idShapes';
import { registerCommand } from '../command';
import type { FindCommands } from '../find/findCommands';
import type { EventPanelManager, InspectorLinks } from '../inspector/eventPanel';
import type { Model } from '../model/model';
import type { StandIns } from '../standIns';
import type { TimelineView } from '../tree/timelineView';
import { eventTarget, sessionOf } from '../tree/targets';
import { copyEventLink } from './copyLink';
import { Pivot } from './pivot';
import { EventUriHandler } from './uriHandler';

export interface Links {
  /** Follows `vscode://…/event?…` links; tests call it as VS Code does. */
  readonly uriHandler: EventUriHandler;
  /** What the inspector's IDs and its Copy Link button lead to. */
  readonly inspectorLinks: InspectorLinks;
}

/**
 * IDs lead to their events: the pivot commands, hovers and links in editors and terminals (while
 * `timelineViewer.links.*` says so), `vscode://` links, and Copy Link to Event. Built on Find and the inspector.
 */
export function registerLinks(context: vscode.ExtensionContext, model: Model, view: TimelineView, eventPanels: EventPanelManager, find: FindCommands, standIns: StandIns): Links {
  const { sessions, quiet } = model;
  const extensionId = context.extension.id;
  const pivot = new Pivot(sessions, find, eventPanels, (session) => view.reveal(session));
  const uriHandler = new EventUriHandler(sessions, pivot, quiet);
  // the entry's hovers list the loaded events an ID names from now on; its vscode:// links come here
  standIns.use('events', pivot);
  standIns.use('uriHandler', uriHandler);
  context.subscriptions.push(
    registerCommand('pivot', (args: unknown) => pivot.find(args)),
    registerCommand('openEventById', (args: unknown) => pivot.openEvent(args)),
    registerCommand('findSelection', (args?: { query?: unknown; connectionId?: unknown }) => findSelection(pivot, args)),
    registerCommand('copyLinkToEvent', (target: unknown) => copyEventLink(extensionId, eventTarget(sessions, target))),
  );
  const inspectorLinks: InspectorLinks = {
    findId: async (value, event, connectionName) => {
      const kind = idKindOf(value);
      if (kind) await pivot.findNear(value.trim(), kind, sessionOf(sessions, event, connectionName));
    },
    copyLink: async (event, connectionName) => {
      const session = sessionOf(sessions, event, connectionName);
      await copyEventLink(extensionId, session && { session, event });
    },
  };
  return { uriHandler, inspectorLinks };
}

/** "Find Selection in Timeline": the text given, or the active editor's selection. */
function findSelection(pivot: Pivot, args?: { query?: unknown; connectionId?: unknown }): ReturnType<Pivot['find']> {
  const editor = vscode.window.activeTextEditor;
  const query = typeof args?.query === 'string' ? args.query : editor?.document.getText(editor.selection);
  if (!query?.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to find in the timeline first.'));
    return Promise.resolve(undefined);
  }
  return pivot.find({ query, kind: idKindOf(query), connectionId: args?.connectionId });
}
