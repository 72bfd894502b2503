import * as vscode from 'vscode';
import { type RequestLimits, requestLimits } from '../../core/limits';

/**
 * The user's settings, read fresh each time a timeline is created and clamped, since a workspace's settings
 * file may set them too. In an untrusted workspace only the user's own values count.
 */
export function readSettings(): RequestLimits {
  const config = vscode.workspace.getConfiguration('timelineViewer');
  const value = (key: string): unknown => (vscode.workspace.isTrusted ? config.get(key) : config.inspect(key)?.globalValue);
  return requestLimits({ pageSize: value('pageSize'), timeoutSeconds: value('requestTimeoutSeconds'), maxMegabytes: value('maxResponseMegabytes') });
}
