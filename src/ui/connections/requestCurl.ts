import * as vscode from 'vscode';
import { curlCommand, timelineCurlRequest } from '../../core/curl';
import { displayText } from '../../core/displayText';
import { isTimelineError } from '../../core/errors';
import type { Connection } from '../model/connection';
import type { LastRequests } from '../model/lastRequests';
import { talentApiVersion } from '../model/sources';

/**
 * Copies the connection's last request as a curl command and says, in the notification, which variable to set:
 * the clipboard gets the command alone, nothing from the connection's name. Resolves to the command.
 */
export async function copyRequestAsCurl(connection: Connection, lastRequests: LastRequests): Promise<string | undefined> {
  const name = displayText(connection.name, 80);
  const entry = lastRequests.get(connection.id);
  if (!entry) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has made no request yet.', name));
    return undefined;
  }
  if (connection.kind !== 'pismo' && connection.kind !== 'talentlms') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Copy Request as cURL knows the Pismo and TalentLMS requests only, not yet those of "{0}".', name));
    return undefined;
  }
  const talent = connection.kind === 'talentlms';
  let request: ReturnType<typeof timelineCurlRequest>;
  try {
    // The API version is checked again: the settings may have changed since the request.
    request = timelineCurlRequest(entry, talent ? { kind: 'talentlms', apiVersion: talentApiVersion(connection) } : { kind: 'pismo' });
  } catch (e) {
    if (!isTimelineError(e)) throw e;
    void vscode.window.showErrorMessage(displayText(e.message, 500));
    return undefined;
  }
  const command = curlCommand(request);
  await vscode.env.clipboard.writeText(command);
  const what = talent ? vscode.l10n.t('the TalentLMS API key of "{0}"', name) : vscode.l10n.t('an account token for "{0}"', name);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied the request as a curl command. It reads the secret from the environment: set {0} to {1} before running it.', request.secret.variable, what),
  );
  return command;
}
