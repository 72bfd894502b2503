import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { parseJsonTree, decodeJsonString } from '../../core/jsonTokens';
import { rawText } from '../../core/rawPage';
import { refuse, registerCommand } from '../command';
import type { Model } from '../model/model';
import type { TreeNode } from '../tree/treeNode';
import { eventTarget, knownSession, targetSession } from '../tree/targets';
import { CustomEventDocuments } from './customEventDocuments';
import { sendCustomEventDocument } from './sendCustomEvent';

/** Add Custom Event, Send Again as Custom Event and Send: writing to a Pismo account's timeline, behind a guard. */
export function registerCustomEvents(context: vscode.ExtensionContext, model: Model): CustomEventDocuments {
  const { sessions } = model;
  const documents = new CustomEventDocuments(sessions);
  const accountSession = async (target: TreeNode | string | undefined) => {
    const session = target === undefined ? await targetSession(sessions, undefined, { placeHolder: vscode.l10n.t('Add a custom event to which account?'), eligible: (s) => s.connection.kind === 'pismo' }) : knownSession(sessions, target);
    if (session && session.connection.kind !== 'pismo') return refuse(vscode.l10n.t('"{0}" is not a Pismo account: custom events go to Pismo timelines.', displayText(session.connection.name, 60)));
    return session;
  };
  context.subscriptions.push(
    documents,
    registerCommand('addCustomEvent', async (target?: TreeNode | string) => {
      const session = await accountSession(target);
      return session && (await documents.open(session)).toString();
    }),
    registerCommand('sendAgainAsCustomEvent', async (target: unknown) => {
      const found = eventTarget(sessions, target);
      if (!found || found.session.connection.kind !== 'pismo') return undefined;
      const { event } = found;
      return (await documents.open(found.session, { type: event.type, category: event.itemCategory ?? event.category, dataJson: dataOf(rawText(event.raw)) })).toString();
    }),
    registerCommand('sendCustomEvent', (uri?: unknown, options?: { confirm?: unknown }) => sendCustomEventDocument(model, documents, uri, options)),
  );
  return documents;
}

/** The `data` member of an event's JSON text, exactly as sent (numbers keep every digit); undefined without one. */
function dataOf(json: string): string | undefined {
  try {
    const root = parseJsonTree(json);
    const data = root.children?.find((m) => m.keyStart >= 0 && decodeJsonString(json.slice(m.keyStart, m.keyEnd)) === 'data');
    return data && json.slice(data.start, data.end);
  } catch {
    return undefined;
  }
}
