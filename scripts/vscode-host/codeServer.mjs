// Shared by run-integration, screenshots and demo: start code-server (VS Code 1.139.1's
// server with its Node extension host, plus the web workbench; or 1.90.2's, the oldest the
// manifest accepts), load the extension in development mode through the workbench URL or
// install its .vsix, drive the page with Debian's Chromium via playwright-core, and always
// stop the whole server process group afterwards.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const TEST_DIR = path.join(REPO, '.vscode-test');
const HARNESS_DIR = process.env.TIMELINE_HARNESS_DIR || path.join(TEST_DIR, 'harness');

/**
 * The VS Codes install.sh can set up: where each lives, what its server needs to accept the URL payload, and the
 * browser permissions its page gets. None on 1.139, as in a new user's browser (its workbench keeps a clipboard of
 * its own while extension tests run); 1.90's workbench has no such clipboard, so its tests read copies back
 * through the browser's.
 */
const VSCODE_HOSTS = {
  // without enable-smoke-test-driver the built 1.139 workbench ignores extensionDevelopmentPath/extensionTestsPath in the URL payload
  '1.139': { dir: HARNESS_DIR, serverArgs: ['--vscode-option', 'enable-smoke-test-driver'], permissions: [] },
  // 1.90's workbench reads the payload as it is, and code-server 4.90 has no --vscode-option (it rejects unknown options)
  '1.90': { dir: path.join(TEST_DIR, 'harness-1.90'), serverArgs: [], permissions: ['clipboard-read', 'clipboard-write'] },
};
export const VSCODE_VERSIONS = Object.keys(VSCODE_HOSTS);

// No welcome page, tips, update or gallery checks, AI side panel or trust prompt:
// they steal focus and clutter screenshots.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  // VS Code 1.139's default dark theme; a fresh web workbench would otherwise follow the headless
  // browser's light system scheme (autoDetectColorScheme), whatever colorTheme says
  'window.autoDetectColorScheme': false,
  'workbench.colorTheme': 'Dark 2026',
};

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  // nothing may reach the internet: no QUIC probes, component or sync traffic
  '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

/** Installs the harness of VS Code `vscode` (1.139 or 1.90) when needed (fast no-op otherwise) and returns absolute paths. */
export function ensureHarness(vscode = '1.139') {
  const host = VSCODE_HOSTS[vscode];
  if (!host) throw new Error(`no harness for VS Code ${vscode}: use ${VSCODE_VERSIONS.join(' or ')}`);
  const r = spawnSync('bash', [path.join(HERE, 'install.sh'), '--vscode', vscode], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`harness install failed (exit ${r.status ?? r.signal})`);
  const m = JSON.parse(fs.readFileSync(path.join(host.dir, 'harness.json'), 'utf8'));
  const abs = (p) => path.resolve(host.dir, p);
  return { vscode, dir: host.dir, serverArgs: host.serverArgs, permissions: host.permissions, node: abs(m.node), codeServer: abs(m.codeServer), playwrightCore: abs(m.playwrightCore), chromium: m.chromium };
}

/** A fresh scratch folder for one run (server logs, profiles, temp files), in `harness`'s folder. */
export function makeRunDir(kind, harness = { dir: HARNESS_DIR }) {
  const parent = path.join(harness.dir, 'runs');
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `${kind}-`));
}

/** `preferred` when it is free on 127.0.0.1, else any free port. */
export async function freePort(preferred = 0) {
  const tryListen = (port) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address();
      srv.close(() => resolve(bound));
    });
  });
  const port = preferred ? await tryListen(preferred) : undefined;
  return port ?? await tryListen(0);
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

// ---- process groups: code-server is started in its own session (setsid) so that
// the server, extension host, pty host and file watcher can be ended together.

const liveGroups = new Map(); // process group id -> stop()

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    liveGroups.delete(pgid);
    return;
  }
  for (let i = 0; i < 30 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  }
  liveGroups.delete(pgid);
}

// Signal and exit handlers are installed with the first server only, so that
// @vscode/test-electron's own Ctrl-C handling is left alone when no server runs.
let handlersInstalled = false;
function trackGroup(pgid, stop) {
  liveGroups.set(pgid, stop);
  if (handlersInstalled) return;
  handlersInstalled = true;
  // last resort when this process ends without stopping its servers: only
  // synchronous calls work here
  process.on('exit', () => {
    for (const g of liveGroups.keys()) {
      try { process.kill(-g, 'SIGKILL'); } catch { /* already gone */ }
    }
  });
  let stopping = false;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${sig}: stopping code-server`);
      await Promise.all([...liveGroups.values()].map((stop) => stop()));
      process.exit(code);
    });
  }
}

/** This process's environment with config, data, cache and temp files kept in the harness. */
/**
 * The run's temporary folder: short and outside the checkout, since Chromium puts a Unix socket in it and a
 * socket path may not exceed 107 bytes (a clone in a deep folder would otherwise break the browser).
 */
function runTmpDir(runDir) {
  return path.join(os.tmpdir(), `tv-${path.basename(runDir)}`);
}

function isolatedEnv(harness, runDir) {
  const xdg = path.join(harness.dir, 'xdg');
  const tmp = runTmpDir(runDir);
  fs.mkdirSync(tmp, { recursive: true });
  return {
    ...process.env,
    // keep ~/.config, ~/.local/share and ~/.cache untouched (code-server's config,
    // Chromium's crash reports and dconf)
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    TMPDIR: tmp,
  };
}

/** The environment of the server and so of the extension host, plus `extra` for the extension host. */
function serverEnv(harness, runDir, extra = {}) {
  const env = { ...isolatedEnv(harness, runDir), ...extra };
  // Variables of an enclosing VS Code (integrated terminal, test-electron) would make
  // code-server try to talk to that instance instead of running on its own.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  // no extension gallery: it is unreachable and would only add errors
  return { ...env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) };
}

function seedUserData(userDataDir) {
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(settings)) return; // the demo keeps the user's own changes
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.writeFileSync(settings, JSON.stringify(QUIET_SETTINGS, null, 2));
}

/**
 * Makes the server resolve `locale` without a language pack for the workbench (none is available offline):
 * a pack whose translation file is empty, so VS Code's own text stays English while the workbench, and with
 * it the extension host (`vscode.env.language`), runs in `locale` and loads the extension's translations.
 */
function seedLanguagePack(userDataDir, locale) {
  const messages = path.join(userDataDir, 'empty-language-pack.json');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(messages, JSON.stringify({ contents: {} }));
  // the server lists a pack by the extension that brought it: name a stand-in
  const extensions = [{ extensionIdentifier: { id: 'timeline-viewer-tests.empty-language-pack' }, version: '0.0.0' }];
  const pack = { hash: 'empty', extensions, translations: { vscode: messages }, label: locale };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** What every code-server call of a run shares: its profile and extensions folders. */
function serverArgs(harness, runDir, userDataDir = path.join(runDir, 'user-data')) {
  return [harness.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', path.join(runDir, 'extensions'), '--disable-telemetry'];
}

/**
 * Installs a packaged extension into the run's extensions folder, as a user would (`--install-extension`),
 * so the run tests the installed copy: what the .vsix holds, not the checkout.
 */
export function installExtension(harness, runDir, vsix) {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found (run \`npm run package\` first)`);
  const r = spawnSync(harness.node, [...serverArgs(harness, runDir), '--install-extension', path.resolve(vsix)], {
    env: serverEnv(harness, runDir), encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  console.error(`[code-server] ${r.stdout.trim().split('\n').pop()}`);
}

/**
 * Starts code-server on 127.0.0.1 and waits until it answers.
 * Returns { port, origin, logFile, exited, stop() }; `exited` resolves with { status, stopped } when the server ends.
 */
export async function startCodeServer({ harness, runDir, workspace, port = 0, userDataDir = path.join(runDir, 'user-data'), env, locale }) {
  port = port || await freePort();
  seedUserData(userDataDir);
  if (locale) seedLanguagePack(userDataDir, locale);
  fs.mkdirSync(workspace, { recursive: true });
  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const args = [
    ...serverArgs(harness, runDir, userDataDir),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...harness.serverArgs,
    ...(locale ? ['--locale', locale] : []),
    workspace,
  ];
  // detached = setsid: the server leads a new process group
  const child = spawn(harness.node, args, { detached: true, stdio: ['ignore', out, out], env: serverEnv(harness, runDir, env) });
  fs.closeSync(out);
  let stopRequested = false;
  // { status, stopped }: stopped = ended by stop(), not on its own
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ status: code ?? sig, stopped: stopRequested })));
  const stop = () => {
    stopRequested = true;
    return killGroup(child.pid);
  };
  trackGroup(child.pid, stop);

  let died = false;
  exited.then(() => { died = true; });
  const deadline = Date.now() + 60_000;
  while (!(await healthy(port))) {
    if (died || Date.now() > deadline) {
      const why = died ? 'it exited' : 'no answer in 60 s';
      await stop();
      throw new Error(`code-server did not start (${why}); log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return { port, origin: `http://127.0.0.1:${port}`, logFile, exited, stop };
}

/** Extension-host variables: the caller's TIMELINE_* plus `extra`. */
export function extensionHostEnv(extra) {
  const own = Object.entries(process.env).filter(([key]) => key.startsWith('TIMELINE_'));
  return { ...Object.fromEntries(own), ...extra };
}

/** An extension that contributes nothing, in the run's folder. */
function emptyExtension(runDir) {
  const dir = path.join(runDir, 'test-host');
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'test-host', publisher: 'timeline-viewer-tests', version: '0.0.0', engines: { vscode: '*' } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

/** Workbench URL that opens `folder` with the extension loaded from its folder (and tests, if given). */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath, env }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (env) payload.push(['extensionEnvironment', JSON.stringify(env)]);
  return `${server.origin}/?folder=${encodeURIComponent(path.resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser(harness, runDir) {
  const require = createRequire(import.meta.url);
  const { chromium } = require(harness.playwrightCore);
  const profile = path.join(runDir, 'chromium-profile'); // fresh profile = fresh workbench state
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: harness.chromium,
    headless: true,
    viewport: VIEWPORT,
    args: CHROMIUM_FLAGS,
    env: isolatedEnv(harness, runDir),
    permissions: harness.permissions,
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page };
}

// Workbench chatter that says nothing about the extension under test.
const NOISE = new RegExp([
  'Failed to load resource', 'Service Worker', 'same-origin iframe', 'allow-scripts', 'connection token',
  'Creating a socket', 'grace time', 'builtin extensions cache', 'open-vsx', 'gallery',
  'No search provider registered', 'authentication provider', 'ChatModelSelection', 'AgentHost',
  'AccountPolicyGate', '^\\s+at ',
].join('|'));

/**
 * Prints what the extension host logs. Its console calls reach the page console as
 * console.log('%c<LEVEL>', css, format, ...args); everything before the extension
 * host connects is workbench start-up noise.
 */
export function forwardConsole(page, { verbose = false } = {}) {
  let extHostUp = false;
  page.on('console', async (msg) => {
    let args;
    try {
      args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?')));
    } catch {
      args = [msg.text()];
    }
    if (args.length === 0) args = [msg.text()];
    let level = msg.type();
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
      level = args[0].slice(2).trim();
      args = args.slice(2);
    }
    const text = typeof args[0] === 'string' ? util.format(...args) : args.map(String).join(' ');
    if (text.includes('Creating a socket (renderer-ExtensionHost')) extHostUp = true;
    const quiet = !extHostUp || NOISE.test(text) || /^warn/i.test(level);
    if (verbose || !quiet) console.log(/^(log|info)$/i.test(level) ? text : `[${level}] ${text}`);
  });
  if (verbose) page.on('pageerror', (e) => console.log('[pageerror]', e.message));
}

/** Resolves with the exit code the workbench reports when the tests' run() settles (0 = resolved). */
export async function exposeAutomationExit(page) {
  let report;
  const exited = new Promise((resolve) => { report = resolve; });
  // must exist before the workbench loads: it looks the function up at start
  await page.exposeFunction('codeAutomationExit', (code) => report(Number(code) || 0));
  return exited;
}

/** Resolves once `file` holds valid JSON (the test runner's result file). */
async function waitForJson(file, cancelled) {
  while (!cancelled()) {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      await sleep(250); // absent or half-written
    }
  }
  return undefined;
}

/**
 * Runs an extension test module (the @vscode/test-electron run() contract) in
 * code-server's extension host, on VS Code `vscode` (default 1.139), with the extension
 * from its folder or, given `vsix`, installed from that package; in display language `locale` if given. `onPage(page, signal)` may drive the page meanwhile;
 * `signal.aborted` turns true once the run is over, then its promise is awaited.
 * Resolves { code, how, settled, runDir, logFile }: code 0 when run() resolved, 124 on timeout;
 * settled = the tests ran to their end (a failure is theirs, not the harness's).
 */
export async function runInCodeServer({ extensionDir, testsModule, workspace, env, resultFile, timeoutMs, verbose, onPage, vscode, vsix, locale }) {
  const harness = ensureHarness(vscode);
  const runDir = makeRunDir('run', harness);
  if (vsix) installExtension(harness, runDir, vsix);
  const folder = workspace ?? path.join(runDir, 'workspace');
  // VS Code runs extension tests only in an extension development host: with a package installed, the
  // development extension is an empty stand-in, so the installed copy is the one under test.
  const developmentPath = vsix ? emptyExtension(runDir) : extensionDir;
  // 1.90's workbench ignores the payload's extensionEnvironment: its extension host gets `env` from the server
  const server = await startCodeServer({ harness, runDir, workspace: folder, env, locale });
  const over = { aborted: false }; // read like an AbortSignal by the page drivers
  let browser;
  try {
    browser = await launchBrowser(harness, runDir);
    const { page } = browser;
    forwardConsole(page, { verbose });
    const exitCode = exposeAutomationExit(page);
    const url = workbenchUrl(server, { folder, extensionDevelopmentPath: developmentPath, extensionTestsPath: testsModule, env });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const driving = onPage?.(page, over);

    const outcomes = [
      exitCode.then((code) => ({ how: 'codeAutomationExit', code, settled: true })),
      server.exited.then(({ status }) => ({ how: `code-server exited (${status})`, code: 3 })),
      sleep(timeoutMs, undefined, { ref: false }).then(() => ({ how: `timeout after ${timeoutMs / 1000}s`, code: 124 })),
    ];
    if (resultFile) outcomes.push(resultFileOutcome(resultFile, over));
    const outcome = await Promise.race(outcomes);
    over.aborted = true;
    await driving?.catch((e) => console.error('[driver]', e.message));
    return { ...outcome, runDir, logFile: server.logFile };
  } finally {
    over.aborted = true;
    await browser?.context.close().catch(() => {});
    await server.stop();
  }
}

/** Backup for a codeAutomationExit that never comes: the result file, then a grace period. */
async function resultFileOutcome(file, signal) {
  const result = await waitForJson(file, () => signal.aborted);
  await sleep(3000, undefined, { ref: false });
  return { how: 'result file', code: result?.failed?.length ? 1 : 0, settled: true };
}

export function printServerLogTail(logFile) {
  console.error(`--- code-server log (${logFile}), last lines:\n${tail(logFile, 20)}`);
}

/** Removes a run folder unless `keep` or TIMELINE_KEEP_RUN is set (kept folders help debug failures). */
export function cleanupRunDir(runDir, keep) {
  if (keep || process.env.TIMELINE_KEEP_RUN) {
    console.error(`run folder kept: ${runDir}`);
    return;
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.rmSync(runTmpDir(runDir), { recursive: true, force: true });
}
