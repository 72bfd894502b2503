import * as vscode from 'vscode';

/** Every command of the extension; the manifest declares them under the same prefix. */
export const COMMAND_PREFIX = 'timelineViewer.';

/**
 * Registers `timelineViewer.<id>`: the one place the prefix is added. A handler takes what a menu passes (the
 * row it was invoked on) or what a script passes (ids and options), and resolves to its result.
 */
export function registerCommand(id: string, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(COMMAND_PREFIX + id, handler as (...args: unknown[]) => unknown);
}

/** A script's impossible request rejects the command with the sentence, which the user also sees. */
export function refuse(message: string): never {
  void vscode.window.showErrorMessage(message);
  throw new Error(message);
}
