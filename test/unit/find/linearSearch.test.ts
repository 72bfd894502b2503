import * as assert from 'node:assert/strict';
import { LinearSearch, codeUnits } from '../../../src/core/linearSearch';

/** Every start of `pattern` in `text`, overlapping ones too, by comparing at each place. */
function naive(text: string, pattern: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i + pattern.length <= text.length; i++) if (text.startsWith(pattern, i)) starts.push(i);
  return starts;
}

function all(search: LinearSearch, text: ArrayLike<number>, from = 0, fold?: Uint8Array): number[] {
  const starts: number[] = [];
  search.forEach(text, from, fold, (start) => void starts.push(start));
  return starts;
}

describe('LinearSearch', () => {
  it('finds every place a pattern starts, overlapping ones included, as comparing at each place does', () => {
    const texts = ['aaaaaaaa', 'abababababa', 'aabaabaaab', 'abcabcabd', 'xyz', '', 'abaababaabaababaababa'];
    const patterns = ['a', 'aa', 'aaa', 'ab', 'aba', 'abab', 'aab', 'abcabd', 'abaababa', 'z', 'xyzw'];
    for (const text of texts) {
      for (const pattern of patterns) {
        assert.deepEqual(all(new LinearSearch(codeUnits(pattern)), codeUnits(text)), naive(text, pattern), `${pattern} in ${text}`);
      }
    }
  });

  it('starts at `from`, folds the text when told, and goes on from where a hit says', () => {
    const fold = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c));
    const search = new LinearSearch(Buffer.from('aba'));
    const text = Buffer.from('ABAbAbAbA-aba');
    assert.deepEqual(all(search, text, 0, fold), [0, 2, 4, 6, 10]);
    assert.deepEqual(all(search, text), [10], 'without folding, case counts');
    assert.deepEqual(all(search, text, 3, fold), [4, 6, 10]);
    // a hit that wants nothing before 3 (overlapping what was read) and one that jumps far ahead
    const starts: number[] = [];
    search.forEach(text, 0, fold, (start) => {
      starts.push(start);
      return start === 0 ? 3 : 9;
    });
    assert.deepEqual(starts, [0, 4, 10]);
  });

  it('says where a pattern first starts, and refuses an empty one', () => {
    const search = new LinearSearch(codeUnits('é🚀'));
    assert.equal(search.indexIn(codeUnits('xé🚀é🚀')), 1);
    assert.equal(search.indexIn(codeUnits('xé🚀'.slice(0, 2))), -1);
    assert.throws(() => new LinearSearch([]), RangeError);
  });

  it('reads each unit of a repetitive text once, whatever the pattern', () => {
    const text = Buffer.alloc(1 << 20, '1');
    const steps = (pattern: string): number => {
      let reads = 0;
      const counted = new Proxy(text, { get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) ? (reads++, target[Number(key)]) : Reflect.get(target, key)) });
      const found = all(new LinearSearch(Buffer.from(pattern)), counted as unknown as ArrayLike<number>);
      assert.equal(found.length, pattern.includes('2') ? 0 : text.length - pattern.length + 1);
      return reads;
    };
    for (const pattern of ['1'.repeat(511) + '2', '2' + '1'.repeat(511), '1'.repeat(256) + '2' + '1'.repeat(255), '1'.repeat(512)]) {
      assert.equal(steps(pattern), text.length, pattern.slice(0, 4));
    }
  });
});
