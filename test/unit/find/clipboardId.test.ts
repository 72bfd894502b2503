import * as assert from 'node:assert/strict';
import { CLIPBOARD_WAIT_MS, clipboardId } from '../../../src/ui/find/clipboardId';

const UUID = 'cb6d3dc1-be6d-4abf-8ed1-7b40f4d24654';

/** What `run` resolves to, and how many of the timers it started it left uncleared. */
async function withTimers<T>(run: () => Promise<T>): Promise<{ result: T; uncleared: number }> {
  const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
  const started = new Set<unknown>();
  globalThis.setTimeout = ((...args: Parameters<typeof realSet>) => {
    const timer = realSet(...args);
    started.add(timer);
    return timer;
  }) as typeof realSet;
  globalThis.clearTimeout = ((timer: Parameters<typeof realClear>[0]) => {
    started.delete(timer);
    realClear(timer);
  }) as typeof realClear;
  try {
    return { result: await run(), uncleared: started.size };
  } finally {
    Object.assign(globalThis, { setTimeout: realSet, clearTimeout: realClear });
  }
}

// Issue 17, case 13: in a browser the clipboard waits on a permission that may never come, or is refused.
describe('Find prefills an id from the clipboard without waiting on it', () => {
  it('takes an id, a Pismo event id or a number from the clipboard, trimmed, and nothing else', async () => {
    assert.equal(await clipboardId(async () => `  ${UUID}\n`), UUID);
    assert.equal(await clipboardId(async () => 'TN-demo::4242001::2025-06-28T10:52:37.258083569Z'), 'TN-demo::4242001::2025-06-28T10:52:37.258083569Z');
    assert.equal(await clipboardId(async () => '1234567'), '1234567');
    assert.equal(await clipboardId(async () => 'the meeting notes'), undefined);
    assert.equal(await clipboardId(async () => ''), undefined);
  });

  it('asks with an empty box after a few hundred milliseconds when the clipboard never answers, its timer cleared', async () => {
    assert.ok(CLIPBOARD_WAIT_MS >= 100 && CLIPBOARD_WAIT_MS <= 500, `${CLIPBOARD_WAIT_MS} ms`);
    const started = performance.now();
    const { result, uncleared } = await withTimers(() => clipboardId(() => new Promise<string>(() => undefined)));
    const waited = performance.now() - started;
    assert.equal(result, undefined);
    assert.ok(waited >= CLIPBOARD_WAIT_MS - 5 && waited < CLIPBOARD_WAIT_MS + 2000, `waited ${waited.toFixed(0)} ms`);
    assert.equal(uncleared, 0);
  });

  it('answers at once with the clipboard, leaving no timer behind', async () => {
    const started = performance.now();
    const { result, uncleared } = await withTimers(() => clipboardId(async () => UUID, 60_000));
    assert.equal(result, UUID);
    assert.ok(performance.now() - started < 1000);
    assert.equal(uncleared, 0, 'a minute-long timer would outlive the prompt');
  });

  it('gives nothing when reading the clipboard is refused or throws, and nothing when it answers too late', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): number => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      assert.equal(await clipboardId(() => Promise.reject(new Error('NotAllowedError: Read permission denied.'))), undefined);
      assert.equal(
        await clipboardId(() => {
          throw new Error('no clipboard');
        }),
        undefined,
      );
      let answerLate: (text: string) => void = () => undefined;
      assert.equal(await clipboardId(() => new Promise<string>((resolve) => (answerLate = resolve)), 10), undefined);
      answerLate(UUID);
      let refuseLate: (error: Error) => void = () => undefined;
      assert.equal(await clipboardId(() => new Promise<string>((_, reject) => (refuseLate = reject)), 10), undefined);
      refuseLate(new Error('refused after the box opened'));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
  });
});
