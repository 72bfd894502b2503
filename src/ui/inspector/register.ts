import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { StandIns } from '../standIns';
import { EventNode } from '../tree/nodes';
import { eventTarget } from '../tree/targets';
import { compareWithPrevious } from './comparePrevious';
import { EVENT_SCHEME, EventDocuments } from './eventDocument';
import { EventPanelManager, type InspectorAccounts, type InspectorLinks, type InspectorPictures } from './eventPanel';
import { copyShown, shownJson } from './shownJson';

export interface Inspector {
  readonly eventPanels: EventPanelManager;
  readonly documents: EventDocuments;
  /** Links are built on the inspector, so they are handed to it once they exist; until then an ID click does nothing. */
  useLinks(links: InspectorLinks): void;
  /** The pictures, handed over the same way. */
  usePictures(pictures: InspectorPictures): void;
  useAccounts(accounts: InspectorAccounts): void;
}

/**
 * The event inspector and its JSON documents: Open Event, Open as JSON Document, Compare…, Compare with Previous,
 * Copy Event ID / Correlation ID / JSON, the panel's context menu, its serializer and the documents' provider.
 */
export function registerInspector(context: vscode.ExtensionContext, { sessions }: Model, standIns: StandIns): Inspector {
  let links: InspectorLinks | undefined;
  let pictures: InspectorPictures | undefined;
  let accounts: InspectorAccounts | undefined;
  const documents = new EventDocuments(sessions);
  const eventPanels = new EventPanelManager(context.extensionUri, {
    openDocument: async (event) => void (await documents.open(event)),
    compareWith: (event) => documents.compare(event),
    findId: async (value, event, connectionName) => links?.findId(value, event, connectionName),
    copyLink: async (event, connectionName) => links?.copyLink(event, connectionName),
    unusual: async (event, connectionName) => pictures?.unusual(event, connectionName),
    showChain: async (event, connectionName) => pictures?.showChain(event, connectionName),
    openAccount: async (event, connectionName) => accounts?.openAccount(event, connectionName),
  });
  standIns.use('eventPanels', eventPanels.serializer());
  context.subscriptions.push(
    eventPanels,
    ...Object.entries(eventPanels.panelCommands()).map(([name, handler]) => registerCommand(`eventPanel.${name}`, handler)),
    vscode.workspace.registerTextDocumentContentProvider(EVENT_SCHEME, documents),
    registerCommand('openEvent', (node: EventNode) => eventPanels.show(node.event, node.session.connection.name)),
    registerCommand('openEventDocument', (node: EventNode) => documents.open(node.event, node.session.connection.id)),
    registerCommand('compareEvent', (node: EventNode) => documents.compare(node.event, node.session.connection.id)),
    registerCommand('compareWithPrevious', (target: unknown) => compareWithPrevious(documents, eventTarget(sessions, target))),
    registerCommand('copyEventId', (node: EventNode) => copyId(node, node.event.id)),
    registerCommand('copyCorrelationId', (node: EventNode) => copyId(node, node.event.correlationId)),
    registerCommand('copyJson', (node: EventNode) => node instanceof EventNode && copyShown(shownJson(node.event), vscode.l10n.t('Copied the event JSON.'))),
  );
  return { eventPanels, documents, useLinks: (given) => (links = given), usePictures: (given) => (pictures = given), useAccounts: (given) => (accounts = given) };
}

async function copyId(node: unknown, value: string | undefined): Promise<void> {
  if (!(node instanceof EventNode) || !value) return;
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', displayText(value, { max: 80, icons: true })), 2000);
}
