import * as assert from 'node:assert/strict';
import { revealRow } from '../../../src/ui/tree/revealRow';

/** A tree view whose reveals fail as VS Code's does when the tree refreshed under them, `failures` times in a row. */
function treeView(failures: number): { reveal: (row: string) => Promise<void>; revealed: string[]; tries: number } {
  const view = {
    revealed: [] as string[],
    tries: 0,
    reveal: async (row: string): Promise<void> => {
      view.tries++;
      if (view.tries <= failures) throw new Error(`Cannot resolve tree item for element 1/${row}`);
      view.revealed.push(row);
    },
  };
  return view;
}

describe('revealRow', () => {
  it('shows a row at once when nothing refreshed', async () => {
    const view = treeView(0);
    assert.equal(await revealRow(view, 'connection:a', { select: true }), true);
    assert.deepEqual(view.revealed, ['connection:a']);
    assert.equal(view.tries, 1);
  });

  it('tries once more when the tree refreshed while it looked for the row', async () => {
    const view = treeView(1);
    assert.equal(await revealRow(view, 'connection:a', { select: true }), true);
    assert.deepEqual(view.revealed, ['connection:a']);
  });

  it('resolves to false, not a failed command, for a row it still cannot show', async () => {
    const view = treeView(Infinity);
    assert.equal(await revealRow(view, 'connection:a', { select: true }), false);
    assert.equal(view.tries, 2);
    assert.deepEqual(view.revealed, []);
  });
});
