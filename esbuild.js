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

const builds = [
  // undici and the demo server are split out so activate() loads neither until first needed.
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', splitting: false },
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
