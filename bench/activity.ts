/**
 * B13: the activity strip's redraw at the memory budget's event cap, counted from the index (core/activity.ts):
 * a redraw must cost a few milliseconds however many events are loaded, since it counts per bucket, not per event.
 */
import { ActivityIndex, activityStrip } from '../src/core/activity';
import { median } from './util';

export interface ActivityResult {
  readonly events: number;
  /** The first strip drawn after the index was filled. */
  readonly firstMs: number;
  /** Median of redraws at a changing width, as a resize or a page arriving asks. */
  readonly redrawMs: number;
}

const CATEGORIES = 12;

export function benchActivity(events: number, rounds: number): ActivityResult {
  const index = new ActivityIndex();
  const start = Date.UTC(2025, 5, 1);
  for (let i = 0; i < events; i++) index.add(start + i * 5000 + (i % 7) * 13, `CAT${i % CATEGORIES}`);
  const draw = (widthPx: number): number => {
    const t0 = performance.now();
    activityStrip(index, { widthPx, timeZone: 'America/Sao_Paulo', hasMore: true });
    return performance.now() - t0;
  };
  const firstMs = draw(1200);
  const redraws = Array.from({ length: Math.max(5, rounds * 4) }, (_, r) => draw(1200 + (r % 3)));
  return { events, firstMs, redrawMs: median(redraws) };
}
