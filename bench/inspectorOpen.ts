/**
 * B10: a big event opens at once. Its opens are measured in B5's real VS Code hosts (bench/vscode/inspectorOpen.ts);
 * this turns them into figures: per size, the median time to the inspector's first rows painted ÷ the median
 * time for VS Code to open the same text as a JSON editor, and the cold first open of a small event beside the
 * editor's first open. Then, from the page driver's probes: the webview renderer's heap after a GC with the 8 MB
 * event shown less with a 10 KB one, ÷ the event's size, and the frame times of scrolling through its rows.
 */
import type { StartupResult } from './startup';
import { median, percentile } from './util';
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
  /** After a full GC: the webview renderer's heap with the 8 MB event shown less with a 10 KB one, and that ÷ its size. */
  readonly retained8mbBytes: number;
  readonly retained8mbRatio: number;
  /** Scrolling the 8 MB event 400 px a frame (opening "Show more" rows as reached): frame times' median, 95th percentile, worst (ms). */
  readonly scrollFrameP50Ms: number;
  readonly scrollFrameP95Ms: number;
  readonly scrollFrameMaxMs: number;
  /** Frames over 50 ms (a long frame, as Chromium counts them), of `scrollFrames`. */
  readonly scrollLongFrames: number;
  /** Of those, the frames that drew rows a "Show more" had just added. */
  readonly scrollLongAfterMore: number;
  readonly scrollFrames: number;
  readonly samples: number;
}

export function inspectorFigures(startup: StartupResult | undefined): InspectorFigures {
  const runs: InspectorResult[] = startup?.inspectorRuns ?? [];
  if (runs.length === 0) {
    const why = startup?.inspectorErrors?.join('; ') || startup?.reason || 'no host run measured it';
    throw new Error(`B10 has no opens: ${why}`);
  }
  const probed = runs.flatMap((r) => (r.probes ? [r.probes] : []));
  if (probed.length === 0) throw new Error(`B10's page probes failed: ${runs.map((r) => r.probeError).join('; ')}`);
  const frames = probed.flatMap((p) => p.big.frameMs ?? []);
  const longAfterMore = probed.flatMap((p) => (p.big.afterMore ?? []).filter((i) => (p.big.frameMs?.[i] ?? 0) > 50));
  const retained = median(probed.map((p) => p.big.heapBytes - p.small.heapBytes));
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
    retained8mbBytes: retained,
    retained8mbRatio: retained / probed[0].bytes,
    scrollFrameP50Ms: percentile(frames, 0.5),
    scrollFrameP95Ms: percentile(frames, 0.95),
    scrollFrameMaxMs: Math.max(...frames),
    scrollLongFrames: frames.filter((ms) => ms > 50).length,
    scrollLongAfterMore: longAfterMore.length,
    scrollFrames: frames.length,
    samples: eight.reduce((n, s) => n + s.inspector.length, 0),
  };
}
