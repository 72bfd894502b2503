import type * as vscode from 'vscode';
import { type IsSecret, SearchHistory } from '../../core/searchHistory';
import type { ConnectionSecrets } from '../model/secrets';

const KEY = 'timelineViewer.searchHistory';
/** Shorter values are not masked by the Redactor either: containing one says nothing. */
const MIN_SECRET_CHARS = 4;

/**
 * Each connection's recent Find queries in the workspace state, newest first. A query holding a stored secret
 * is never kept: the secrets are read from SecretStorage each time one is remembered, and any kept query that
 * has since become a secret is dropped then too.
 */
export class QueryHistory {
  private readonly history: SearchHistory;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: Pick<ConnectionSecrets, 'get'>,
    private readonly connectionIds: () => readonly string[],
  ) {
    // the secrets are not at hand yet; the first remember() purges what they rule out
    this.history = SearchHistory.fromState(state.get<unknown>(KEY), () => false);
  }

  recent(connectionId: string): readonly string[] {
    return this.history.recent(connectionId);
  }

  async remember(connectionId: string, query: string): Promise<void> {
    const isSecret = await storedSecretTest(this.secrets, this.connectionIds());
    this.history.purge(isSecret);
    this.history.remember(connectionId, query, isSecret);
    await this.state.update(KEY, this.history.toState());
  }
}

/**
 * A test for text holding any secret the given connections store, read from SecretStorage when it is built: what
 * a query must not hold to be kept in the workspace state or saved in settings.
 */
export async function storedSecretTest(secrets: Pick<ConnectionSecrets, 'get'>, connectionIds: readonly string[]): Promise<IsSecret> {
  const bundles = await Promise.all(connectionIds.map((id) => secrets.get(id)));
  const values = bundles.flatMap((b) => Object.values(b ?? {})).filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_CHARS);
  return (query) => values.some((secret) => query.includes(secret));
}
