// Renders media/icon.svg to the 128x128 media/icon.png the Marketplace shows (it does not accept an SVG icon),
// with the Chromium and playwright-core of the test harness, so no image tool of its own is needed.
// usage: node scripts/icon.mjs   (rerun after changing media/icon.svg, and commit both)
import fs from 'node:fs';
import path from 'node:path';
import { REPO, ensureHarness, launchBrowser, makeRunDir, cleanupRunDir } from './vscode-host/codeServer.mjs';

const SIZE = 128;
const svg = fs.readFileSync(path.join(REPO, 'media/icon.svg'), 'utf8');
const out = path.join(REPO, 'media/icon.png');

const harness = ensureHarness();
const runDir = makeRunDir('icon');
const { context, page } = await launchBrowser(harness, runDir);
try {
  await page.setViewportSize({ width: SIZE, height: SIZE });
  // a transparent page, so the icon's rounded corners stay transparent
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${SIZE}px;height:${SIZE}px}</style>${svg}`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
} finally {
  await context.close();
  cleanupRunDir(runDir);
}
console.log(`${out} (${fs.statSync(out).size} bytes)`);
