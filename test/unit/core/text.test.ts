import * as assert from 'node:assert/strict';
import { displayText } from '../../../src/core/displayText';
import { Redactor } from '../../../src/core/redact';
import { apiUrl, parseBaseUrl } from '../../../src/core/url';

describe('displayText', () => {
  it('shows bidi overrides and zero-width characters as visible escapes', () => {
    assert.equal(displayText('a\u202Eb\u200Bc'), 'a\\u202eb\\u200bc');
  });
  it('leaves no markdown link a notification would make live', () => {
    const shown = displayText('[Open](command:workbench.action.terminal.sendSequence?%7B%7D) and [x](https://evil.example)');
    assert.doesNotMatch(shown, /\]\(/);
    assert.equal(shown, '[Open] (command:workbench.action.terminal.sendSequence?%7B%7D) and [x] (https://evil.example)');
    assert.equal(displayText(']('.repeat(10), 6), '] (] …');
  });
  it('flattens lines and cuts long values', () => {
    assert.equal(displayText('one\ntwo'), 'one two');
    assert.equal(displayText('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
  });
});

describe('Redactor', () => {
  it('masks known secrets, bearer tokens and secret query parameters', () => {
    const r = new Redactor();
    r.add('s3cr3t-key');
    const out = r.redact('key s3cr3t-key; Authorization: Bearer abc.def; https://h/x?api_key=zzz&limit=5');
    assert.equal(out.includes('s3cr3t-key'), false);
    assert.equal(out.includes('abc.def'), false);
    assert.equal(out.includes('zzz'), false);
    assert.match(out, /limit=5/);
  });
});

describe('base URLs', () => {
  it('accepts https and loopback http, keeping a path prefix', () => {
    assert.equal(apiUrl(parseBaseUrl('https://gw.example/pismo/'), '/timeline/v1/timeline').toString(), 'https://gw.example/pismo/timeline/v1/timeline');
    assert.equal(parseBaseUrl('http://127.0.0.1:8787').host, '127.0.0.1:8787');
  });
  it('refuses malformed URLs, remote plain http and embedded credentials with a sentence', () => {
    assert.throws(() => parseBaseUrl('not a url'), /not a valid URL/);
    assert.throws(() => parseBaseUrl('http://api.example.com'), /Use https/);
    assert.throws(() => parseBaseUrl('https://user:pw@api.example.com'), /secret store/);
  });
});
