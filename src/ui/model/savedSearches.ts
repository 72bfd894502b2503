import * as vscode from 'vscode';
import { appliesTo, parseSavedSearches, type SavedSearch, withSavedSearch } from '../../core/savedSearch';

const SECTION = 'timelineViewer';
const KEY = 'savedSearches';

/**
 * The saved searches of the user's settings, then the workspace's (a trusted workspace only), each checked as
 * Find and Filter check what is typed; a name the user's settings already hold is theirs. A wrong entry is
 * left out and named in `problems` (the others still run).
 */
export function savedSearchSettings(): SavedSearchSettings {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY);
  // every connection row asks on every refresh: the entries are checked again only when the settings change
  const key = JSON.stringify([inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue, vscode.workspace.isTrusted]);
  if (cached?.key !== key) cached = { key, settings: checked(inspected) };
  return cached.settings;
}

interface SavedSearchSettings {
  readonly searches: readonly SavedSearch[];
  readonly problems: readonly string[];
}

let cached: { readonly key: string; readonly settings: SavedSearchSettings } | undefined;

function checked(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): SavedSearchSettings {
  const levels: [string, unknown][] = [[vscode.l10n.t('User settings'), inspected?.globalValue]];
  const workspace: [string, unknown][] = [[vscode.l10n.t('Workspace settings'), inspected?.workspaceValue], [vscode.l10n.t('Folder settings'), inspected?.workspaceFolderValue]];
  const problems: string[] = [];
  if (vscode.workspace.isTrusted) levels.push(...workspace);
  else if (workspace.some(([, value]) => value !== undefined)) problems.push(vscode.l10n.t("The workspace's saved searches are read once you trust it."));
  const byName = new Map<string, SavedSearch>();
  for (const [level, value] of levels) {
    const parsed = parseSavedSearches(value, Date.now());
    problems.push(...parsed.problems.map((p) => `${level}: ${p}`));
    for (const search of parsed.searches) if (!byName.has(search.name.toLowerCase())) byName.set(search.name.toLowerCase(), search);
  }
  return { searches: [...byName.values()], problems };
}

export function readSavedSearches(): readonly SavedSearch[] {
  return savedSearchSettings().searches;
}

/** The saved searches offered for a connection. */
export function savedSearchesFor(connectionId: string): SavedSearch[] {
  return readSavedSearches().filter((s) => appliesTo(s, connectionId));
}

/** Saves a search in the user's settings, replacing one of the same name. Rejects with the sentence when it cannot. */
export async function saveSearch(search: SavedSearch): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const next = withSavedSearch(config.inspect<unknown>(KEY)?.globalValue, search);
  if ('error' in next) throw new Error(next.error);
  await config.update(KEY, next, vscode.ConfigurationTarget.Global);
}

export function onDidChangeSavedSearches(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SECTION}.${KEY}`)) listener();
  });
}
