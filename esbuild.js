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
 * Code the extension needs only later lives in files of its own, so activate() does not even parse it:
 * undici (most of the bytes) on the first request, the demo server when the demo is tried. Their imports
 * are dynamic (src/core/http.ts, src/ui/demo.ts) and resolve to these files at run time.
 */
const LATER = { undici: './undici.js', '../demo/server': './demo.js' };
const loadLater = {
  name: 'load-later',
  setup(build) {
    build.onResolve({ filter: /^(undici|\.\.\/demo\/server)$/ }, (args) => ({ path: LATER[args.path], external: true }));
  },
};

const builds = [
  // import() becomes a lazy require(), which keeps undici's named exports and VS Code's module loader.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [loadLater], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: { undici: require.resolve('undici'), demo: 'src/demo/server.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { 'demo-server': 'src/demo/cli.ts' }, outdir: 'dist' },
  // The event panel's page script: runs in the webview, so browser/IIFE; it shares core's JSON tokenizer.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', external: [], entryPoints: { event: 'src/webview/eventPage.ts' }, outdir: 'media/dist' },
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
