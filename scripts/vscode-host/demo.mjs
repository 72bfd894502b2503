// Opens a real VS Code with the extension loaded from this folder (development mode).
// Desktop `code` when it is on PATH; otherwise code-server (installed on first use) on
// 127.0.0.1, whose URL you open in a browser. Runs until Ctrl-C, then stops the server.
//
// usage: node scripts/vscode-host/demo.mjs [--web] [--extension DIR]
//   --web             use code-server even when desktop `code` is available
//   --extension DIR   load this extension folder instead of the repo
// env: TIMELINE_DEMO_PORT  code-server port (default 8080; a free one when that is taken)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO, TEST_DIR, ensureHarness, freePort, startCodeServer, workbenchUrl } from './codeServer.mjs';

const DEFAULT_PORT = 8080;
// kept between demos, so layout and settings changes survive a restart
const DEMO_DIR = path.join(TEST_DIR, 'demo');

function hasDesktopCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function runDesktop(extensionDir) {
  console.log('Opening desktop VS Code with the extension in development mode...');
  const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${extensionDir}`], { stdio: 'inherit' });
  return r.status ?? 1;
}

async function runWeb(extensionDir) {
  const harness = ensureHarness();
  const wanted = Number(process.env.TIMELINE_DEMO_PORT) || DEFAULT_PORT;
  const port = await freePort(wanted);
  if (port !== wanted) console.log(`Port ${wanted} is busy, using ${port}.`);
  const workspace = path.join(DEMO_DIR, 'workspace');
  const runDir = path.join(DEMO_DIR, 'server');
  fs.mkdirSync(runDir, { recursive: true });

  const server = await startCodeServer({ harness, runDir, workspace, port });
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extensionDir });
  const hint = extensionDir === REPO ? 'In the Timeline view (activity bar), choose "Try the Demo".\n' : '';
  console.log(`
VS Code 1.139.1 (code-server) is running with ${extensionName(extensionDir)} loaded. Open:

  ${url}

${hint}After a rebuild (npm run build), reload the page to load the new code.
Server log: ${server.logFile}
Press Ctrl-C to stop.`);
  // Ctrl-C is handled by codeServer.mjs, which stops the server's process group.
  const { status, stopped } = await server.exited;
  if (stopped) return 130;
  console.error(`code-server exited on its own (${status}); log: ${server.logFile}`);
  return 1;
}

async function main() {
  const { values } = parseArgs({
    options: { web: { type: 'boolean', default: false }, extension: { type: 'string', default: REPO } },
  });
  const extensionDir = path.resolve(values.extension);
  if (!values.web && hasDesktopCode()) return runDesktop(extensionDir);
  return runWeb(extensionDir);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e.stack ?? e);
    process.exit(2);
  },
);

/** The extension's display name from its package.json, for the banner. */
function extensionName(dir) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // the manifest names its strings (`%extension.displayName%`); package.nls.json holds the English
    const key = /^%(.+)%$/.exec(pkg.displayName ?? '')?.[1];
    const nls = key ? JSON.parse(fs.readFileSync(path.join(dir, 'package.nls.json'), 'utf8')) : {};
    return (key ? nls[key] : pkg.displayName) || pkg.name || path.basename(dir);
  } catch {
    return path.basename(dir);
  }
}
