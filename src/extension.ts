import type * as vscode from 'vscode';
import type { TimelineViewerApi } from './product';
import { StandIns } from './ui/standIns';

export type { TimelineViewerApi } from './product';

/**
 * What VS Code loads: stand-ins for what the manifest contributes, and nothing of the product, which lives in a
 * file of its own (dist/product.js) and is loaded on the first use of a stand-in or of the API. Activating costs
 * an empty extension's time plus those registrations (bench B5), whatever the event that activated it.
 */
export function activate(context: vscode.ExtensionContext): TimelineViewerApi {
  // set before the product runs: a use while it loads, or after it failed to, gets an error, never a second product
  let loaded: { api?: TimelineViewerApi; error?: unknown } | undefined;
  const load = (): TimelineViewerApi => {
    if (!loaded) {
      loaded = {};
      standIns.releaseCommands();
      try {
        // on first use, from its own file (esbuild.js)
        const { activateProduct } = require('./product') as typeof import('./product');
        loaded.api = activateProduct(context, standIns);
      } catch (e) {
        loaded.error = e;
      }
    }
    if (loaded.api) return loaded.api;
    throw loaded.error ?? new Error('Timeline Viewer was asked for itself while it loads');
  };
  const standIns = new StandIns(context, load);
  // `then` is read by whatever awaits activate(): the answer is "not a promise", without loading anything
  return new Proxy({} as TimelineViewerApi, { get: (_target, key) => (typeof key === 'string' && key !== 'then' ? Reflect.get(load(), key) : undefined) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
