import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';

/** Find's scriptable contract (`timelineViewer.find`): what pivots call, holding no timeline logic of their own. */
export interface FindArgs {
  readonly connectionId: string;
  readonly query: string;
  readonly maxPages?: number;
}

export interface FindResult {
  /** Event ids, newest first. */
  readonly matches: readonly string[];
  readonly pagesRead: number;
  /** The timeline's end was reached or the id was found. */
  readonly complete: boolean;
}

/** Runs Find without prompts; undefined when it failed (said in a message), was cancelled, or answered with something else. */
export async function runFind(args: FindArgs): Promise<FindResult | undefined> {
  let result: unknown;
  try {
    result = await vscode.commands.executeCommand('timelineViewer.find', args);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Find in Timeline failed: {0}', displayText(error instanceof Error ? error.message : String(error), 500)));
    return undefined;
  }
  if (typeof result !== 'object' || result === null) return undefined;
  const { matches, pagesRead, complete } = result as Record<string, unknown>;
  if (!Array.isArray(matches) || !matches.every((m) => typeof m === 'string') || typeof pagesRead !== 'number') return undefined;
  return { matches: matches as string[], pagesRead, complete: complete === true };
}
