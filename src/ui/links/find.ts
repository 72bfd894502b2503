import * as vscode from 'vscode';

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

/** The pages Find reads by default. Workspace settings are untrusted: a cloned repository cannot make it unbounded. */
export function findMaxPages(): number {
  const value = vscode.workspace.getConfiguration('timelineViewer').get<number>('find.maxPages', 100);
  return Number.isSafeInteger(value) && value > 0 ? Math.min(value, 10_000) : 100;
}

/** Runs Find without prompts; undefined when it was cancelled or answered with something else. */
export async function runFind(args: FindArgs): Promise<FindResult | undefined> {
  const result: unknown = await vscode.commands.executeCommand('timelineViewer.find', args);
  if (typeof result !== 'object' || result === null) return undefined;
  const { matches, pagesRead, complete } = result as Record<string, unknown>;
  if (!Array.isArray(matches) || !matches.every((m) => typeof m === 'string') || typeof pagesRead !== 'number') return undefined;
  return { matches: matches as string[], pagesRead, complete: complete === true };
}
