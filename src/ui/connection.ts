import * as vscode from 'vscode';

export type ConnectionKind = 'pismo' | 'talentlms';
export const CONNECTION_KINDS: readonly ConnectionKind[] = ['pismo', 'talentlms'];

/**
 * A timeline the user can open: where it lives and how to read it. Secrets are never part of it: they
 * live in SecretStorage under the connection's id.
 */
export interface Connection {
  readonly id: string;
  readonly name: string;
  /** Anything other than a known kind is kept, so the tree can say what to fix. */
  readonly kind: ConnectionKind | string;
  readonly baseUrl: string;
  /** Served by the in-process demo server; its base URL is known only once the server runs. */
  readonly demo?: boolean;
  /** TalentLMS `X-API-Version`. */
  readonly apiVersion?: string;
  /** Events per page; overrides `timelineViewer.pageSize`. */
  readonly pageSize?: number;
  /** Pismo: the query parameter carrying the cursor. */
  readonly cursorParam?: string;
  /** Pismo: `token` (paste an account token) or `serverKey` (mint account tokens). */
  readonly auth?: 'token' | 'serverKey';
  /** Pismo: the account to mint tokens for. */
  readonly accountId?: string;
  /** Pismo: group the tree by `category` (default) or `type`. */
  readonly groupBy?: 'category' | 'type';
  /** Pismo: renames (`"type": "eventType"`) or turns off (`false`) each filter parameter. */
  readonly filterParams?: Readonly<Record<string, string | false | null>>;
}

/** Keys that hold secrets: found in settings, they are offered to be moved to the secret store. */
export const SECRET_FIELDS = ['apiKey', 'api_key', 'token', 'accessToken', 'serverKey', 'server_key', 'serverSecret', 'server_secret', 'secret', 'password'] as const;

const OPTION_FIELDS = ['apiVersion', 'pageSize', 'cursorParam', 'auth', 'accountId', 'groupBy', 'filterParams'] as const;
export const SETTING = 'connections';
const DEMO_KEY = 'timelineViewer.demoAdded';

export const DEMO_CONNECTIONS: readonly Connection[] = [
  { id: 'demo-pismo', name: 'Demo · Pismo', kind: 'pismo', baseUrl: '', demo: true },
  { id: 'demo-talentlms', name: 'Demo · TalentLMS', kind: 'talentlms', baseUrl: '', demo: true, apiVersion: '2025-01-01' },
];

/** Reads one settings entry into a Connection, leaving out anything that is not a connection field. */
export function toConnection(entry: unknown, index: number): Connection | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  const e = entry as Record<string, unknown>;
  const id = typeof e.id === 'string' && e.id.trim() ? e.id.trim() : `connection-${index + 1}`;
  const connection: Record<string, unknown> = {
    id,
    name: typeof e.name === 'string' && e.name.trim() ? e.name.trim() : id,
    kind: typeof e.kind === 'string' ? e.kind : '',
    baseUrl: typeof e.baseUrl === 'string' ? e.baseUrl : '',
  };
  for (const key of OPTION_FIELDS) if (e[key] !== undefined) connection[key] = e[key];
  return connection as unknown as Connection;
}

/** The connections shown at the top of the tree: the demo (when tried) and those in settings. */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: Connection[] | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`timelineViewer.${SETTING}`)) this.invalidate();
    });
  }

  /** Stable objects between changes, so sessions (and what they loaded) survive unrelated refreshes. */
  list(): Connection[] {
    this.cached ??= [...(this.state.get<boolean>(DEMO_KEY) ? DEMO_CONNECTIONS : []), ...this.configured()];
    return this.cached;
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  async addDemo(): Promise<void> {
    if (this.state.get<boolean>(DEMO_KEY)) return;
    await this.state.update(DEMO_KEY, true);
    this.invalidate();
  }

  /** New connections go to the user's settings. */
  async add(connection: Connection): Promise<void> {
    const config = vscode.workspace.getConfiguration('timelineViewer');
    const entries = objects(config.inspect<unknown[]>(SETTING)?.globalValue).filter((e) => e.id !== connection.id);
    await config.update(SETTING, [...entries, { ...connection }], vscode.ConfigurationTarget.Global);
    this.invalidate();
  }

  /** Changes a connection where it is defined: user or workspace settings. */
  async update(id: string, changes: Partial<Connection>): Promise<void> {
    await this.rewrite(id, (entries) => entries.map((e) => (e.id === id ? { ...e, ...changes, id } : e)));
  }

  /** Removes a connection from settings (user or workspace, wherever it is), or the demo. */
  async remove(id: string): Promise<void> {
    if (DEMO_CONNECTIONS.some((d) => d.id === id)) {
      await this.state.update(DEMO_KEY, undefined);
      this.invalidate();
      return;
    }
    await this.rewrite(id, (entries) => entries.filter((e) => e.id !== id));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  /**
   * The user's connections and the workspace's together (VS Code would let a workspace list hide the user's
   * entirely); a workspace entry wins over a user entry with the same id.
   */
  private configured(): Connection[] {
    const byId = new Map<string, Connection>();
    for (const { list } of settingsLists()) {
      list.forEach((entry, index) => {
        const connection = toConnection(entry, index);
        if (connection) byId.set(connection.id, connection);
      });
    }
    return [...byId.values()];
  }

  /** Applies `edit` to each settings list (user, workspace) that holds the connection, and only those. */
  private async rewrite(id: string, edit: (entries: Record<string, unknown>[]) => Record<string, unknown>[]): Promise<void> {
    for (const { list, target } of settingsLists()) {
      const entries = objects(list);
      if (!entries.some((e) => e.id === id)) continue;
      const edited = edit(entries);
      // An emptied list is removed, not left as [] that would shadow the other level's list.
      await vscode.workspace.getConfiguration('timelineViewer').update(SETTING, edited.length ? edited : undefined, target);
    }
    this.invalidate();
  }
}

/** The object entries of a settings list as written. */
function objects(list: unknown[] | undefined): Record<string, unknown>[] {
  return (list ?? []).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

/** The connection lists as written in user and workspace settings (those that exist), with where each lives. */
export function settingsLists(): { list: unknown[]; target: vscode.ConfigurationTarget }[] {
  const inspected = vscode.workspace.getConfiguration('timelineViewer').inspect<unknown[]>(SETTING);
  return [
    { list: inspected?.globalValue, target: vscode.ConfigurationTarget.Global },
    { list: inspected?.workspaceValue, target: vscode.ConfigurationTarget.Workspace },
  ].filter((e): e is { list: unknown[]; target: vscode.ConfigurationTarget } => Array.isArray(e.list));
}
