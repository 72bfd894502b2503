import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { refuse } from '../command';
import { appliesTo, parseSavedSearch, type SavedSearch } from '../../core/savedSearch';
import { readSavedSearches, saveSearch } from '../model/savedSearches';
import { searchOf } from '../model/searches';
import type { SessionRegistry } from '../model/sessionRegistry';
import { type ConnectionTarget, targetSession } from '../tree/targets';
import type { ConnectionSecrets } from '../model/secrets';
import type { FindCommands, FindOutcome } from './findCommands';
import { storedSecretTest } from './queryHistory';

/** Save Search… and Run Saved Search: a connection's search and filter kept by name in the user's settings. */
export class SavedSearchCommands {
  constructor(
    private readonly sessions: SessionRegistry,
    private readonly find: FindCommands,
    private readonly secrets: Pick<ConnectionSecrets, 'get'>,
  ) {}

  /**
   * Saves the connection's current query and filter as `name` (asked when not given), for that connection.
   * Resolves to what was saved; rejects with the sentence when there is nothing to save or it cannot be.
   */
  async save(target?: ConnectionTarget, name?: string): Promise<SavedSearch | undefined> {
    const session = await targetSession(this.sessions, target, { placeHolder: vscode.l10n.t('Save the search of which connection?'), takeOnly: true });
    if (!session) return undefined;
    const query = searchOf(session.timeline)?.query;
    const { filter } = session;
    if (query === undefined && filter === undefined) return refuse(vscode.l10n.t('{0} has no search and no filter to save: find or filter first.', displayText(session.connection.name, 80)));
    const named = name ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Save Search'), prompt: vscode.l10n.t('A name for this search'), value: query ?? '' }));
    if (named === undefined) return undefined;
    const search = parseSavedSearch({ name: named, query, filter, connections: [session.connection.id] }, Date.now());
    if ('error' in search) return refuse(search.error);
    // settings are plain text that may be synced or shared: a secret is never written there
    const isSecret = await storedSecretTest(this.secrets, this.sessions.list().map((s) => s.connection.id));
    if (isSecret(search.name) || isSecret(search.query ?? '') || isSecret(JSON.stringify(search.filter ?? {}))) {
      return refuse(vscode.l10n.t('That search holds a stored secret, so it is not saved in settings.'));
    }
    try {
      await saveSearch(search);
    } catch (e) {
      return refuse(e instanceof Error ? e.message : String(e));
    }
    return search;
  }

  /** Runs a saved search by name on a connection it applies to; asks for whichever is not given. */
  async run(name?: string, connectionId?: string): Promise<FindOutcome | undefined> {
    const all = readSavedSearches();
    const saved = name === undefined ? await pickSaved(all) : all.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
    if (!saved) return name === undefined ? undefined : refuse(vscode.l10n.t('No saved search is named "{0}".', displayText(name, 100)));
    const session = await targetSession(this.sessions, connectionId, {
      placeHolder: vscode.l10n.t('Run "{0}" on which connection?', displayText(saved.name, 80)),
      eligible: (s) => appliesTo(saved, s.connection.id),
      takeOnly: true,
    });
    if (!session) return undefined;
    if (!appliesTo(saved, session.connection.id)) return refuse(vscode.l10n.t('"{0}" is saved for other connections.', displayText(saved.name, 80)));
    return this.find.runSaved(saved, [session]);
  }
}

async function pickSaved(all: readonly SavedSearch[]): Promise<SavedSearch | undefined> {
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No search is saved yet: run Save Search… on a search or a filtered connection.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    all.map((s) => ({ label: displayText(s.name, 100), description: displayText(s.query ?? vscode.l10n.t('filter only'), 100), search: s })),
    { placeHolder: vscode.l10n.t('Run which saved search?') },
  );
  return picked?.search;
}
