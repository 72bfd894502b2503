/**
 * The `vscode` module inside the bench process, so the real UI code (the tree, the session) and the production
 * bundle load in plain Node. Importing this module installs it: `require('vscode')` then returns it.
 *
 * What the measured paths depend on behaves as in VS Code: TreeItem, ThemeIcon, ThemeColor, EventEmitter,
 * Disposable, TreeItemCollapsibleState, l10n.t, window.withProgress (runs its task) and
 * workspace.getConfiguration (the manifest's defaults, as in a window with no settings). Every other name is a
 * stand-in, so code the bench does not measure still loads and runs as src/ui grows: a stand-in can be extended,
 * constructed, called and read (each giving a stand-in again), and what a call returns is also a thenable of
 * undefined (a dismissed prompt). A stand-in throws, naming itself, where inventing a value would make a figure
 * silently wrong: turned into a string or a number, or iterated. Writing a setting throws too.
 */
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import { REPO } from './util';

const STUB_ID = '\0timeline-viewer-bench-vscode-stub';

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void {
    this.onDispose();
  }
}

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
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** `t(message, ...args)`, `t(message, { name: value })` and `t({ message, args })`, English. */
function t(message: string | { message: string; args?: unknown[] | Record<string, unknown> }, ...rest: unknown[]): string {
  const text = typeof message === 'string' ? message : message.message;
  const first = typeof message === 'string' ? rest[0] : message.args;
  const args = (Array.isArray(first) ? first : typeof first === 'object' && first !== null ? first : rest) as Record<string, unknown>;
  return text.replace(/\{([^{}]+)\}/g, (m, key: string) => (key in args ? String(args[key]) : m));
}

/** The manifest's `contributes.configuration` defaults, by full key. */
function manifestDefaults(): Map<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } | { properties?: Record<string, { default?: unknown }> }[] };
  };
  const sections = [manifest.contributes?.configuration ?? []].flat();
  return new Map(sections.flatMap((s) => Object.entries(s.properties ?? {}).map(([key, p]) => [key, p.default] as const)));
}

const defaults = manifestDefaults();

function getConfiguration(section?: string): object {
  const full = (key: string): string => (section ? `${section}.${key}` : key);
  return {
    get: (key: string, fallback?: unknown): unknown => defaults.get(full(key)) ?? fallback,
    has: (key: string): boolean => defaults.has(full(key)),
    inspect: (key: string): object | undefined => (defaults.has(full(key)) ? { key: full(key), defaultValue: defaults.get(full(key)) } : undefined),
    update: (key: string): never => {
      throw new Error(`the bench's vscode stub: something wrote the setting ${full(key)}`);
    },
  };
}

function misuse(name: string, as: string): () => never {
  return () => {
    throw new TypeError(`the bench's vscode stub: ${name} was used as ${as}; give it a real value in bench/vscodeStub.ts`);
  };
}

const standIns = new Map<string, unknown>();

/**
 * A namespace or prototype whose own members are real and whose other names are stand-ins (a Proxy as
 * prototype, so the object itself stays plain: esbuild's and tsc's module wrappers copy its own members and
 * keep its prototype).
 */
function namespace<T extends object>(name: string, members: T): T {
  const fallback = new Proxy(Object.create(Object.prototype) as object, {
    get: (target, prop, receiver) => (typeof prop === 'symbol' || prop === 'then' || Reflect.has(target, prop) ? Reflect.get(target, prop, receiver) : standIn(`${name}.${prop}`)),
  });
  return Object.assign(Object.create(fallback) as object, members) as T;
}

/** The stand-in called `name`: the same object each time it is named, so stand-ins compare equal. */
function standIn(name: string, thenable = false): unknown {
  let known = standIns.get(name);
  if (known) return known;
  const target = function StandIn(): void {};
  target.prototype = namespace(`(new ${name})`, {});
  known = new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'valueOf') return misuse(name, 'a string or a number');
      if (prop === Symbol.iterator || prop === Symbol.asyncIterator) return misuse(name, 'a list');
      if (prop === 'then') return thenable ? (resolve?: (v: undefined) => unknown, reject?: (e: unknown) => unknown) => Promise.resolve(undefined).then(resolve, reject) : undefined;
      if (typeof prop === 'symbol' || Reflect.has(t, prop)) return Reflect.get(t, prop, receiver);
      return standIn(`${name}.${prop}`);
    },
    apply: () => standIn(`${name}()`, true),
    construct: (t, args, newTarget) => Reflect.construct(t, args, newTarget) as object,
  });
  standIns.set(name, known);
  return known;
}

const stub = namespace('vscode', {
  __esModule: true,
  Disposable,
  TreeItem,
  ThemeColor,
  ThemeIcon,
  EventEmitter,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: namespace('vscode.l10n', { t }),
  env: namespace('vscode.env', { language: 'en', uriScheme: 'vscode' }),
  window: namespace('vscode.window', {
    withProgress: <R>(_options: unknown, task: (progress: { report(): void }, token: unknown) => Promise<R>): Promise<R> =>
      task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) }),
  }),
  workspace: namespace('vscode.workspace', { getConfiguration }),
});

/**
 * Every other name the API exports, as an own stand-in of the stub: the bundle imports \`vscode\` through one module
 * that re-exports it (esbuild.js), which copies the module's own names only.
 */
function addApiNames(target: object): void {
  const types = fs.readFileSync(path.join(REPO, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  for (const [, name] of types.matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)) {
    if (!Object.prototype.hasOwnProperty.call(target, name)) Object.defineProperty(target, name, { get: () => standIn(`vscode.${name}`), enumerable: true });
  }
}
addApiNames(stub);

function install(): void {
  const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
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

install();
