import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FOLD_SCAN_MAX, FoldScan } from '../../../src/core/foldScan';

const REPO = path.resolve(__dirname, '../../../..');

/** Every start of `lower` in `bytes`, ASCII letters compared in either case and every other byte as itself. */
function naive(bytes: Buffer, lower: Buffer): number[] {
  const fold = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  const starts: number[] = [];
  for (let at = 0; at + lower.length <= bytes.length; at++) {
    let i = 0;
    while (i < lower.length && fold(bytes[at + i]) === lower[i]) i++;
    if (i === lower.length) starts.push(at);
  }
  return starts;
}

function scan(query: string, bytes: Buffer, onHit?: (at: number) => number | void): number[] {
  const fold = FoldScan.of(Buffer.from(query));
  assert.ok(fold, 'this Node runs WebAssembly with SIMD, as VS Code does');
  const found: number[] = [];
  fold.forEachHit(bytes, (at) => {
    found.push(at);
    return onHit?.(at);
  });
  return found;
}

/** A deterministic text of letters in both cases, the bytes just beside them and UTF-8, with the query's bytes often. */
function text(length: number, seed: number): Buffer {
  const alphabet = Buffer.from('aAbB@[`{ZzYy\u00c1\u00e1-:"\\', 'latin1');
  const out = Buffer.alloc(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = alphabet[(s >>> 16) % alphabet.length];
  }
  return out;
}

describe('FoldScan: an ASCII query found ignoring case, 16 places at a time', () => {
  it('is assembled from foldScan.wat as checked in (npm run wasm writes it again)', () => {
    const assembled = execFileSync(process.execPath, [path.join(REPO, 'scripts/wasm.mjs'), '--print'], { encoding: 'utf8' });
    assert.equal(readFileSync(path.join(REPO, 'src/core/foldScanWasm.ts'), 'utf8'), assembled);
  });

  it('finds what a comparison at each place finds, for every length, in a text of look-alike bytes', () => {
    // 0x40, 0x5b, 0x60 and 0x7b sit beside the letters; 0xc1/0xe1 differ by 0x20 as letters do, and are not ASCII
    for (let m = 1; m <= FOLD_SCAN_MAX; m++) {
      const query = 'abzy@`[{-:"\\ab'.repeat(2).slice(0, m).toLowerCase();
      const bytes = Buffer.concat([text(70_000 + m, m), Buffer.from(query.toUpperCase()), text(5_000, 99 + m), Buffer.from(query)]);
      assert.deepEqual(scan(query, bytes), naive(bytes, Buffer.from(query)), `a query of ${m} bytes`);
    }
  });

  it('reports overlapping matches, and matches across the slices it copies, up to the last byte', () => {
    const bytes = Buffer.from(`${'Aa'.repeat(70_000)}a`);
    assert.deepEqual(scan('aaa', bytes), naive(bytes, Buffer.from('aaa')));
    assert.deepEqual(scan('aa', Buffer.from('aA')), [0]);
    assert.deepEqual(scan('abc', Buffer.from('ab')), []);
  });

  it('goes on from where the caller says, inside a slice and past it', () => {
    const bytes = Buffer.from('dispute '.repeat(40_000));
    const all = naive(bytes, Buffer.from('dispute'));
    assert.deepEqual(scan('dispute', bytes, (at) => at + 20), all.filter((_, i) => i % 3 === 0));
    assert.deepEqual(scan('dispute', bytes, (at) => at + 100_000), [0, 100_000, 200_000, 300_000]);
  });

  it('answers a scan started from inside another one, each over its own text', () => {
    const outer = Buffer.from('x'.repeat(70_000) + 'Needle' + 'x'.repeat(10) + 'needle');
    const inner = Buffer.from('haystack with a NEEDLE');
    const innerHits: number[][] = [];
    const found = scan('needle', outer, () => {
      innerHits.push(scan('needle', inner));
    });
    assert.deepEqual(found, [70_000, 70_016]);
    assert.deepEqual(innerHits, [[16], [16]]);
  });

  it('takes no query it cannot bound', () => {
    assert.equal(FoldScan.of(Buffer.alloc(0)), undefined);
    assert.equal(FoldScan.of(Buffer.from('x'.repeat(FOLD_SCAN_MAX + 1))), undefined);
  });
});
