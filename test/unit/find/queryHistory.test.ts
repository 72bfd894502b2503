import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { MAX_RECENT_QUERIES } from '../../../src/core/searchHistory';
import { QueryHistory } from '../../../src/ui/find/queryHistory';
import type { SecretBundle } from '../../../src/ui/model/secrets';

/** A workspace state in memory, as VS Code's Memento keeps values between windows. */
class MemoryState {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('QueryHistory: recent queries in the workspace state, never a secret', () => {
  const secrets = new Map<string, SecretBundle>([['prod', { apiKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' }]]);
  const store = { get: async (id: string) => secrets.get(id) };
  const history = (state: MemoryState): QueryHistory => new QueryHistory(state as unknown as vscode.Memento, store, () => [...secrets.keys(), 'other']);

  it('keeps each connection newest first, survives a new window, and drops a query holding a stored secret', async () => {
    const state = new MemoryState();
    const first = history(state);
    await first.remember('prod', 'type:REFUSAL');
    await first.remember('prod', 'timeout');
    await first.remember('prod', 'key sk_live_4eC39HqLyjWDarjtT1zdp7dc');
    await first.remember('other', 'dispute');
    assert.deepEqual(first.recent('prod'), ['timeout', 'type:REFUSAL']);
    assert.ok(!JSON.stringify([...state.values.values()]).includes('sk_live'), 'the secret reached the workspace state');
    const next = history(state);
    assert.deepEqual(next.recent('prod'), ['timeout', 'type:REFUSAL']);
    assert.deepEqual(next.recent('other'), ['dispute']);
  });

  it('purges a kept query that has since become a secret, and keeps at most the limit', async () => {
    const state = new MemoryState();
    const h = history(state);
    await h.remember('other', 'hunter2-password');
    secrets.set('other', { serverSecret: 'hunter2-password' });
    await h.remember('other', 'timeout');
    assert.deepEqual(h.recent('other'), ['timeout']);
    for (let i = 0; i < MAX_RECENT_QUERIES + 5; i++) await h.remember('other', `q${i}`);
    assert.equal(h.recent('other').length, MAX_RECENT_QUERIES);
    assert.equal(h.recent('other')[0], `q${MAX_RECENT_QUERIES + 4}`);
    secrets.delete('other');
  });
});
