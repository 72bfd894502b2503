// B5's driving half: runs the activation module (out/bench/vscode/activation.js) in a real VS Code extension
// host, N times, each in a fresh code-server (VS Code 1.139.1's server-side Node extension host) opened by
// headless Chromium, using the project's runner helpers in scripts/vscode-host/codeServer.mjs.
// Each host loads five empty extensions, a warm-up and four for the baseline (generated here and installed into the
// run's extensions folder), and the real extension folder given with --extension (as the development extension); the
// activation module activates two of the baseline ones before the real one and two after. Writes {"runs":[…]} to
// --out; prints progress on stderr.
//
// usage: node bench/vscode/host.mjs --extension DIR --tests FILE --out FILE [--runs N] [--timeout SECONDS] [--inspector-repeats N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  cleanupRunDir,
  ensureHarness,
  exposeAutomationExit,
  launchBrowser,
  makeRunDir,
  startCodeServer,
} from '../../scripts/vscode-host/codeServer.mjs';

const { values } = parseArgs({
  options: {
    extension: { type: 'string' },
    tests: { type: 'string' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '300' },
    'inspector-repeats': { type: 'string', default: '0' },
  },
});
if (!values.extension || !values.tests || !values.out) throw new Error('--extension, --tests and --out are required');

/**
 * An extension that does nothing: the baseline an activation is compared with. With `needsApi` its only line
 * is `require('vscode')`, the floor of any extension that uses the API (the host builds that object per extension).
 */
function emptyExtension(parent, name, needsApi = false) {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    publisher: 'timeline-bench',
    version: '0.0.1',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: [],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const api = needsApi ? "require('vscode');\n" : '';
  fs.writeFileSync(path.join(dir, 'extension.js'), `${api}exports.activate = function () {};\nexports.deactivate = function () {};\n`);
  return dir;
}

async function oneRun(harness, { real, empties }, tests, timeoutMs) {
  const runDir = makeRunDir('bench');
  // The empty extensions are installed (copied into the server's --extensions-dir, which VS Code scans);
  // the real one is the development extension: code-server honours only one extensionDevelopmentPath.
  for (const dir of empties) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    fs.cpSync(dir, path.join(runDir, 'extensions', `${m.publisher}.${m.name}-${m.version}`), { recursive: true });
  }
  const workspace = path.join(runDir, 'workspace');
  const resultFile = path.join(runDir, 'activation.json');
  const probeFile = path.join(runDir, 'probe.json');
  const server = await startCodeServer({ harness, runDir, workspace });
  let browser;
  let settled = false;
  try {
    browser = await launchBrowser(harness, runDir);
    const exit = exposeAutomationExit(browser.page);
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    const env = { TIMELINE_BENCH_RESULT: resultFile, TIMELINE_BENCH_INSPECTOR_REPEATS: values['inspector-repeats'], TIMELINE_BENCH_PROBE: probeFile };
    const payload = [
      ['extensionDevelopmentPath', remote(real)],
      ['extensionTestsPath', remote(tests)],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const over = { done: false };
    const driving = answerProbes(browser.page, probeFile, over);
    const outcome = await Promise.race([
      exit.then(() => 'exit'),
      server.exited.then(() => 'server exited'),
      sleep(timeoutMs, 'timeout', { ref: false }),
    ]);
    over.done = true;
    await driving;
    if (!fs.existsSync(resultFile)) throw new Error(`no result (${outcome}); server log ${server.logFile}`);
    settled = true;
    return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } finally {
    await browser?.context.close().catch(() => {});
    await server.stop();
    cleanupRunDir(runDir, !settled);
  }
}

/**
 * Answers B10's probe requests (bench/vscode/inspectorOpen.ts) until the run is over: each names the event an
 * inspector shows, found among the page's frames by its header. Its renderer's heap is read after a full GC; with
 * `scroll`, the page is then scrolled 400 px per animation frame for 300 frames, opening each "Show more" row it
 * reaches as a reader would, and the time between frames is recorded.
 */
async function answerProbes(page, requestFile, over) {
  while (!over.done) {
    if (!fs.existsSync(requestFile)) {
      await sleep(100);
      continue;
    }
    const { id, scroll } = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
    fs.rmSync(requestFile);
    let answer;
    try {
      answer = await probe(page, id, scroll);
    } catch (e) {
      answer = { error: e.message };
    }
    fs.writeFileSync(`${requestFile}.answer.tmp`, JSON.stringify(answer));
    fs.renameSync(`${requestFile}.answer.tmp`, `${requestFile}.answer`);
  }
}

async function probe(page, id, scroll) {
  const frame = await frameShowing(page, id);
  const heapBytes = await heapAfterGc(page, frame);
  if (!scroll) return { heapBytes };
  const scrolled = await frame.evaluate(
    () =>
      new Promise((resolve) => {
        const frameMs = [];
        const afterMore = []; // the frames that drew a "Show more" opened in the step before them
        let last;
        let opened = false;
        const step = (t) => {
          if (last !== undefined) {
            frameMs.push(t - last);
            if (opened) afterMore.push(frameMs.length - 1);
          }
          last = t;
          const more = document.querySelector('.row.more');
          opened = Boolean(more && more.getBoundingClientRect().top < window.innerHeight);
          if (opened) more.querySelector('button')?.click();
          window.scrollBy(0, 400);
          if (frameMs.length < 300) window.requestAnimationFrame(step);
          else resolve({ frameMs, afterMore });
        };
        window.requestAnimationFrame(step);
      }),
  );
  return { heapBytes, ...scrolled };
}

async function frameShowing(page, id) {
  for (let tries = 0; tries < 100; tries++) {
    for (const frame of page.frames()) {
      const shows = await frame.evaluate((id) => document.querySelector('header.event-header')?.textContent?.includes(id) ?? false, id).catch(() => false);
      if (shows) return frame;
    }
    await sleep(100);
  }
  throw new Error(`no frame shows the event ${id}`);
}

/** The heap of the frame's renderer after a full GC: its own session when it runs out of process, else the page's. */
async function heapAfterGc(page, frame) {
  const session = await page.context().newCDPSession(frame).catch(() => page.context().newCDPSession(page));
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await session.detach().catch(() => {});
  }
}

async function main() {
  const harness = ensureHarness();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-bench-ext-'));
  try {
    const empties = [
      ...['warmup', 'empty-1', 'empty-2', 'empty-3', 'empty-4'].map((name) => emptyExtension(scratch, name)),
      ...['api-1', 'api-2'].map((name) => emptyExtension(scratch, name, true)),
    ];
    const extensions = { real: path.resolve(values.extension), empties };
    const runs = [];
    const n = Number(values.runs);
    for (let i = 0; i < n; i++) {
      const t0 = Date.now();
      try {
        const result = await oneRun(harness, extensions, path.resolve(values.tests), Number(values.timeout) * 1000);
        runs.push(result);
        const a = result.activations ?? {};
        process.stderr.write(`  B5 host run ${i + 1}/${n}: real ${a.real?.ms?.toFixed(2)} ms, empty ${a.empty?.ms?.toFixed(2)} ms, API only ${a.apiOnly?.ms?.toFixed(2)} ms (median of ${result.emptyMs?.map((ms) => ms.toFixed(1)).join(', ')}; quiet after ${result.quietAfterMs?.toFixed(0)} ms)${result.inspector ? ', B10 measured' : ''}${result.inspectorError ? `, B10 failed: ${result.inspectorError.split('\n')[0]}` : ''}${result.error ? `, error: ${result.error.split('\n')[0]}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      } catch (e) {
        runs.push({ error: e.message });
        process.stderr.write(`  B5 host run ${i + 1}/${n} failed: ${e.message}\n`);
      }
    }
    fs.writeFileSync(values.out, JSON.stringify({ runs }, null, 2));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  },
);
