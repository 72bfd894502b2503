/**
 * The figures each benchmark must produce, by their name in the JSON summary (`B8.floorRatio`), and the check that
 * a run produced them: present and a finite number. No figure is compared with a bar here: the machine is shared,
 * so a time says nothing about a change, but a missing or NaN figure says the benchmark broke.
 */

export const FIGURES: Readonly<Record<string, readonly string[]>> = {
  B1: ['ratio', 'clientRatio', 'realEventsPerSecond', 'ceilingEventsPerSecond'],
  B2: ['ratio', 'naiveRatio', 'retainedBytes', 'overheadPerEvent', 'tinyPismoRatio', 'tinyTalentlmsRatio', 'capHeapBytes'],
  B3: ['getChildrenMs', 'getTreeItemsMs', 'addPageMs', 'addNewerPageMs', 'parsePageMs'],
  B4: ['lookupMs', 'maxLookupMs'],
  B5: ['bundleBytes', 'loadMs', 'productBytes', 'productLoadMs', 'undiciLoadMs'],
  B6: ['ratio', 'findMs', 'indexOfMs', 'wordRatio', 'wordFindMs', 'wordIndexOfMs'],
  B7: ['ratio', 'searchMs', 'readMs'],
  B8: ['ratio', 'floorRatio', 'exportMs', 'streamMs', 'writeFileMs'],
  B9: ['ratio', 'floorRatio', 'scanMs', 'bareMs', 'floorMs'],
  B11: ['ratio', 'genericEventsPerSecond', 'builtInEventsPerSecond'],
  B12: ['ratio', 'fieldMs', 'plainMs', 'sameValueRatio', 'commonRatio'],
  B13: ['redrawMs', 'firstMs'],
};

/** The figures from the real VS Code, expected unless the run was skipped with --no-vscode. */
export const VSCODE_FIGURES: Readonly<Record<string, readonly string[]>> = {
  B5: ['ratio', 'realActivateMs', 'emptyActivateMs', 'apiOnlyActivateMs', 'floorRatio', 'apiOnlyRatio', 'firstUseMs', 'firstPageMs'],
  B10: ['ratio1mb', 'ratio8mb', 'coldMs', 'editorColdMs', 'coldPageMs', 'inspector1mbMs', 'editor1mbMs', 'inspector8mbMs', 'editor8mbMs', 'page8mbMs', 'heap8mbBytes', 'retained8mbBytes', 'retained8mbRatio', 'scrollFrameP50Ms', 'scrollFrameP95Ms', 'scrollFrameMaxMs', 'scrollLongFrames', 'scrollLongAfterMore'],
};

/** The full names of the figures a run of `benchmarks` must produce. */
export function expectedFigures(benchmarks: readonly string[], withVscode: boolean): string[] {
  return benchmarks.flatMap((b) => [...(FIGURES[b] ?? []), ...((withVscode && VSCODE_FIGURES[b]) || [])].map((f) => `${b}.${f}`));
}

/** Those of `expected` that `summary` lacks or holds as something other than a finite number. */
export function missingFigures(summary: Record<string, unknown>, expected: readonly string[]): string[] {
  return expected.filter((name) => {
    const [b, f] = name.split('.');
    return !Number.isFinite((summary[b] as Record<string, unknown> | undefined)?.[f]);
  });
}
