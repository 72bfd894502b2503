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
 * undici is most of the bundle's bytes: kept in its own file, it is not even parsed until the first
 * request (src/core/http.ts imports it dynamically), so activate() stays fast.
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const builds = [
  // The demo server is imported dynamically too, so neither loads before it is needed.
  // import() becomes a lazy require(), which keeps undici's named exports and VS Code's module loader.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', plugins: [undiciApart], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: { undici: require.resolve('undici') }, outdir: 'dist' },
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
