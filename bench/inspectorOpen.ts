/**
 * B10: a big event opens at once. Its opens are measured in B5's real VS Code hosts (bench/vscode/inspectorOpen.ts);
 * this turns them into figures: per size, the median time to the inspector's first rows painted ÷ the median
 * time for VS Code to open the same text as a JSON editor, and the cold first open of a small event beside the
 * editor's first open.
 */
import type { StartupResult } from './startup';
import { median } from './util';
import type { InspectorResult } from './vscode/inspectorOpen';

export interface InspectorFigures {
  readonly ratio1mb: number;
  readonly ratio8mb: number;
  readonly coldMs: number;
  readonly editorColdMs: number;
  /** Of the cold open, the page's own share: from its document starting to load to the paint. */
  readonly coldPageMs: number;
  readonly inspector1mbMs: number;
  readonly editor1mbMs: number;
  readonly inspector8mbMs: number;
  readonly editor8mbMs: number;
  /** Of the 8 MB open, what the page spent from the message's arrival to the paint. */
  readonly page8mbMs: number;
  /** The page's JS heap once the 8 MB event painted, and that ÷ the event's size. */
  readonly heap8mbBytes: number;
  readonly heap8mbRatio: number;
  readonly samples: number;
}

export function inspectorFigures(startup: StartupResult | undefined): InspectorFigures {
  const runs: InspectorResult[] = startup?.inspectorRuns ?? [];
  if (runs.length === 0) {
    const why = startup?.inspectorErrors?.join('; ') || startup?.reason || 'no host run measured it';
    throw new Error(`B10 has no opens: ${why}`);
  }
  const size = (i: number) => runs.map((r) => r.sizes[i]);
  const ms = (i: number, who: 'inspector' | 'editor') => median(size(i).flatMap((s) => s[who].map((t) => t.ms)));
  const eight = size(1);
  const heap8mbBytes = median(eight.flatMap((s) => s.inspector.flatMap((t) => (t.heapBytes === undefined ? [] : [t.heapBytes]))));
  return {
    ratio1mb: ms(0, 'inspector') / ms(0, 'editor'),
    ratio8mb: ms(1, 'inspector') / ms(1, 'editor'),
    coldMs: median(runs.map((r) => r.cold.inspector.ms)),
    editorColdMs: median(runs.map((r) => r.cold.editor.ms)),
    coldPageMs: median(runs.map((r) => r.cold.inspector.pageStartMs ?? Number.NaN)),
    inspector1mbMs: ms(0, 'inspector'),
    editor1mbMs: ms(0, 'editor'),
    inspector8mbMs: ms(1, 'inspector'),
    editor8mbMs: ms(1, 'editor'),
    page8mbMs: median(eight.flatMap((s) => s.inspector.map((t) => t.pageMs ?? Number.NaN))),
    heap8mbBytes,
    heap8mbRatio: heap8mbBytes / eight[0].bytes,
    samples: eight.reduce((n, s) => n + s.inspector.length, 0),
  };
}
