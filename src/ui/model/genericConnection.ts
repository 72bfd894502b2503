import * as vscode from 'vscode';
import { TimelineError } from '../../core/errors';
import { type SecretSlot, secretSlots } from '../../sources/generic/auth';
import type { GenericMapping } from '../../sources/generic/mapping';
import { checkMapping } from '../../sources/generic/mappingSchema';
import { presetById } from '../../sources/generic/presets';
import type { Connection } from './connection';

/** What a request goes out with: where only the user's own settings may say (README, Security). */
const USER_ONLY_KEYS = ['path', 'auth', 'headers'] as const;

/**
 * A generic connection's checked mapping: the preset's, with the connection's own `mapping` keys over it. A
 * workspace entry that hides a user connection takes the path, auth and headers from the user's entry. A
 * mapping that does not fit throws a configuration error listing what to fix, before anything is sent.
 */
export function genericMapping(connection: Connection, user?: Connection): GenericMapping {
  const preset = connection.preset === undefined ? undefined : presetById(String(connection.preset));
  if (connection.preset !== undefined && !preset) {
    throw new TimelineError('config', vscode.l10n.t('Connection "{0}" names the preset "{1}", which does not exist.', connection.name, String(connection.preset)));
  }
  const own = ownMapping(connection);
  if (!preset && !own) throw new TimelineError('config', vscode.l10n.t('Connection "{0}" has kind "generic" but neither a "preset" nor a "mapping".', connection.name));
  const merged: Record<string, unknown> = { ...preset?.mapping, ...own };
  if (connection.shadowsUser && user) {
    const userMapping: Record<string, unknown> = { ...(user.preset ? presetById(String(user.preset))?.mapping : undefined), ...ownMapping(user) };
    for (const key of USER_ONLY_KEYS) merged[key] = userMapping[key];
  }
  const check = checkMapping(merged, 'mapping');
  if ('mapping' in check) return check.mapping;
  const more = check.problems.length > 3 ? vscode.l10n.t(' (and {0} more)', check.problems.length - 3) : '';
  throw new TimelineError('config', vscode.l10n.t('The mapping of "{0}" does not fit: {1}{2}', connection.name, check.problems.slice(0, 3).join(' '), more));
}

function ownMapping(connection: Connection): Record<string, unknown> | undefined {
  const { mapping } = connection;
  return mapping && typeof mapping === 'object' && !Array.isArray(mapping) ? (mapping as Record<string, unknown>) : undefined;
}

/** The secrets a generic connection's auth needs; none while its mapping does not fit (its node says why). */
export function genericSlots(connection: Connection): SecretSlot[] {
  try {
    return secretSlots(genericMapping(connection).auth);
  } catch {
    return [];
  }
}

/**
 * Asks before a connection that only this workspace's settings define sends anything: the workspace chose the
 * host, the path and what is sent. A modal question naming the host; declining sends nothing.
 */
export async function confirmWorkspaceApi(connection: Connection, base: URL): Promise<boolean> {
  const read = vscode.l10n.t('Read from {0}', base.host);
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace\'s settings define "{0}", which reads {1}. Read it?', connection.name, base.origin),
    { modal: true, detail: vscode.l10n.t('The workspace chose the host, the path and the headers sent. Read it only if you trust this folder with {0}.', base.host) },
    read,
  );
  return answer === read;
}
