// Screenshots of the real workbench (code-server 4.139.1 = VS Code 1.139.1) with the
// extension loaded. A scene module runs in the extension host, sets the UI up and calls
// snap(NAME) (test/integration/scenes.ts), which writes NAME.request into the scene
// folder; this driver then saves NAME.png (1280x800) and answers with NAME.done.
//
// usage: node scripts/vscode-host/screenshots.mjs [options]
//   --extension DIR     extension folder (default: the repo)
//   --tests MODULE      scene module exporting run() (default: out/test/integration/screenshots/index.js)
//   --out DIR           where the PNGs go (default: .vscode-test/screenshots; emptied first)
//   --timeout SECONDS   give up after this long (default 600)
//   --locale LOCALE     run the workbench in this display language (e.g. pt-br); the scene module then defaults
//                       to out/test/integration/screenshots/locale.js and the PNGs to .vscode-test/screenshots/LOCALE
//   --verbose           also print workbench console output
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { REPO, TEST_DIR, cleanupRunDir, extensionHostEnv, printServerLogTail, runInCodeServer } from './codeServer.mjs';

const POLL_MS = 100;
// time for the workbench to paint what the extension host just changed (tree
// reveal, editor opening, theme switch) after its command resolved
const SETTLE_MS = 800;

function options() {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: REPO },
      tests: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      verbose: { type: 'boolean', default: false },
      locale: { type: 'string' },
    },
  });
  if (values.locale !== undefined && !/^[a-z]{2,3}(-[a-z\d]+)*$/.test(values.locale)) throw new Error(`--locale ${values.locale}: use a lower-case tag such as pt-br`);
  values.tests ??= path.join(REPO, `out/test/integration/screenshots/${values.locale ? 'locale' : 'index'}.js`);
  values.out ??= path.join(TEST_DIR, 'screenshots', ...(values.locale ? [values.locale] : []));
  for (const p of [path.join(values.extension, 'package.json'), values.tests]) {
    if (!fs.existsSync(p)) throw new Error(`${p} not found (run \`npm run build && npm run compile-tests\` first?)`);
  }
  return { ...values, extension: path.resolve(values.extension), tests: path.resolve(values.tests), out: path.resolve(values.out) };
}

/** Empties the scene folder so that it ends up holding exactly this run's pictures. */
function prepareSceneDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    if (/\.(png|request|done|tmp)$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  }
}

async function settle(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await sleep(SETTLE_MS);
  // two frames: the last layout change has been painted
  await page.evaluate(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
}

async function shoot(page, dir, name, shots) {
  const png = path.join(dir, `${name}.png`);
  let answer = {};
  try {
    await settle(page);
    await page.screenshot({ path: png });
    shots.push(png);
    console.error(`[screenshots] ${png}`);
  } catch (e) {
    answer = { error: e.message };
    console.error(`[screenshots] ${name} failed: ${e.message}`);
  }
  fs.writeFileSync(path.join(dir, `${name}.done`), JSON.stringify(answer));
}

/** Answers NAME.request files until `signal` aborts; `shots` collects the saved PNGs. */
async function serveScenes(page, dir, signal, shots) {
  while (!signal.aborted) {
    const requests = fs.readdirSync(dir).filter((f) => f.endsWith('.request')).sort();
    for (const request of requests) {
      fs.rmSync(path.join(dir, request), { force: true });
      await shoot(page, dir, request.slice(0, -'.request'.length), shots);
    }
    await sleep(POLL_MS);
  }
}

async function main() {
  const opts = options();
  prepareSceneDir(opts.out);
  const shots = [];
  const t0 = Date.now();
  const res = await runInCodeServer({
    extensionDir: opts.extension,
    testsModule: opts.tests,
    env: extensionHostEnv({ TIMELINE_SCENE_DIR: opts.out, ...(opts.locale ? { TIMELINE_SCENE_LOCALE: opts.locale } : {}) }),
    locale: opts.locale,
    timeoutMs: Number(opts.timeout) * 1000,
    verbose: opts.verbose,
    onPage: (page, signal) => serveScenes(page, opts.out, signal, shots),
  });
  console.error(`[screenshots] scene run finished via ${res.how} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (!res.settled) printServerLogTail(res.logFile);
  cleanupRunDir(res.runDir, !res.settled);

  for (const png of shots) console.log(png);
  if (shots.length === 0) console.error('no screenshot was taken');
  return res.code === 0 && shots.length > 0 ? 0 : res.code || 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e.stack ?? e);
    process.exit(2);
  },
);
