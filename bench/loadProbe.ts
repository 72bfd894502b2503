/**
 * Run in a fresh Node process by startup.ts: `node out/bench/loadProbe.js BUNDLE`. Loads an extension bundle
 * with the bench's vscode stub and prints, as JSON, how long require() took and which modules the bundle
 * asked for while loading (its top-level requires; anything esbuild wrapped in a lazy init stays out).
 */
import Module = require('node:module');
import './vscodeStub';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

function probe(bundle: string): { ms: number; modules: string[] } {
  const internals = Module as unknown as { _load: Load };
  const original = internals._load;
  const seen = new Set<string>();
  internals._load = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if ((parent as { filename?: string } | undefined)?.filename === bundle) seen.add(request);
    return original.call(this, request, parent, isMain);
  };
  const t0 = performance.now();
  require(bundle);
  const ms = performance.now() - t0;
  internals._load = original;
  return { ms, modules: [...seen].sort() };
}

process.stdout.write(JSON.stringify(probe(process.argv[2])));
