import * as vscode from 'vscode';
import { registerCommand } from '../command';
import type { Model } from '../model/model';
import type { TimelineView } from '../tree/timelineView';
import { AccountCommands } from './accountCommands';

/** Open Account, Close Account and Open Account in Timeline (a selected number in an editor). */
export function registerAccounts(context: vscode.ExtensionContext, { store, sessions }: Model, view: TimelineView): AccountCommands {
  const accounts = new AccountCommands(store, store.tenantAccounts, sessions, (session) => view.reveal(session, { select: true }));
  context.subscriptions.push(
    registerCommand('openAccount', (tenant?: string, account?: unknown) => accounts.open(tenant, account)),
    registerCommand('closeAccount', (target?: string) => accounts.close(target)),
    registerCommand('openAccountFromSelection', () => {
      const editor = vscode.window.activeTextEditor;
      return accounts.openFromText(editor && editor.document.getText(editor.selection));
    }),
  );
  return accounts;
}
