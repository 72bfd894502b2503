import * as vscode from 'vscode';
import type { Redactor } from './core/redact';
import type { ActivityView } from './ui/activity/activityView';
import { registerActivity } from './ui/activity/register';
import { registerAccounts } from './ui/accounts/register';
import { registerCustomEvents } from './ui/customEvents/register';
import type { ChainPanels } from './ui/chain/chainPanels';
import { registerChain } from './ui/chain/register';
import type { ProfilePanels } from './ui/profile/profilePanels';
import { registerProfile } from './ui/profile/register';
import { sessionOf } from './ui/tree/targets';
import { registerConnections } from './ui/connections/register';
import { registerFilter } from './ui/filter/register';
import { registerFind } from './ui/find/register';
import type { EventDocuments } from './ui/inspector/eventDocument';
import type { EventPanelManager } from './ui/inspector/eventPanel';
import { registerInspector } from './ui/inspector/register';
import { registerLinks } from './ui/links/register';
import type { EventUriHandler } from './ui/links/uriHandler';
import type { DemoService } from './ui/model/demo';
import { createModel } from './ui/model/model';
import type { ConnectionSecrets } from './ui/model/secrets';
import type { SessionRegistry } from './ui/model/sessionRegistry';
import type { TimelineTreeProvider } from './ui/tree/provider';
import { registerTree } from './ui/tree/register';
import type { TimelineStatusBar } from './ui/tree/statusBar';
import type { LiveTails } from './ui/watch/liveTails';
import type { StandIns } from './ui/standIns';
import { registerWatch } from './ui/watch/register';

/** What activate() returns: the live objects, so integration tests can assert on the real tree. */
export interface TimelineViewerApi {
  readonly sessions: SessionRegistry;
  readonly tree: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  readonly demo: DemoService;
  readonly secrets: ConnectionSecrets;
  readonly statusBar: TimelineStatusBar;
  readonly redactor: Redactor;
  readonly eventPanels: EventPanelManager;
  readonly documents: EventDocuments;
  /** Where the log channel writes, so tests can check what reached it. */
  readonly logUri: vscode.Uri;
  /** Follows `vscode://…/event?…` links; tests call it as VS Code does. */
  readonly uriHandler: EventUriHandler;
  readonly tails: LiveTails;
  /** The correlation chains' panels; tests stand in for their pages through `receive`. */
  readonly chains: ChainPanels;
  /** The activity strip; tests stand in for its page through `receive`. */
  readonly activity: ActivityView;
  /** The Type Profile panels. */
  readonly profiles: ProfilePanels;
}

/**
 * The product, loaded by the entry (extension.ts) on first use: builds the model, then each feature in turn; every
 * feature registers its own commands, and what VS Code may ask for before this ran goes to the stand-ins.
 */
export function activateProduct(context: vscode.ExtensionContext, standIns: StandIns): TimelineViewerApi {
  const model = createModel(context);
  const view = registerTree(context, model, standIns);
  registerConnections(context, model, view);
  const inspector = registerInspector(context, model, standIns);
  const find = registerFind(context, model, view);
  registerFilter(context, model, view);
  const tails = registerWatch(context, model, view);
  const activity = registerActivity(context, model, standIns);
  const links = registerLinks(context, model, view, inspector.eventPanels, find, standIns);
  inspector.useLinks(links.inspectorLinks);
  const profiles = registerProfile(context, model, view);
  const accounts = registerAccounts(context, model, view);
  registerCustomEvents(context, model);
  links.uriHandler.useAccounts((tenantId, accountId) => accounts.open(tenantId, accountId, { confirmNew: true }));
  inspector.useAccounts({
    openAccount: async (event, connectionName) => void (await accounts.openFromText(event.accountId, sessionOf(model.sessions, event, connectionName)?.connection)),
  });
  const chains = registerChain(context, model, view, {
    openEvent: (event, session) => void inspector.eventPanels.show(event, session.connection.name, vscode.ViewColumn.Beside),
    search: async (session, correlationId) => (await find.find({ connectionId: session.connection.id, query: correlationId, text: true }))?.complete ?? false,
    searchFurther: async (session) => (await find.searchFurther(session.connection.id))?.complete ?? false,
  });
  inspector.usePictures({
    unusual: profiles.unusual,
    showChain: async (event, connectionName) => {
      const session = sessionOf(model.sessions, event, connectionName);
      if (session && event.correlationId) await chains.show(session, event.correlationId);
    },
  });
  const { sessions, demo, secrets, redactor } = model;
  const { tree, treeView, statusBar } = view;
  const { eventPanels, documents } = inspector;
  return { sessions, tree, treeView, demo, secrets, statusBar, redactor, eventPanels, documents, logUri: context.logUri, uriHandler: links.uriHandler, tails, chains, activity, profiles: profiles.panels };
}
