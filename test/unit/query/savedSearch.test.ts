import * as assert from 'node:assert/strict';
import { appliesTo, MAX_SAVED_SEARCHES, parseSavedSearch, parseSavedSearches, type SavedSearch, withSavedSearch } from '../../../src/core/savedSearch';

const NOW_MS = Date.UTC(2025, 5, 30, 21);

function saved(entry: unknown): SavedSearch {
  const parsed = parseSavedSearch(entry, NOW_MS);
  if ('error' in parsed) assert.fail(parsed.error);
  return parsed;
}

function refusal(entry: unknown): string {
  const parsed = parseSavedSearch(entry, NOW_MS);
  if (!('error' in parsed)) assert.fail(`accepted ${JSON.stringify(parsed)}`);
  return parsed.error;
}

describe('Saved searches: what a settings file may hold', () => {
  it('reads a query, a filter or both, and the connections it is offered for', () => {
    assert.deepEqual(saved({ name: ' Disputes ', query: 'category:DISPUTE since:7d' }), { name: 'Disputes', query: 'category:DISPUTE since:7d' });
    assert.deepEqual(saved({ name: 'Refusals', filter: { types: ['REFUSAL'], last: '24h' }, connections: ['pismo', 'pismo'] }), {
      name: 'Refusals',
      filter: { types: ['REFUSAL'], last: '24h' },
      connections: ['pismo'],
    });
    const both = saved({ name: 'Big', query: 'data.amount:1234.50', filter: { since: '2025-06-01' }, extra: 'ignored' });
    assert.deepEqual(both.filter, { since: '2025-06-01T00:00:00Z' });
    assert.equal(both.query, 'data.amount:1234.50');
  });

  it('refuses a wrong entry with a sentence', () => {
    assert.match(refusal('x'), /a saved search is an object/);
    assert.match(refusal({ query: 'x' }), /"name" must be text of 1 to 100 characters/);
    assert.match(refusal({ name: 'n'.repeat(101), query: 'x' }), /"name" must be text/);
    assert.match(refusal({ name: 'bell\u0007', query: 'x' }), /"name" must be text/);
    assert.match(refusal({ name: 'Empty' }), /"Empty" has neither a "query" nor a "filter"/);
    assert.match(refusal({ name: 'Q', query: 42 }), /"query" must be the text of a Find query/);
    assert.match(refusal({ name: 'Q', query: 'memo:"open' }), /^"Q": The value of "memo" opens a quote that is not closed/);
    assert.match(refusal({ name: 'F', filter: { last: '1y' } }), /^"F": "last" must be one of/);
    assert.match(refusal({ name: 'C', query: 'x', connections: [] }), /lists no connection/);
    assert.match(refusal({ name: 'C', query: 'x', connections: 'pismo' }), /must be a list of connection ids/);
    assert.match(refusal({ name: 'C', query: 'x', connections: Array.from({ length: 51 }, (_, i) => `c${i}`) }), /at most 50 connections/);
  });

  it('keeps the good entries of a list and names the others', () => {
    const { searches, problems } = parseSavedSearches([{ name: 'A', query: 'a' }, { name: 'B' }, { name: 'a', query: 'again' }, { name: 'C', query: 'c' }], NOW_MS);
    assert.deepEqual(searches.map((s) => s.name), ['A', 'C']);
    assert.deepEqual(problems, ['Saved search 2: "B" has neither a "query" nor a "filter".', 'Saved search 3: another saved search is already named "a".']);
    assert.deepEqual(parseSavedSearches(undefined, NOW_MS), { searches: [], problems: [] });
    assert.deepEqual(parseSavedSearches({ name: 'A' }, NOW_MS).problems, ['timelineViewer.savedSearches must be a list of saved searches.']);
  });

  it('bounds how many a file may hold', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ name: `s${i}`, query: 'x' }));
    const { searches, problems } = parseSavedSearches(many, NOW_MS);
    assert.equal(searches.length, MAX_SAVED_SEARCHES);
    assert.match(problems[0], /holds 1000 searches; the first 100 are used/);
  });

  it('reads prototype keys as data', () => {
    const entry = JSON.parse('{"name":"P","query":"x","__proto__":{"filter":{"types":["X"]}}}') as unknown;
    assert.deepEqual(saved(entry), { name: 'P', query: 'x' });
  });

  it('is offered for the connections it names, or all', () => {
    assert.equal(appliesTo(saved({ name: 'A', query: 'x' }), 'any'), true);
    const only = saved({ name: 'B', query: 'x', connections: ['pismo'] });
    assert.deepEqual([appliesTo(only, 'pismo'), appliesTo(only, 'lms')], [true, false]);
  });

  it('saves into the setting by name, keeping every other entry as it was', () => {
    const current = [{ name: 'A', query: 'a' }, 'junk', { name: 'b', query: 'old' }];
    const next = withSavedSearch(current, { name: 'B', query: 'new' });
    assert.deepEqual(next, [{ name: 'A', query: 'a' }, 'junk', { name: 'B', query: 'new' }]);
    assert.deepEqual(withSavedSearch(undefined, { name: 'C', query: 'c' }), [{ name: 'C', query: 'c' }]);
    const full = Array.from({ length: MAX_SAVED_SEARCHES }, (_, i) => ({ name: `s${i}`, query: 'x' }));
    assert.match((withSavedSearch(full, { name: 'more', query: 'x' }) as { error: string }).error, /100 searches are saved/);
    assert.equal((withSavedSearch(full, { name: 'S5', query: 'y' }) as unknown[]).length, MAX_SAVED_SEARCHES);
  });
});
