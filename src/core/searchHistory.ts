import { MAX_QUERY_CHARS } from './query/parse';

/** Recent queries offered per connection. */
export const MAX_RECENT_QUERIES = 50;
/** Connections whose history is kept: more than any workspace configures, so state cannot grow without end. */
const MAX_CONNECTIONS = 200;
const MAX_CONNECTION_ID_CHARS = 200;

/** What workspace state holds: each connection's recent queries, newest first, as plain JSON. */
export type SearchHistoryState = Readonly<Record<string, readonly string[]>>;

/**
 * Tells a query that must not be kept: the UI compares it with the secrets in SecretStorage (a token pasted
 * into Find by mistake must not land in workspace state). It receives the query trimmed.
 */
export type IsSecret = (query: string) => boolean;

/** The queries recently run per connection, newest first, each once, never a secret. */
export class SearchHistory {
  private readonly byConnection = new Map<string, string[]>();

  /**
   * The history workspace state holds. State is written by this extension, but an older version or a hand
   * edit may have left anything there: what is not a list of queries is dropped, and so is any secret.
   */
  static fromState(state: unknown, isSecret: IsSecret): SearchHistory {
    const history = new SearchHistory();
    if (!state || typeof state !== 'object' || Array.isArray(state)) return history;
    for (const [connectionId, queries] of Object.entries(state).slice(0, MAX_CONNECTIONS)) {
      if (!Array.isArray(queries)) continue;
      for (const query of queries.slice(0, MAX_RECENT_QUERIES).reverse()) {
        if (typeof query === 'string') history.remember(connectionId, query, isSecret);
      }
    }
    return history;
  }

  recent(connectionId: string): readonly string[] {
    return this.byConnection.get(connectionId) ?? [];
  }

  /**
   * Puts the query first in the connection's history, once, dropping the oldest past the limit. Returns false
   * when it is not kept: blank, longer than a query may be, or a secret.
   */
  remember(connectionId: string, query: string, isSecret: IsSecret): boolean {
    const text = query.trim();
    if (text === '' || text.length > MAX_QUERY_CHARS || connectionId.length > MAX_CONNECTION_ID_CHARS || isSecret(text)) return false;
    const list = this.byConnection.get(connectionId);
    if (!list && this.byConnection.size >= MAX_CONNECTIONS) return false;
    const kept = [text, ...(list ?? []).filter((q) => q !== text)].slice(0, MAX_RECENT_QUERIES);
    this.byConnection.set(connectionId, kept);
    return true;
  }

  /** Drops one query from a connection's history (the user removed it from the list). */
  forget(connectionId: string, query: string): void {
    const list = this.byConnection.get(connectionId);
    if (!list) return;
    const kept = list.filter((q) => q !== query.trim());
    if (kept.length > 0) this.byConnection.set(connectionId, kept);
    else this.byConnection.delete(connectionId);
  }

  /** Drops a connection's history (the connection was removed). */
  forgetConnection(connectionId: string): void {
    this.byConnection.delete(connectionId);
  }

  /** Drops every kept query that is a secret now: one stored after the query was run. Returns how many. */
  purge(isSecret: IsSecret): number {
    let dropped = 0;
    for (const [connectionId, list] of this.byConnection) {
      const kept = list.filter((q) => !isSecret(q));
      dropped += list.length - kept.length;
      if (kept.length > 0) this.byConnection.set(connectionId, kept);
      else this.byConnection.delete(connectionId);
    }
    return dropped;
  }

  toState(): SearchHistoryState {
    return Object.fromEntries([...this.byConnection].map(([id, list]) => [id, [...list]]));
  }
}
