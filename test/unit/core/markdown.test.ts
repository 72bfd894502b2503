import * as assert from 'node:assert/strict';
import { commandLink, escapeMarkdown } from '../../../src/core/markdown';

/** CommonMark's backslash escapes undone: what a reader sees of escaped text. */
const unescape = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Whether any ASCII punctuation is left unescaped (the only characters that make Markdown syntax). */
function hasBareSyntax(md: string): boolean {
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\') {
      i++;
      continue;
    }
    if (/[!-/:-@[-`{-~]/.test(md[i])) return true;
  }
  return false;
}

const HOSTILE = [
  '[Open me](command:timelineViewer.openEvent?%5B%5D)',
  '[x](https://evil.invalid/steal?t=1)',
  'visit https://evil.invalid or www.evil.invalid or mail a@evil.invalid',
  '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">a</a>',
  '**bold** _em_ `code` # heading > quote | table |',
  '&lt;script&gt; &#x3C;b&#x3E;',
  '$(alert) $(zap~spin)',
  '![img](https://evil.invalid/x.png)',
  '\\[escaped\\](command:x)',
  '<https://evil.invalid>',
];

describe('hover Markdown escaping of event data', () => {
  for (const text of HOSTILE) {
    it(`leaves no syntax in ${JSON.stringify(text).slice(0, 40)}`, () => {
      const md = escapeMarkdown(text);
      assert.equal(hasBareSyntax(md), false, md);
      assert.equal(unescape(md), text, 'the text reads exactly as sent');
    });
  }

  it('shows invisible characters, flattens lines and cuts long text', () => {
    assert.equal(unescape(escapeMarkdown('a\u202Eb\nc')), 'a\\u202eb c');
    assert.equal(unescape(escapeMarkdown('x'.repeat(500), 20)).length, 20);
  });

  it('keeps a command link to its own destination whatever its arguments hold', () => {
    const link = commandLink('Find [x](y)', 'timelineViewer.pivot', { query: 'a) [b](command:evil) "c\' *!' });
    const match = /^\[(.*)\]\(command:timelineViewer\.pivot\?([^()\s]*)\)$/.exec(link);
    assert.ok(match, link);
    assert.equal(hasBareSyntax(match[1]), false);
    assert.deepEqual(JSON.parse(decodeURIComponent(match[2])), [{ query: 'a) [b](command:evil) "c\' *!' }]);
  });
});
