/**
 * B8: exporting 100,000 events to NDJSON (exportEvents: each event's exact bytes, streamed to a temporary file
 * then renamed) ÷ the floor, writing the same raw bytes with one fs write stream. Events come from recorded
 * demo pages parsed by the extension's own parser, so their bytes are views into page buffers, as in use.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEvent } from '../src/core/event';
import { exportEvents } from '../src/core/export';
import { rawBytes } from '../src/core/rawPage';
import { parsePismoPage } from '../src/sources/pismo';
import { median, timed } from './util';

export interface ExportResult {
  readonly ratio: number;
  readonly events: number;
  readonly bytes: number;
  readonly exportMs: number;
  readonly floorMs: number;
}

export async function benchExport(bodies: readonly Buffer[], count: number, rounds: number): Promise<ExportResult> {
  const events: TimelineEvent[] = [];
  for (const body of bodies) {
    for (const e of parsePismoPage(body, 'category').events) if (events.length < count) events.push(e);
    if (events.length >= count) break;
  }
  const dir = await mkdtemp(join(tmpdir(), 'timeline-bench-export-'));
  try {
    const exportMs: number[] = [];
    const floorMs: number[] = [];
    let bytes = 0;
    for (let round = 0; round <= rounds; round++) {
      const [result, real] = await timed(() => exportEvents(events, join(dir, `real-${round}.ndjson`), { format: 'ndjson' }));
      const [, floor] = await timed(() => writeRaw(events, join(dir, `floor-${round}.ndjson`)));
      bytes = result.bytes;
      if (round === 0) continue; // warm-up
      exportMs.push(real);
      floorMs.push(floor);
      await rm(join(dir, `real-${round}.ndjson`));
      await rm(join(dir, `floor-${round}.ndjson`));
    }
    const ratios = exportMs.map((ms, i) => ms / floorMs[i]);
    return { ratio: median(ratios), events: events.length, bytes, exportMs: median(exportMs), floorMs: median(floorMs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The floor: each event's bytes and a newline written straight to one stream, honouring backpressure. */
async function writeRaw(events: readonly TimelineEvent[], path: string): Promise<void> {
  const out = createWriteStream(path);
  const newline = Buffer.from('\n');
  for (const e of events) {
    out.write(rawBytes(e.raw));
    if (!out.write(newline)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
