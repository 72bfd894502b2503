import * as vscode from 'vscode';
import { Redactor } from './core/redact';
import { registerCommands } from './ui/commands';
import { ConnectionStore } from './ui/connection';
import { ConnectionCommands } from './ui/connectionCommands';
import { DemoService } from './ui/demo';
import { EVENT_SCHEME, EventDocuments } from './ui/eventDocument';
import { EventPanelManager } from './ui/eventPanel';
import { RequestLog } from './ui/log';
import { askForSecrets, ConnectionSecrets } from './ui/secrets';
import { VIEW_ID } from './ui/session';
import { SessionRegistry } from './ui/sessions';
import { readSettings } from './ui/settings';
import { offerToMoveSecrets } from './ui/settingsSecrets';
import { createSource } from './ui/sources';
import { TimelineStatusBar } from './ui/statusBar';
import { TimelineTreeProvider } from './ui/tree/provider';
import { LastRequests } from './ui/requestCurl';
import { LiveTails } from './ui/tail';
import { registerWatchCommands } from './ui/tailCommands';
import { onDidChangeTimeFormat } from './ui/timeFormat';

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
  readonly tails: LiveTails;
}

export function activate(context: vscode.ExtensionContext): TimelineViewerApi {
  const log = new RequestLog();
  const redactor = new Redactor();
  const demo = new DemoService();
  const secrets = new ConnectionSecrets(context.secrets, redactor);
  const store = new ConnectionStore(context.globalState);
  const sourceDeps = { demo, redactor, secrets, ask: askForSecrets, onRequest: log.write };
  const lastRequests = new LastRequests();
  const sessions = new SessionRegistry(store, (c) => createSource(c, { ...sourceDeps, onRequest: lastRequests.recorder(c, log.write) }), () => readSettings().pageSize);
  const tree = new TimelineTreeProvider(sessions);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new TimelineStatusBar(sessions);
  const tails = new LiveTails(sessions, treeView, (session) => tree.refresh(tree.connectionNode(session)));
  const connections = new ConnectionCommands(store, secrets, sessions);
  const documents = new EventDocuments(sessions);
  const eventPanels = new EventPanelManager(context.extensionUri, {
    openDocument: async (event) => void (await documents.open(event)),
    compareWith: (event) => documents.compare(event),
  });

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
    tails,
    ...registerWatchCommands({ sessions, tails, lastRequests }),
    onDidChangeTimeFormat(() => tree.refreshAll()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('timelineViewer.connections')) void offerToMoveSecrets(secrets);
    }),
  );
  // Not needed to show the view: checked once activation is done.
  setTimeout(() => void offerToMoveSecrets(secrets), 0);
  return { sessions, tree, treeView, demo, secrets, statusBar, redactor, eventPanels, documents, logUri: context.logUri, tails };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
