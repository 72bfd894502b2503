// Runs the integration tests inside a real VS Code and exits with their result.
// First choice: desktop VS Code through @vscode/test-electron. When it cannot be
// downloaded (offline, or only the npm registry reachable) or cannot open a window
// (Linux without a display), the same tests run in code-server 4.139.1 = VS Code
// 1.139.1's server-side Node extension host, driven by headless Chromium.
// `--vscode 1.90` runs them on code-server 4.90.3 = VS Code 1.90.2 (the oldest VS Code
// the manifest accepts); `--installed` installs the .vsix and tests that copy. Both
// always use code-server: they pin what runs.
//
// usage: node scripts/vscode-host/run-integration.mjs [options]
//   --extension DIR     extension folder (default: the repo; package.json main = dist/extension.js)
//   --tests MODULE      module exporting run(): Promise<void> (default: out/test/integration/index.js)
//   --workspace DIR     folder to open (default: an empty scratch folder)
//   --env KEY=VALUE     extra extension-host variable (repeatable)
//   --timeout SECONDS   give up after this long (default 600)
//   --vscode VERSION    1.139 (default) or 1.90
//   --installed         install <name>-<version>.vsix of the extension folder (npm run package) instead of
//                       loading the folder in development mode
//   --verbose           also print workbench console output
// env: TIMELINE_VIEWER_FORCE_CODE_SERVER=1  skip the test-electron attempt
//      TIMELINE_*                            passed on to the extension host
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { REPO, TEST_DIR, VSCODE_VERSIONS, cleanupRunDir, extensionHostEnv, printServerLogTail, runInCodeServer } from './codeServer.mjs';

const RESULT_FILE = path.join(TEST_DIR, 'integration-result.json');

function options() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: REPO },
      tests: { type: 'string', default: path.join(REPO, 'out/test/integration/index.js') },
      workspace: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: '600' },
      vscode: { type: 'string' },
      installed: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (values.vscode && !VSCODE_VERSIONS.includes(values.vscode)) throw new Error(`--vscode must be one of ${VSCODE_VERSIONS.join(', ')}`);
  const opts = {
    extensionDir: path.resolve(values.extension),
    testsModule: path.resolve(values.tests),
    workspace: values.workspace && path.resolve(values.workspace),
    timeoutMs: Number(values.timeout) * 1000,
    verbose: values.verbose,
    env: testEnv(values.env),
    vscode: values.vscode,
  };
  for (const p of [path.join(opts.extensionDir, 'package.json'), opts.testsModule]) {
    if (!fs.existsSync(p)) throw new Error(`${p} not found (run \`npm run build && npm run compile-tests\` first?)`);
  }
  if (values.installed) opts.vsix = packagePath(opts.extensionDir);
  return opts;
}

/** The .vsix `npm run package` (vsce) writes: <name>-<version>.vsix beside package.json. */
function packagePath(extensionDir) {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  return path.join(extensionDir, `${name}-${version}.vsix`);
}

/** --env pairs, and where the test runner writes its result. */
function testEnv(pairs) {
  const env = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`--env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return extensionHostEnv({ ...env, TIMELINE_TEST_RESULT: RESULT_FILE });
}

/** Why desktop VS Code cannot be used here, or undefined when it may be. */
function desktopUnavailable(opts) {
  if (process.env.TIMELINE_VIEWER_FORCE_CODE_SERVER === '1') return 'TIMELINE_VIEWER_FORCE_CODE_SERVER=1';
  if (opts.vscode || opts.vsix) return `${opts.vsix ? 'the installed copy' : `VS Code ${opts.vscode}`} is tested in code-server`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for the desktop window (DISPLAY is not set)';
  }
  return undefined;
}

/** Exit code of a desktop run, or { unavailable } when VS Code cannot be had. */
async function runDesktop(opts) {
  const reason = desktopUnavailable(opts);
  if (reason) return { unavailable: reason };
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  let executable;
  try {
    // 5 s without data = offline: fail over in seconds, not minutes
    executable = await downloadAndUnzipVSCode({ cachePath: TEST_DIR, timeout: 5000 });
  } catch (e) {
    return { unavailable: `VS Code download failed: ${e.message}` };
  }
  const scratch = opts.workspace ? undefined : fs.mkdtempSync(path.join(TEST_DIR, 'workspace-'));
  const workspace = opts.workspace ?? scratch;
  const run = runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: opts.extensionDir,
    extensionTestsPath: opts.testsModule,
    extensionTestsEnv: opts.env,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  }).then(() => 0, (e) => (typeof e.code === 'number' && e.code !== 0 ? e.code : 1));
  let code = await Promise.race([run, sleep(opts.timeoutMs, 'timeout', { ref: false })]);
  if (code === 'timeout') {
    console.error(`timeout after ${opts.timeoutMs / 1000}s`);
    // test-electron ends its VS Code on SIGINT
    process.kill(process.pid, 'SIGINT');
    await Promise.race([run, sleep(5000)]);
    code = 124;
  }
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  return { code };
}

async function runWeb(opts) {
  const res = await runInCodeServer({ ...opts, resultFile: RESULT_FILE });
  console.error(`[code-server] finished via ${res.how}`);
  // a harness problem (timeout, server died): keep what explains it
  const broken = !res.settled;
  if (broken) printServerLogTail(res.logFile);
  cleanupRunDir(res.runDir, broken);
  return res.code;
}

/** Prints the failures and `N passed, N failed`; returns whether the file shows a clean run. */
function summarize() {
  let result;
  try {
    result = JSON.parse(fs.readFileSync(RESULT_FILE, 'utf8'));
  } catch {
    console.log(`no test result was written (${RESULT_FILE})`);
    return false;
  }
  const passed = result.passed ?? [];
  const failed = result.failed ?? [];
  for (const f of failed) console.log(`FAIL: ${f.title}: ${String(f.error).split('\n')[0]}`);
  console.log(`${passed.length} passed, ${failed.length} failed`);
  return failed.length === 0 && passed.length > 0;
}

async function main() {
  const opts = options();
  const t0 = Date.now();
  fs.mkdirSync(TEST_DIR, { recursive: true });
  fs.rmSync(RESULT_FILE, { force: true });

  let { code, unavailable } = await runDesktop(opts);
  if (unavailable) {
    console.error(`desktop VS Code unavailable (${unavailable}); using code-server (VS Code ${opts.vscode ?? '1.139'})`);
    code = await runWeb(opts);
  }
  const clean = summarize();
  console.error(`integration run took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return code === 0 && clean ? 0 : code || 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e.stack ?? e);
    process.exit(2);
  },
);
