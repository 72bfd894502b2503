import type * as vscode from 'vscode';

/**
 * Webview panels kept by key (a connection and a type, a connection and a correlation id): one per key, revealed
 * without focus when asked for again, forgotten with what it listened to once closed. What each entry holds beside
 * its panel is the feature's own.
 */
export class KeyedPanels<T extends { readonly panel: vscode.WebviewPanel }> implements vscode.Disposable {
  private readonly open = new Map<string, T>();

  get(key: string): T | undefined {
    return this.open.get(key);
  }

  /** The entry for `key`; else the one `create` makes, kept with its subscriptions until its panel closes. */
  show(key: string, create: () => { readonly entry: T; readonly subscriptions: readonly vscode.Disposable[] }): T {
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const { entry, subscriptions } = create();
    this.open.set(key, entry);
    entry.panel.onDidDispose(() => {
      this.open.delete(key);
      for (const s of subscriptions) s.dispose();
    });
    return entry;
  }

  dispose(): void {
    for (const { panel } of this.open.values()) panel.dispose();
  }
}
