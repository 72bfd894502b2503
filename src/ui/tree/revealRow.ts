import type * as vscode from 'vscode';

/**
 * Shows a row in the Timeline view. VS Code rejects a reveal when the whole tree refreshed while it fetched the row's
 * parent (a tail's page, a setting, another account can refresh it at any moment), so it tries once more, after
 * that refresh. A row it still cannot show stays where it is: the command's own work is done, so it is not failed.
 */
export async function revealRow<T>(treeView: Pick<vscode.TreeView<T>, 'reveal'>, row: T, options: Parameters<vscode.TreeView<T>['reveal']>[1]): Promise<boolean> {
  for (let attempt = 1; attempt <= REVEAL_ATTEMPTS; attempt++) {
    try {
      await treeView.reveal(row, options);
      return true;
    } catch {
      // VS Code chains the next reveal after the refresh that made this one fail
    }
  }
  return false;
}

const REVEAL_ATTEMPTS = 2;
