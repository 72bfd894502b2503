import * as vscode from 'vscode';
import { SECRET_FIELDS, SETTING, settingsLists, toConnection } from './connection';
import type { ConnectionSecrets, SecretBundle } from './secrets';

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

/**
 * Finds secrets typed into `timelineViewer.connections` by mistake and offers to move them into the
 * secret store, removing them from the settings file. Returns how many connections were cleaned.
 */
export async function offerToMoveSecrets(secrets: ConnectionSecrets, options: { ask: boolean } = { ask: true }): Promise<number> {
  const config = vscode.workspace.getConfiguration('timelineViewer');
  let moved = 0;
  for (const { list: value, target } of settingsLists()) {
    if (!value.some(hasSecret)) continue;
    if (options.ask) {
      const move = vscode.l10n.t('Move to Secret Storage');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('A Timeline Viewer connection has a secret in your settings file, where it can leak. Move it to VS Code\'s secret storage?'),
        move,
      );
      if (answer !== move) continue;
    }
    const cleaned: unknown[] = [];
    for (const [index, entry] of value.entries()) {
      if (!hasSecret(entry)) {
        cleaned.push(entry);
        continue;
      }
      const connection = toConnection(entry, index);
      const rest: Record<string, unknown> = { ...(entry as Record<string, unknown>), id: connection?.id };
      const bundle: Record<string, string> = { ...((connection && (await secrets.get(connection.id))) ?? {}) };
      for (const field of SECRET_FIELDS) {
        if (typeof rest[field] === 'string') bundle[FIELD_TO_SECRET[field]] = rest[field] as string;
        delete rest[field];
      }
      if (connection) await secrets.set(connection.id, bundle);
      cleaned.push(rest);
      moved++;
    }
    await config.update(SETTING, cleaned, target);
  }
  return moved;
}

function hasSecret(entry: unknown): boolean {
  return !!entry && typeof entry === 'object' && SECRET_FIELDS.some((f) => typeof (entry as Record<string, unknown>)[f] === 'string');
}
