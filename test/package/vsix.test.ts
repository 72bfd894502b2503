// The .vsix as a user installs it (run `npm run package` first; `npm run test:package` does both).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipEntries, type ZipEntry } from './zipEntries';

const REPO = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const VSIX = path.join(REPO, `${manifest.name}-${manifest.version}.vsix`);
/**
 * Catches what must never ship (sources, maps, node_modules: megabytes), not growth: undici is most of it
 * (≈535 KB before compression), then the README, the pages of the inspector and the pictures, and the walkthrough.
 */
const MAX_BYTES = 480 * 1024;

interface Manifest {
  name: string;
  version: string;
  main: string;
  icon: string;
  l10n: string;
  contributes: {
    viewsContainers: { activitybar: { icon: string }[] };
    walkthroughs?: { steps: { media: { image?: string | Record<string, string>; markdown?: string } }[] }[];
  };
}

/** What must never ship: sources, tests, dependencies (everything is bundled), source maps. */
const FORBIDDEN = [/^extension\/src\//, /^extension\/test\//, /^extension\/out\//, /(^|\/)node_modules\//, /\.map$/, /\.tsx?$/, /\.vsix$/];

/** Every file the manifest points at, as it sits in the package. */
function referencedFiles(): string[] {
  const inPackage = (p: string): string => `extension/${path.posix.normalize(p).replace(/^\.\//, '')}`;
  const images = (manifest.contributes.walkthroughs ?? []).flatMap((w) =>
    w.steps.flatMap(({ media }) => [media.markdown, ...(typeof media.image === 'object' ? Object.values(media.image) : [media.image])]),
  );
  return [
    manifest.main,
    'dist/product.js', // required on first use (src/extension.ts)
    'dist/undici.js', // required on the first request (esbuild.js)
    'dist/demo.js', // required when the demo is tried
    'media/shared.css', // every page's common styles
    'media/dist/event.js', // the event inspector's page script
    'media/event.css',
    'media/dist/chain.js', // Show Chain's page
    'media/chain.css',
    'media/dist/activity.js', // the activity strip's page
    'media/activity.css',
    'media/dist/profile.js', // the Type Profile's page
    'media/profile.css',
    manifest.icon,
    `${manifest.l10n}/bundle.l10n.json`,
    ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
    ...images.filter((p): p is string => typeof p === 'string'),
  ].map(inPackage);
}

describe('the .vsix package', () => {
  let entries: ZipEntry[];
  let files: string[];

  before(() => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} not found: run \`npm run package\` first`);
    entries = zipEntries(VSIX);
    files = entries.map((e) => e.name);
  });

  it('holds every file the extension loads or the manifest points at', () => {
    const missing = referencedFiles().filter((f) => !files.includes(f));
    assert.deepEqual(missing, [], `missing from the .vsix (see .vscodeignore): ${missing.join(', ')}`);
  });

  it('holds the Marketplace page: manifest, README, CHANGELOG, LICENSE', () => {
    for (const f of ['extension.vsixmanifest', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) {
      assert.ok(files.includes(f), `${f} is not in the .vsix`);
    }
  });

  it('loads the product, the demo server and the HTTP client later, from files of their own', () => {
    // esbuild.js matches them by the file they resolve to; this is what a wrong match would break, silently
    const entry = fs.readFileSync(path.join(REPO, manifest.main), 'utf8');
    assert.match(entry, /require\("\.\/product\.js"\)/);
    assert.doesNotMatch(entry, /["']showActivity["']/, 'the product is bundled into the entry');
    const product = fs.readFileSync(path.join(REPO, 'dist', 'product.js'), 'utf8');
    assert.match(product, /require\("\.\/demo\.js"\)/);
    assert.match(product, /require\("\.\/undici\.js"\)/);
    assert.ok(!product.includes('seed must be an integer'), 'the demo server is bundled into the product');
  });

  it('holds no sources, tests, node_modules or source maps', () => {
    const leaked = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
    assert.deepEqual(leaked, []);
  });

  it(`stays within ${MAX_BYTES / 1024} KB`, () => {
    const bytes = fs.statSync(VSIX).size;
    assert.ok(bytes <= MAX_BYTES, `${path.basename(VSIX)} is ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('is what the README says it holds', () => {
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const unlisted = files.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).filter((f) => !readme.includes(`\`${f}\``));
    assert.deepEqual(unlisted, [], 'packaged files the README\'s Install section does not list');
  });
});
