import * as vscode from 'vscode';
import { EVENT_LINK_PATH, canLink, eventLinkQuery } from '../../core/eventLink';
import type { EventTarget } from '../tree/targets';

/** `vscode://timeline-viewer.timeline-viewer/event?connection=…&event=…` (the scheme of this editor: Insiders, VSCodium…). */
export function eventLinkFor(extensionId: string, { session, event }: EventTarget): string | undefined {
  const { tenant, accountId, externalAccount } = session.connection;
  // an account's link names its tenant and its number; one opened by an external id cannot be linked to
  if (tenant && externalAccount) return undefined;
  const connectionId = tenant?.id ?? session.connection.id;
  const account = tenant ? accountId : undefined;
  if (!canLink(connectionId, event.id, account)) return undefined;
  return `${vscode.env.uriScheme}://${extensionId}${EVENT_LINK_PATH}?${eventLinkQuery({ connectionId, accountId: account, eventId: event.id })}`;
}

/** "Copy Link to Event": puts the link on the clipboard and resolves to it. */
export async function copyEventLink(extensionId: string, target: EventTarget | undefined): Promise<string | undefined> {
  if (!target) return undefined;
  const link = eventLinkFor(extensionId, target);
  if (!link) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This event cannot be linked to: its connection id or event id has characters a link cannot carry.'));
    return undefined;
  }
  await vscode.env.clipboard.writeText(link);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied a link to the event.'), 3000);
  return link;
}
