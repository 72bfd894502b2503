import * as vscode from 'vscode';
import { ACTIVITY_VIEW_ID, EVENT_PANEL_TYPE, TREE_VIEW_ID } from './contributionIds';
import { LinkProviders, type LoadedEvents } from './links/linkProviders';

/** What the product hands over as it loads: each stand-in forwards to one of these. */
export interface StandInTargets {
  tree?: vscode.TreeDataProvider<unknown>;
  activity?: vscode.WebviewViewProvider;
  eventPanels?: vscode.WebviewPanelSerializer;
  uriHandler?: vscode.UriHandler;
  events?: LoadedEvents;
}

/**
 * What the manifest contributes, registered at activation for the product loaded later: each command (until the
 * product registers the real one), the tree's rows, the activity view, the inspector panels VS Code restores, and
 * `vscode://` links. The first use of any of them calls `load`. Hovers and links on IDs are the entry's own: the
 * scan needs no product, and the events a hover lists are asked of it only once it is loaded.
 */
export class StandIns {
  readonly treeView: vscode.TreeView<unknown>;
  private readonly targets: StandInTargets = {};
  private readonly treeChanged = new vscode.EventEmitter<unknown>();
  private commands: vscode.Disposable | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly load: () => void,
  ) {
    const tree = () => this.target('tree');
    this.treeView = vscode.window.createTreeView(TREE_VIEW_ID, {
      showCollapseAll: true,
      treeDataProvider: {
        onDidChangeTreeData: this.treeChanged.event,
        getTreeItem: (element) => tree().getTreeItem(element),
        getChildren: (element) => tree().getChildren(element),
        getParent: (element) => tree().getParent?.(element),
        resolveTreeItem: (item, element, token) => tree().resolveTreeItem?.(item, element, token) ?? item,
      },
    });
    const manifest = context.extension.packageJSON as { contributes: { commands: { command: string }[] } };
    this.commands = vscode.Disposable.from(
      ...manifest.contributes.commands.map(({ command }) =>
        vscode.commands.registerCommand(command, (...args: unknown[]) => {
          this.load(); // which replaces this stand-in by the command itself
          return vscode.commands.executeCommand(command, ...args);
        }),
      ),
    );
    context.subscriptions.push(
      this.treeView,
      this.treeChanged,
      { dispose: () => this.releaseCommands() },
      vscode.window.registerWebviewViewProvider(ACTIVITY_VIEW_ID, { resolveWebviewView: (...args) => this.target('activity').resolveWebviewView(...args) }),
      // synchronously in activate(), so panels left open are restored after a reload
      vscode.window.registerWebviewPanelSerializer(EVENT_PANEL_TYPE, { deserializeWebviewPanel: (...args) => this.target('eventPanels').deserializeWebviewPanel(...args) }),
      vscode.window.registerUriHandler({ handleUri: (uri) => this.target('uriHandler').handleUri(uri) }),
      deferred(() => new LinkProviders({ loaded: (text, kind) => this.targets.events?.loaded(text, kind) ?? [] })),
    );
  }

  /** The command stand-ins go just before the product registers the commands themselves. */
  releaseCommands(): void {
    this.commands?.dispose();
    this.commands = undefined;
  }

  /** The tree's rows come from `provider` from now on, and its changes redraw the view. */
  useTree(provider: vscode.TreeDataProvider<unknown>): vscode.Disposable {
    this.targets.tree = provider;
    return provider.onDidChangeTreeData?.((change) => this.treeChanged.fire(change)) ?? new vscode.Disposable(() => undefined);
  }

  use<K extends Exclude<keyof StandInTargets, 'tree'>>(key: K, target: NonNullable<StandInTargets[K]>): void {
    this.targets[key] = target;
  }

  private target<K extends keyof StandInTargets>(key: K): NonNullable<StandInTargets[K]> {
    if (!this.targets[key]) this.load();
    const target = this.targets[key];
    if (!target) throw new Error(`Timeline Viewer loaded without its ${key}`);
    return target;
  }
}

/**
 * Made just after activation, which the view's first paint does not wait for: the link providers read the
 * settings, about 3 ms of a 17 ms activation (bench B5, seven hosts), and VS Code asks a provider registered
 * later for the links of the editors already open.
 */
function deferred(make: () => vscode.Disposable): vscode.Disposable {
  let made: vscode.Disposable | undefined;
  const pending = setImmediate(() => (made = make()));
  return new vscode.Disposable(() => {
    clearImmediate(pending);
    made?.dispose();
  });
}
