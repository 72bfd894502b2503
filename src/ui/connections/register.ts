import * as vscode from 'vscode';
import { registerCommand } from '../command';
import { DEMO_CONNECTIONS } from '../model/connection';
import type { Model } from '../model/model';
import type { SecretBundle } from '../model/secrets';
import type { TimelineView } from '../tree/timelineView';
import { type ConnectionTarget, targetSession } from '../tree/targets';
import { ConnectionCommands, type NewConnection } from './connectionCommands';
import { copyRequestAsCurl } from './requestCurl';
import { offerToMoveSecrets } from './settingsSecrets';
import { testMapping } from './testMapping';
import { openTimelineFileCommand } from './timelineFileCommand';

/** Try the Demo, Add / Edit / Remove Connection, Test Mapping, Open Timeline File, Set Secret, Copy Request as cURL, and the offer to move secrets out of settings. */
export function registerConnections(context: vscode.ExtensionContext, model: Model, view: TimelineView): void {
  const { store, secrets, sessions, lastRequests } = model;
  const connections = new ConnectionCommands(store, secrets, sessions);
  context.subscriptions.push(
    registerCommand('tryDemo', async () => {
      await store.addDemo();
      const first = sessions.get(DEMO_CONNECTIONS[0].id);
      if (first) await view.reveal(first, { focus: true, select: true });
      return DEMO_CONNECTIONS.map((c) => c.id);
    }),
    registerCommand('addConnection', async (args?: NewConnection) => {
      const id = await connections.add(args);
      // a person adding another API sees at once what its mapping reads
      if (id && args === undefined && store.get(id)?.kind === 'generic') void testMapping(sessions, id);
      return id;
    }),
    registerCommand('openTimelineFile', (path?: unknown) => openTimelineFileCommand(model, path)),
    registerCommand('testMapping', (target?: ConnectionTarget) => testMapping(sessions, target)),
    registerCommand('editConnection', (target?: ConnectionTarget, changes?: Parameters<ConnectionCommands['edit']>[1], options?: { moveSecret?: boolean }) =>
      connections.edit(target, changes, options),
    ),
    registerCommand('removeConnection', (target?: ConnectionTarget, options?: { confirm?: boolean }) => connections.remove(target, options)),
    registerCommand('setSecret', (target?: ConnectionTarget, secret?: SecretBundle | string) => connections.setSecret(target, secret)),
    registerCommand('copyRequestAsCurl', async (target?: ConnectionTarget): Promise<string | undefined> => {
      const session = await targetSession(sessions, target, { placeHolder: vscode.l10n.t('Copy the last request of which connection?') });
      return session && copyRequestAsCurl(session.connection, lastRequests, store.userConnection(session.connection.id));
    }),
    store.onDidChange(() => model.files.keepOnly(new Set(store.list().map((c) => c.id)))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('timelineViewer.connections')) void offerToMoveSecrets(secrets);
    }),
  );
  // Not needed to show the view: checked once activation is done.
  setTimeout(() => void offerToMoveSecrets(secrets), 0);
}
