/**
 * A minimal `vscode` module for running the real tree code (src/ui/tree, src/ui/session) in plain Node.
 * It is registered only inside the bench process, by resolving the request `vscode` to an id whose
 * module is already in the require cache. Only what the tree path touches exists here: TreeItem, ThemeIcon,
 * ThemeColor, TreeItemCollapsibleState, EventEmitter, l10n.t and window.withProgress.
 */
import Module = require('node:module');

const STUB_ID = '\0timeline-viewer-bench-vscode-stub';

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  iconPath?: unknown;
  command?: unknown;
  constructor(
    public label: string,
    public collapsibleState: number = 0,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

const stub = {
  TreeItem,
  ThemeColor,
  ThemeIcon,
  EventEmitter,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: {
    t: (message: string, ...args: unknown[]): string => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
  },
  window: {
    withProgress: <R>(_options: unknown, task: (progress: { report(): void }) => Promise<R>): Promise<R> => task({ report: () => undefined }),
  },
};

type Resolver = (request: string, ...rest: unknown[]) => string;
let installed = false;

/** Makes `require('vscode')` return the stub in this process. Idempotent. */
export function installVscodeStub(): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? STUB_ID : resolve.call(this, request, ...rest);
  };
  const module = new Module(STUB_ID);
  module.filename = STUB_ID;
  module.loaded = true;
  module.exports = stub;
  internals._cache[STUB_ID] = module;
}
