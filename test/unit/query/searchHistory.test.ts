import * as assert from 'node:assert/strict';
import { MAX_RECENT_QUERIES, SearchHistory } from '../../../src/core/searchHistory';

const noSecret = (): boolean => false;

describe('SearchHistory: recent queries per connection', () => {
  it('keeps a connection\'s queries newest first, each once', () => {
    const history = new SearchHistory();
    for (const q of ['type:REFUSAL', 'dispute', '  type:REFUSAL ', 'c3a1']) history.remember('pismo', q, noSecret);
    history.remember('lms', 'course', noSecret);
    assert.deepEqual(history.recent('pismo'), ['c3a1', 'type:REFUSAL', 'dispute']);
    assert.deepEqual(history.recent('lms'), ['course']);
    assert.deepEqual(history.recent('none'), []);
  });

  it('keeps at most 50 per connection, dropping the oldest', () => {
    const history = new SearchHistory();
    for (let i = 0; i < 120; i++) history.remember('pismo', `q${i}`, noSecret);
    const recent = history.recent('pismo');
    assert.equal(recent.length, MAX_RECENT_QUERIES);
    assert.equal(recent[0], 'q119');
    assert.equal(recent[49], 'q70');
  });

  it('never keeps a secret, nor a blank or oversized query', () => {
    const secrets = new Set(['s3cr3t-token']);
    const isSecret = (q: string): boolean => secrets.has(q);
    const history = new SearchHistory();
    assert.equal(history.remember('pismo', ' s3cr3t-token ', isSecret), false);
    assert.equal(history.remember('pismo', '   ', isSecret), false);
    assert.equal(history.remember('pismo', 'x'.repeat(2001), isSecret), false);
    assert.equal(history.remember('pismo', 'dispute', isSecret), true);
    assert.deepEqual(history.recent('pismo'), ['dispute']);
    assert.ok(!JSON.stringify(history.toState()).includes('s3cr3t'));
  });

  it('drops a kept query that became a secret later', () => {
    const history = new SearchHistory();
    history.remember('pismo', 'abc123', noSecret);
    history.remember('pismo', 'dispute', noSecret);
    history.remember('lms', 'abc123', noSecret);
    assert.equal(history.purge((q) => q === 'abc123'), 2);
    assert.deepEqual(history.toState(), { pismo: ['dispute'] });
  });

  it('round-trips through plain JSON, and reads back what it can from anything state holds', () => {
    const history = new SearchHistory();
    history.remember('pismo', 'a', noSecret);
    history.remember('pismo', 'b', noSecret);
    history.remember('__proto__', 'c', noSecret);
    const json = JSON.parse(JSON.stringify(history.toState())) as unknown;
    const back = SearchHistory.fromState(json, noSecret);
    assert.deepEqual(back.recent('pismo'), ['b', 'a']);
    assert.deepEqual(back.recent('__proto__'), ['c']);
    assert.equal(({} as Record<string, unknown>).c, undefined);

    for (const junk of [undefined, null, 42, 'x', [], [['a']]]) assert.deepEqual(SearchHistory.fromState(junk, noSecret).toState(), {});
    const mixed = SearchHistory.fromState({ pismo: ['ok', 7, null, { q: 1 }, 'ok', 'secret'], lms: 'not a list' }, (q) => q === 'secret');
    assert.deepEqual(mixed.toState(), { pismo: ['ok'] });
  });

  it('bounds what state may make it hold', () => {
    const state = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, Array.from({ length: 500 }, (_, j) => `q${j}`)]));
    const history = SearchHistory.fromState(state, noSecret);
    const kept = history.toState();
    assert.equal(Object.keys(kept).length, 200);
    assert.equal(kept.c0.length, MAX_RECENT_QUERIES);
    // the first 50 of state are its newest
    assert.equal(kept.c0[0], 'q0');
    assert.equal(history.remember('c-new', 'x', noSecret), false);
    assert.equal(history.remember('c1', 'x', noSecret), true);
  });

  it('forgets a query or a connection', () => {
    const history = new SearchHistory();
    history.remember('pismo', 'a', noSecret);
    history.remember('pismo', 'b', noSecret);
    history.forget('pismo', ' a ');
    assert.deepEqual(history.recent('pismo'), ['b']);
    history.forgetConnection('pismo');
    assert.deepEqual(history.toState(), {});
  });
});
