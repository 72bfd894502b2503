import * as assert from 'node:assert/strict';
import { Needle } from '../../../src/core/needle';

/** Every start of `query` in `bytes`, ignoring ASCII case, overlapping ones too, by comparing at each place. */
function naive(bytes: Buffer, query: string): number[] {
  const text = bytes.toString('latin1').toLowerCase();
  const lower = query.toLowerCase();
  const starts: number[] = [];
  for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) starts.push(at);
  return starts;
}

function hits(needle: Needle, bytes: Buffer, skip?: (at: number) => number): number[] {
  const found: number[] = [];
  needle.forEachHit(bytes, (at) => {
    found.push(at);
    return skip?.(at);
  });
  return found.sort((a, b) => a - b);
}

describe('Needle: a word found ignoring case, at byte offsets, however the page is cut', () => {
  // 200 KB: the scan reads the page in slices, and some matches straddle where one ends
  const SLICE = 1 << 16;
  const parts: string[] = [];
  for (let at = 0; parts.join('').length < 200_000; at++) parts.push(at % 7 === 0 ? 'DisPUTE ' : at % 5 === 0 ? 'é disputed\u00ff ' : 'x'.repeat(at % 13) + ' ');
  const straddling = (cut: number): string => 'y'.repeat(cut - 3);
  const page = Buffer.concat([Buffer.from(straddling(SLICE)), Buffer.from('DISPUTE'), Buffer.from(parts.join(''), 'utf8'), Buffer.from('dispute')]);

  it('reports what a comparison at each byte finds: every case, a match across a slice boundary, one at the very end', () => {
    const expected = naive(page, 'dispute');
    assert.ok(expected.includes(SLICE - 3) && expected.includes(page.length - 7));
    assert.deepEqual(hits(new Needle('Dispute'), page), expected);
  });

  it('reports overlapping matches, and punctuation in a query as itself', () => {
    const bytes = Buffer.from(`${'ab'.repeat(40_000)}a.b*a.B*(a+b)`);
    assert.deepEqual(hits(new Needle('abab'), bytes), naive(bytes, 'abab'));
    assert.deepEqual(hits(new Needle('a.b*'), bytes), naive(bytes, 'a.b*'));
    assert.deepEqual(hits(new Needle('(a+b)'), bytes), [bytes.length - 5]);
  });

  it('goes on from where the caller says, even past a slice', () => {
    const expected = naive(page, 'dispute');
    // skip to 100 KB after the first hit: only the hits after that place come next
    const found = hits(new Needle('dispute'), page, (at) => (at === expected[0] ? at + 100_000 : at + 1));
    assert.deepEqual(found, [expected[0], ...expected.filter((at) => at >= expected[0] + 100_000)]);
  });
});
