import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { SecretScope } from '../../core/secretScope';
import { parseBaseUrl } from '../../core/url';
import { type Connection, SECRET_FIELDS, SETTING, settingsLists, toConnection } from '../model/connection';
import type { ConnectionSecrets, SecretBundle } from '../model/secrets';

/** Where a settings field's value goes in the secret store. */
const FIELD_TO_SECRET: Record<(typeof SECRET_FIELDS)[number], keyof SecretBundle> = {
  apiKey: 'apiKey',
  api_key: 'apiKey',
  token: 'token',
  accessToken: 'token',
  serverKey: 'serverKey',
  server_key: 'serverKey',
  serverSecret: 'serverSecret',
  server_secret: 'serverSecret',
  secret: 'serverSecret',
  password: 'apiKey',
};

/** Workspace connections already warned about in this window, so a settings change does not repeat it. */
const warned = new Set<string>();

/**
 * Finds secrets typed into `timelineViewer.connections` by mistake. Those in the user's settings are offered
 * to be moved into the secret store (tied to the address of the entry they were typed into) and removed
 * from the settings file. Those in a workspace's settings are never imported, since any cloned folder can
 * carry one and it would replace the user's own secret: the user is warned instead. Returns how many
 * connections were moved.
 */
export async function offerToMoveSecrets(secrets: ConnectionSecrets, options: { ask: boolean } = { ask: true }): Promise<number> {
  const workspace = workspaceSecrets().filter((c) => !warned.has(c.id));
  if (workspace.length > 0) {
    workspace.forEach((c) => warned.add(c.id));
    void warnAboutWorkspaceSecrets(workspace);
  }
  const user = settingsLists().find((l) => l.level === 'user');
  const typed = (user?.list ?? []).filter(hasSecret);
  if (!user || typed.length === 0) return 0;
  if (options.ask) {
    const move = vscode.l10n.t('Move to Secret Storage');
    const names = typed.map((entry, index) => `"${displayText(toConnection(entry, index)?.name ?? '', 80)}"`).join(', ');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Your user settings file (settings.json) holds a secret of the Timeline Viewer connection {0}, where it can leak. Move it to VS Code\'s secret storage?', names),
      move,
    );
    if (answer !== move) return 0;
  }
  let moved = 0;
  const cleaned: unknown[] = [];
  for (const [index, entry] of user.list.entries()) {
    if (!hasSecret(entry)) {
      cleaned.push(entry);
      continue;
    }
    const connection = toConnection(entry, index);
    const rest: Record<string, unknown> = { ...(entry as Record<string, unknown>), id: connection?.id };
    const scope = connection && scopeOf(connection);
    // Fields already stored are kept only when they were given for the same address.
    const stored = connection && (await secrets.getBound(connection.id));
    const bundle: Record<string, unknown> = { ...(stored && scope && stored.scope?.toString() === scope.toString() ? stored.bundle : {}) };
    for (const field of SECRET_FIELDS) {
      if (typeof rest[field] === 'string') bundle[FIELD_TO_SECRET[field]] = rest[field] as string;
      delete rest[field];
    }
    if (connection) await secrets.set(connection.id, bundle, scope);
    cleaned.push(rest);
    moved++;
  }
  await vscode.workspace.getConfiguration('timelineViewer').update(SETTING, cleaned, user.target);
  return moved;
}

/** The connections of the workspace's settings that hold a secret; never imported. */
export function workspaceSecrets(): Connection[] {
  const workspace = settingsLists().find((l) => l.level === 'workspace');
  return (workspace?.list ?? []).flatMap((entry, index) => (hasSecret(entry) ? (toConnection(entry, index) ?? []) : []));
}

async function warnAboutWorkspaceSecrets(connections: readonly Connection[]): Promise<void> {
  const file = workspaceSettingsFile();
  const open = vscode.l10n.t('Open the File');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'This workspace\'s settings ({0}) hold a secret for the Timeline Viewer connection {1}. It was not imported and is never sent: remove it from that file, and use Set Secret if the connection needs one.',
      file ? vscode.workspace.asRelativePath(file) : vscode.l10n.t('workspace settings'),
      connections.map((c) => `"${displayText(c.name, 80)}"`).join(', '),
    ),
    ...(file ? [open] : []),
  );
  if (answer === open && file) await vscode.window.showTextDocument(file);
}

/** The file that holds workspace settings: the .code-workspace file, or the folder's .vscode/settings.json. */
function workspaceSettingsFile(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return vscode.workspace.workspaceFile ?? (folder && vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
}

function scopeOf(connection: Connection): SecretScope | undefined {
  try {
    return SecretScope.of(parseBaseUrl(connection.baseUrl));
  } catch {
    return undefined;
  }
}

function hasSecret(entry: unknown): boolean {
  return !!entry && typeof entry === 'object' && SECRET_FIELDS.some((f) => typeof (entry as Record<string, unknown>)[f] === 'string');
}
