import * as vscode from 'vscode';
import { idKindOf } from './core/idShapes';
import { Redactor } from './core/redact';
import { registerCommands } from './ui/inspector/register';
import { ConnectionStore } from './ui/model/connection';
import { ConnectionCommands } from './ui/connections/connectionCommands';
import { DemoService } from './ui/model/demo';
import { EVENT_SCHEME, EventDocuments } from './ui/inspector/eventDocument';
import { EventPanelManager } from './ui/inspector/eventPanel';
import { registerFilterCommands } from './ui/filter/register';
import { FilterStore } from './ui/model/filterStore';
import { RequestLog } from './ui/model/log';
import { askForSecrets, confirmSecretAddress, ConnectionSecrets } from './ui/model/secrets';
import { VIEW_ID } from './ui/model/session';
import { SessionRegistry } from './ui/model/sessionRegistry';
import { readSettings } from './ui/model/settings';
import { offerToMoveSecrets } from './ui/connections/settingsSecrets';
import { createSource } from './ui/model/sources';
import { TimelineStatusBar } from './ui/tree/statusBar';
import { TimelineTreeProvider } from './ui/tree/provider';
import { copyEventLink } from './ui/links/copyLink';
import { sessionOf } from './ui/tree/targets';
import { Pivot } from './ui/links/pivot';
import { QuietPrompts } from './ui/model/quietPrompts';
import { registerPivots } from './ui/links/register';
import type { EventUriHandler } from './ui/links/uriHandler';
import { LastRequests } from './ui/connections/requestCurl';
import { LiveTails } from './ui/watch/liveTails';
import { registerWatchCommands } from './ui/watch/register';
import { onDidChangeTimeFormat } from './ui/tree/timeFormat';

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
}

export function activate(context: vscode.ExtensionContext): TimelineViewerApi {
  const log = new RequestLog();
  const redactor = new Redactor();
  const demo = new DemoService();
  const secrets = new ConnectionSecrets(context.secrets, redactor);
  const store = new ConnectionStore(context.globalState);
  // A link being followed on a connection holds its prompts: a link never asks for a secret.
  const quiet = new QuietPrompts();
  const ask = quiet.guard(askForSecrets, undefined);
  const confirmAddress = quiet.guard(confirmSecretAddress, false);
  const sourceDeps = { demo, redactor, secrets, ask, onRequest: log.write, userConnection: (id: string) => store.userConnection(id), confirmAddress };
  const lastRequests = new LastRequests();
  const sessions = new SessionRegistry(store, (c) => createSource(c, { ...sourceDeps, onRequest: lastRequests.recorder(c, log.write) }), () => readSettings().pageSize, new FilterStore(context.workspaceState));
  const tree = new TimelineTreeProvider(sessions);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new TimelineStatusBar(sessions);
  const tails = new LiveTails(sessions, treeView, (session) => tree.refresh(tree.connectionNode(session)));
  const connections = new ConnectionCommands(store, secrets, sessions);
  const documents = new EventDocuments(sessions);
  const eventPanels = new EventPanelManager(context.extensionUri, {
    openDocument: async (event) => void (await documents.open(event)),
    compareWith: (event) => documents.compare(event),
    findId: async (value, event, connectionName) => {
      const kind = idKindOf(value);
      if (kind) await pivot.findNear(value.trim(), kind, sessionOf(sessions, event, connectionName));
    },
    copyLink: async (event, connectionName) => {
      const session = sessionOf(sessions, event, connectionName);
      await copyEventLink(context.extension.id, session && { session, event });
    },
  });
  const pivot = new Pivot(sessions, eventPanels, async (session) => {
    await treeView.reveal(tree.connectionNode(session), { expand: true, focus: false, select: false });
  });
  const pivots = registerPivots({ extensionId: context.extension.id, sessions, documents, pivot, quiet });

  context.subscriptions.push(
    log,
    demo,
    store,
    sessions,
    tree,
    treeView,
    statusBar,
    eventPanels,
    // Synchronously in activate(), so panels left open are restored after a reload.
    eventPanels.registerSerializer(),
    eventPanels.registerCommands(),
    vscode.workspace.registerTextDocumentContentProvider(EVENT_SCHEME, documents),
    ...registerCommands({ store, sessions, tree, treeView, connections, documents, eventPanels }),
    ...registerFilterCommands({ sessions, tree, treeView }),
    pivots.disposable,
    tails,
    ...registerWatchCommands({ sessions, tails, lastRequests }),
    onDidChangeTimeFormat(() => tree.refreshAll()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('timelineViewer.connections')) void offerToMoveSecrets(secrets);
    }),
  );
  // Not needed to show the view: checked once activation is done.
  setTimeout(() => void offerToMoveSecrets(secrets), 0);
  return { sessions, tree, treeView, demo, secrets, statusBar, redactor, eventPanels, documents, logUri: context.logUri, uriHandler: pivots.uriHandler, tails };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
