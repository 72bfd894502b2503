import * as vscode from 'vscode';
import { type CurlRequest, curlCommand, timelineCurlRequest } from '../../core/curl';
import { displayText } from '../../core/displayText';
import { isTimelineError } from '../../core/errors';
import { genericCurlRequest } from '../../sources/generic/curl';
import type { Connection } from '../model/connection';
import { genericMapping } from '../model/genericConnection';
import type { LastRequests } from '../model/lastRequests';
import { talentApiVersion } from '../model/sources';

/**
 * Copies the connection's last request as a curl command and says, in the notification, which variable to set:
 * the clipboard gets the command alone, nothing from the connection's name. Resolves to the command.
 * `user`: the user's connection a workspace entry of the same id stands in for (its headers were sent).
 */
export async function copyRequestAsCurl(connection: Connection, lastRequests: LastRequests, user?: Connection): Promise<string | undefined> {
  const name = displayText(connection.name, 80);
  const entry = lastRequests.get(connection.id);
  if (!entry) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has made no request yet.', name));
    return undefined;
  }
  let request: CurlRequest;
  let what: string;
  try {
    // The API version and the mapping are checked again: the settings may have changed since the request.
    if (connection.kind === 'generic') {
      const built = genericCurlRequest(entry, genericMapping(connection, connection.shadowsUser ? user : undefined));
      if ('error' in built) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The last request of "{0}" cannot be copied as one curl command: {1}', name, built.error));
        return undefined;
      }
      request = built;
      what = vscode.l10n.t('the secret of "{0}"', name);
    } else {
      const talent = connection.kind === 'talentlms';
      request = timelineCurlRequest(entry, talent ? { kind: 'talentlms', apiVersion: talentApiVersion(connection) } : { kind: 'pismo' });
      what = talent ? vscode.l10n.t('the TalentLMS API key of "{0}"', name) : vscode.l10n.t('an account token for "{0}"', name);
    }
  } catch (e) {
    if (!isTimelineError(e)) throw e;
    void vscode.window.showErrorMessage(displayText(e.message, 500));
    return undefined;
  }
  let command: string;
  try {
    command = curlCommand(request);
  } catch (e) {
    // a header the mapping sends that no shell could be given as typed
    if (!(e instanceof RangeError)) throw e;
    void vscode.window.showErrorMessage(vscode.l10n.t('The last request of "{0}" cannot be copied as one curl command: {1}', name, e.message));
    return undefined;
  }
  await vscode.env.clipboard.writeText(command);
  void vscode.window.showInformationMessage(
    request.secret
      ? vscode.l10n.t('Copied the request as a curl command. It reads the secret from the environment: set {0} to {1} before running it.', request.secret.variable, what)
      : vscode.l10n.t('Copied the request as a curl command.'),
  );
  return command;
}
