/**
 * B5: start-up. The production bundle is built by the project's own script (`node esbuild.js --production`),
 * run in a scratch folder (its `src` a link to the real one) so the repository's dist/ is left alone. Then:
 * - bundleBytes: the size of that dist/extension.js, the entry VS Code loads (stand-ins only), and productBytes
 *   of dist/product.js, which the entry loads on first use;
 * - in plain Node (fresh processes, bench/loadProbe.ts): how long require() of each takes and which modules it
 *   asks for (the entry: none of the product's, undici's or the demo server's), and what loading undici costs;
 * - in a real VS Code (code-server's extension host, see bench/vscode/host.mjs): activate() time of the
 *   real extension ÷ an empty extension's, cold, in the same host, over N host runs; then the first use.
 */
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO, log, median } from './util';
import type { InspectorResult } from './vscode/inspectorOpen';

export interface StartupResult {
  /** Median over host runs of real ÷ empty activate() time; null when it could not be measured. */
  readonly ratio: number | null;
  readonly reason?: string;
  readonly bundleBytes: number;
  readonly buildMs: number;
  readonly realActivateMs: number | null;
  readonly emptyActivateMs: number | null;
  /** Extensions whose only line is require('vscode'): their activate() time, real ÷ theirs, theirs ÷ empty (B5's floor). */
  readonly apiOnlyActivateMs?: number | null;
  readonly floorRatio?: number | null;
  readonly apiOnlyRatio?: number | null;
  readonly hostRuns: number;
  readonly hostRunsOk: number;
  readonly vscodeVersion?: string;
  /** Modules the entry requires when loaded in plain Node (the product's, undici's and the demo server's must be absent). */
  readonly requiredAtLoad: string[];
  readonly loadMsPlainNode: number;
  /** The product, loaded by the entry on first use: its size and require() in plain Node. */
  readonly productBytes: number;
  readonly productLoadMsPlainNode: number;
  /** In the real host, after activation: the first use of the API (the product loading and activating). */
  readonly firstUseMs?: number | null;
  /** In the real host: modules required during activate(), at the first demo start, at the first page. */
  readonly requiredDuringActivation?: string[];
  readonly requiredByFirstDemoStart?: string[];
  readonly requiredByFirstPage?: string[];
  readonly firstDemoStartMs?: number | null;
  readonly firstPageMs?: number | null;
  /** What `require('undici')` costs in a fresh Node process: the work activate() does not do. */
  readonly undiciLoadMs: number;
  readonly lazy: boolean;
  /** B10's opens from each host run that measured them, and why the others did not. */
  readonly inspectorRuns: InspectorResult[];
  readonly inspectorErrors?: string[];
}

/** Builds the production bundle into a scratch extension folder and returns the folder. */
async function productionBuild(): Promise<{ dir: string; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-bench-prod-'));
  fs.symlinkSync(path.join(REPO, 'src'), path.join(dir, 'src'), 'dir');
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  fs.copyFileSync(path.join(REPO, 'package.nls.json'), path.join(dir, 'package.nls.json'));
  fs.cpSync(path.join(REPO, 'media'), path.join(dir, 'media'), { recursive: true, filter: (src) => path.basename(src) !== 'dist' });
  const t0 = performance.now();
  await promisify(execFile)(process.execPath, [path.join(REPO, 'esbuild.js'), '--production'], { cwd: dir });
  return { dir, ms: performance.now() - t0 };
}

/** require() of a bundle in fresh Node processes (median of 5), and the modules it asks for while loading. */
async function loadProbe(bundle: string): Promise<{ ms: number; modules: string[] }> {
  const runs: { ms: number; modules: string[] }[] = [];
  for (let i = 0; i < 5; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'loadProbe.js'), bundle], { cwd: REPO });
    runs.push(JSON.parse(stdout) as { ms: number; modules: string[] });
  }
  return { ms: median(runs.map((r) => r.ms)), modules: runs[0].modules };
}

async function undiciLoadMs(): Promise<number> {
  const script = "const t=performance.now();require('undici');process.stdout.write(String(performance.now()-t))";
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: REPO });
    times.push(Number(stdout));
  }
  return median(times);
}

interface HostRun {
  vscode?: string;
  error?: string;
  activations?: Partial<Record<'real' | 'empty' | 'apiOnly', { ms: number; wasActive: boolean }>>;
  requiredDuringActivation?: string[];
  requiredByFirstDemoStart?: string[];
  requiredByFirstPage?: string[];
  firstUseMs?: number;
  firstDemoStartMs?: number;
  firstPageMs?: number;
  inspector?: InspectorResult;
  inspectorError?: string;
}

function runHost(extensionDir: string, runs: number, inspectorRepeats: number): Promise<HostRun[]> {
  const out = path.join(os.tmpdir(), `timeline-bench-host-${process.pid}.json`);
  const args = [
    path.join(REPO, 'bench/vscode/host.mjs'),
    '--extension', extensionDir,
    '--tests', path.join(__dirname, 'vscode/activation.js'),
    '--out', out,
    '--runs', String(runs),
    '--inspector-repeats', String(inspectorRepeats),
  ];
  return new Promise((resolve, reject) => {
    // the harness installer and code-server print to stdout: keep the bench's own stdout clean
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let chatter = '';
    child.stdout.on('data', (d: Buffer) => (chatter += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`the VS Code host runner failed (exit ${code}): ${chatter.trim().split('\n').slice(-5).join(' | ')}`);
        resolve((JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: HostRun[] }).runs);
      } catch (e) {
        reject(e);
      } finally {
        fs.rmSync(out, { force: true });
      }
    });
  });
}

const UNDICI_ONLY = ['node:tls', 'node:net', 'node:diagnostics_channel', 'node:http2', 'node:zlib', 'node:worker_threads'];
const DEMO_ONLY = ['node:http'];
const PRODUCT = './product.js';

/** `inspectorRepeats`: B10's timed opens per size in each host run (0 leaves B10 out). */
export async function benchStartup(options: { hostRuns: number; inspectorRepeats: number }): Promise<StartupResult> {
  const build = await productionBuild();
  try {
    const bundle = path.join(build.dir, 'dist/extension.js');
    const bundleBytes = fs.statSync(bundle).size;
    const load = await loadProbe(bundle);
    const product = path.join(build.dir, 'dist/product.js');
    const productLoad = await loadProbe(product);
    const undici = await undiciLoadMs();
    const eager = (modules: string[]) => modules.some((m) => UNDICI_ONLY.includes(m) || DEMO_ONLY.includes(m) || m === PRODUCT);
    let lazy = !eager(load.modules) && !eager(productLoad.modules.filter((m) => m !== PRODUCT));
    const base = {
      bundleBytes,
      buildMs: build.ms,
      requiredAtLoad: load.modules,
      loadMsPlainNode: load.ms,
      productBytes: fs.statSync(product).size,
      productLoadMsPlainNode: productLoad.ms,
      undiciLoadMs: undici,
      inspectorRuns: [],
    };

    if (options.hostRuns <= 0) {
      return { ...base, lazy, ratio: null, reason: 'the real VS Code run was skipped (--no-vscode)', realActivateMs: null, emptyActivateMs: null, hostRuns: 0, hostRunsOk: 0 };
    }
    let runs: HostRun[];
    try {
      runs = await runHost(build.dir, options.hostRuns, options.inspectorRepeats);
    } catch (e) {
      const reason = `no real VS Code measurement: ${e instanceof Error ? e.message : String(e)}`;
      return { ...base, lazy, ratio: null, reason, realActivateMs: null, emptyActivateMs: null, hostRuns: options.hostRuns, hostRunsOk: 0 };
    }
    const ok = runs.filter((r) => !r.error && r.activations?.real && r.activations.empty && !r.activations.real.wasActive);
    const first = ok[0];
    if (first) {
      const during = first.requiredDuringActivation ?? [];
      lazy &&= !eager(during);
    }
    const failures = runs.filter((r) => !ok.includes(r)).map((r) => r.error?.split('\n')[0] ?? 'the extension was already active');
    return {
      ...base,
      lazy,
      ratio: ok.length ? median(ok.map((r) => (r.activations?.real?.ms ?? 0) / (r.activations?.empty?.ms ?? 1))) : null,
      reason: ok.length ? (failures.length ? `${failures.length} host run(s) failed: ${failures.join('; ')}` : undefined) : `every host run failed: ${failures.join('; ')}`,
      realActivateMs: ok.length ? median(ok.map((r) => r.activations?.real?.ms ?? 0)) : null,
      emptyActivateMs: ok.length ? median(ok.map((r) => r.activations?.empty?.ms ?? 0)) : null,
      apiOnlyActivateMs: ok.length ? median(ok.map((r) => r.activations?.apiOnly?.ms ?? Number.NaN)) : null,
      floorRatio: ok.length ? median(ok.map((r) => (r.activations?.real?.ms ?? 0) / (r.activations?.apiOnly?.ms ?? Number.NaN))) : null,
      apiOnlyRatio: ok.length ? median(ok.map((r) => (r.activations?.apiOnly?.ms ?? Number.NaN) / (r.activations?.empty?.ms ?? 1))) : null,
      hostRuns: runs.length,
      hostRunsOk: ok.length,
      vscodeVersion: first?.vscode,
      requiredDuringActivation: first?.requiredDuringActivation,
      requiredByFirstDemoStart: first?.requiredByFirstDemoStart,
      requiredByFirstPage: first?.requiredByFirstPage,
      firstUseMs: ok.length ? median(ok.map((r) => r.firstUseMs ?? Number.NaN)) : null,
      firstDemoStartMs: ok.length ? median(ok.map((r) => r.firstDemoStartMs ?? Number.NaN)) : null,
      firstPageMs: ok.length ? median(ok.map((r) => r.firstPageMs ?? Number.NaN)) : null,
      inspectorRuns: ok.flatMap((r) => (r.inspector ? [r.inspector] : [])),
      inspectorErrors: ok.flatMap((r) => (r.inspectorError ? [r.inspectorError.split('\n')[0]] : [])),
    };
  } finally {
    fs.rmSync(build.dir, { recursive: true, force: true });
    log(`  B5: production build ${build.ms.toFixed(0)} ms`);
  }
}
