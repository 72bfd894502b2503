import * as vscode from 'vscode';
import type { TimelineSource } from '../../core/source';
import { isTenant } from './accounts';
import type { Connection, ConnectionStore } from './connection';
import type { FilterMemory } from './filterStore';
import { Session } from './session';

/** Keeps one Session per configured connection, in the store's order, and drops those removed. */
export class SessionRegistry implements vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly changed = new vscode.EventEmitter<Session | undefined>();
  /** Fires with the session whose timeline changed, or undefined when the list of connections changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    private readonly createSource: (connection: Connection) => TimelineSource,
    private readonly pageSize: () => number,
    private readonly filters?: FilterMemory,
  ) {
    this.subscription = store.onDidChange(() => this.sync());
  }

  list(): Session[] {
    return this.store.list().map((c) => this.sessionFor(c));
  }

  /** The sessions that hold a timeline: a tenant has none of its own, only its accounts do. */
  timelines(): Session[] {
    return this.list().filter((s) => !isTenant(s.connection));
  }

  get(connectionId: string): Session | undefined {
    return this.list().find((s) => s.connection.id === connectionId);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.changed.dispose();
  }

  private sessionFor(connection: Connection): Session {
    let session = this.sessions.get(connection.id);
    if (!session || session.connection !== connection) {
      session?.dispose();
      const created = new Session(connection, () => this.createSource(connection), this.pageSize, this.filters);
      created.onDidChange(() => this.changed.fire(created));
      this.sessions.set(connection.id, created);
      session = created;
    }
    return session;
  }

  private sync(): void {
    const ids = new Set(this.store.list().map((c) => c.id));
    for (const [id, s] of this.sessions) {
      if (!ids.has(id)) {
        s.dispose();
        this.sessions.delete(id);
        // A connection added again later under the same id starts unfiltered.
        void this.filters?.set(id, undefined);
      }
    }
    this.changed.fire(undefined);
  }
}
