// Bundles the extension (and the standalone demo server) into dist/.
// `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

/**
 * Code the extension needs only later lives in files of its own, so activate() does not even parse it: the
 * product itself (everything but the entry's stand-ins) on first use, undici on the first request, the demo
 * server when the demo is tried. Their imports are dynamic and resolve to these files at run time. The demo server is matched by the file it resolves
 * to, not by how the import is spelled, so moving the file that imports it cannot bundle it by mistake.
 */
const path = require('node:path');
const DEMO_SERVER = path.join(__dirname, 'src', 'demo', 'server');
const PRODUCT = path.join(__dirname, 'src', 'product');
const loadLater = {
  name: 'load-later',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
    build.onResolve({ filter: /\/product$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === PRODUCT && args.kind === 'require-call' ? { path: './product.js', external: true } : undefined,
    );
    build.onResolve({ filter: /\/demo\/server$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === DEMO_SERVER && args.kind === 'dynamic-import' ? { path: './demo.js', external: true } : undefined,
    );
  },
};

/**
 * Each `import * as vscode from 'vscode'` of the external module makes esbuild copy its ~400 exports into a namespace
 * object of that file's own: 7 copies at activation and 63 at the product's first use (5 ms and ~25 ms in VS Code,
 * bench B5). Importing it through one module that re-exports it makes one copy per bundle.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const builds = [
  // import() becomes a lazy require(), which keeps undici's named exports and VS Code's module loader.
  { ...common, entryPoints: { extension: 'src/extension.ts', product: 'src/product.ts' }, outdir: 'dist', plugins: [loadLater, vscodeOnce], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: { undici: require.resolve('undici'), demo: 'src/demo/server.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { 'demo-server': 'src/demo/cli.ts' }, outdir: 'dist' },
  // The webview pages' scripts (the inspector, the chain waterfall, the activity strip, the type profile): they run
  // in the webview, so browser/IIFE; the inspector's shares core's JSON tokenizer.
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    external: [],
    entryPoints: {
      event: 'src/webview/event/eventPage.ts',
      chain: 'src/webview/chain/chainPage.ts',
      activity: 'src/webview/activity/activityPage.ts',
      profile: 'src/webview/profile/profilePage.ts',
    },
    outdir: 'media/dist',
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
