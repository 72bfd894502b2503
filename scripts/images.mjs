// Turns the real-workbench screenshots of `npm run screenshots` (.vscode-test/screenshots/) into the
// README's pictures (docs/images/, full size) and the walkthrough's (media/walkthrough/, cropped and scaled
// down, since they ship in the .vsix and count against its 400 KB), with the harness's Chromium.
// usage: npm run screenshots && node scripts/images.mjs   (then look at them and commit)
import fs from 'node:fs';
import path from 'node:path';
import { REPO, TEST_DIR, VIEWPORT, cleanupRunDir, ensureHarness, launchBrowser, makeRunDir } from './vscode-host/codeServer.mjs';

const SHOTS = path.join(TEST_DIR, 'screenshots');
const README_IMAGES = ['welcome', 'tree', 'tree-talentlms', 'event-panel', 'event-document', 'find-results', 'tree-filtered', 'live-tail', 'pivot-hover', 'workspace-connection'];
// the side bar and the editor area of the 1280x800 workbench
const SIDE_BAR = { x: 48, y: 36, width: 302, height: 420 };
const WALKTHROUGH = [
  { from: 'tree', to: 'demo', clip: SIDE_BAR, scale: 1 },
  { from: 'tree-talentlms', to: 'connection', clip: SIDE_BAR, scale: 1 },
  { from: 'find-results', to: 'correlation', clip: SIDE_BAR, scale: 1 },
  { from: 'event-panel', to: 'inspector', clip: { x: 352, y: 36, width: 924, height: 560 }, scale: 0.55 },
];

const png = (name) => path.join(SHOTS, `${name}.png`);
for (const name of new Set([...README_IMAGES, ...WALKTHROUGH.map((w) => w.from)])) {
  if (!fs.existsSync(png(name))) throw new Error(`${png(name)} not found: run \`npm run screenshots\` first`);
}

const docs = path.join(REPO, 'docs/images');
fs.mkdirSync(docs, { recursive: true });
for (const name of README_IMAGES) fs.copyFileSync(png(name), path.join(docs, `${name}.png`));

const harness = ensureHarness();
const runDir = makeRunDir('images', harness);
const { context, page } = await launchBrowser(harness, runDir);
try {
  const media = path.join(REPO, 'media/walkthrough');
  fs.mkdirSync(media, { recursive: true });
  for (const { from, to, clip, scale } of WALKTHROUGH) {
    const data = fs.readFileSync(png(from)).toString('base64');
    await page.setViewportSize(VIEWPORT);
    await page.setContent(`<style>body{margin:0}img{display:block;width:${VIEWPORT.width * scale}px}</style><img src="data:image/png;base64,${data}">`);
    await page.locator('img').evaluate((img) => img.decode());
    const scaled = Object.fromEntries(Object.entries(clip).map(([k, v]) => [k, Math.round(v * scale)]));
    // JPEG: the walkthrough's pictures ship in the .vsix, and a screenshot is a quarter of its PNG size
    const out = path.join(media, `${to}.jpg`);
    await page.screenshot({ path: out, clip: scaled, type: 'jpeg', quality: 85 });
    console.log(`${out} (${(fs.statSync(out).size / 1024).toFixed(1)} KB)`);
  }
} finally {
  await context.close();
  cleanupRunDir(runDir);
}
