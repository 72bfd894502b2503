/**
 * B8: exporting 100,000 events to NDJSON (exportEvents: each event's exact bytes, streamed to a temporary file
 * then renamed) ÷ two baselines: writing the same raw bytes with one fs write stream, one write per event and
 * newline (ratio), and the fastest way to put the export's bytes on disk, one `writeFile` of one buffer already
 * in memory (floorRatio). Events come from recorded demo pages parsed by the extension's own parser, so their
 * bytes are views into page buffers, as in use.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEvent } from '../src/core/event';
import { exportEvents } from '../src/core/export';
import { rawBytes } from '../src/core/rawPage';
import { parsePismoPage } from '../src/sources/pismo';
import { log, median, timed } from './util';

export interface ExportResult {
  /** Export ÷ the write stream. */
  readonly ratio: number;
  /** Export ÷ one writeFile of the same bytes. */
  readonly floorRatio: number;
  readonly events: number;
  readonly bytes: number;
  readonly exportMs: number;
  readonly streamMs: number;
  readonly writeFileMs: number;
}

export async function benchExport(bodies: readonly Buffer[], count: number, rounds: number): Promise<ExportResult> {
  const events: TimelineEvent[] = [];
  for (const body of bodies) {
    for (const e of parsePismoPage(body, 'category').events) if (events.length < count) events.push(e);
    if (events.length >= count) break;
  }
  const dir = await mkdtemp(join(tmpdir(), 'timeline-bench-export-'));
  try {
    const file = (name: string, round: number): string => join(dir, `${name}-${round}.ndjson`);
    const exportMs: number[] = [];
    const streamMs: number[] = [];
    const writeFileMs: number[] = [];
    // the warm-up's export is the buffer writeFile puts on disk: the same bytes by construction
    const result = await exportEvents(events, file('export', 0), { format: 'ndjson' });
    const exported = await readFile(file('export', 0));
    if (exported.length !== result.bytes) throw new Error(`the export wrote ${exported.length} bytes and counted ${result.bytes}`);
    await writeRaw(events, file('stream', 0));
    await writeFile(file('writeFile', 0), exported);
    // twice the rounds of the others: a round takes a second or less, and the disk is the noisiest part of it
    const measured = rounds * 2;
    for (let round = 1; round <= measured; round++) {
      const steps: [string, number[], () => Promise<unknown>][] = [
        ['export', exportMs, () => exportEvents(events, file('export', round), { format: 'ndjson' })],
        ['stream', streamMs, () => writeRaw(events, file('stream', round))],
        ['writeFile', writeFileMs, () => writeFile(file('writeFile', round), exported)],
      ];
      // rotate the order so the page cache's and the disk's drift weighs on all three
      for (let i = 0; i < steps.length; i++) {
        const [name, times, write] = steps[(round + i) % steps.length];
        times.push((await timed(write))[1]);
        await rm(file(name, round));
      }
      log(`  B8 round ${round}/${measured}: export ${exportMs[round - 1].toFixed(0)} ms, write stream ${streamMs[round - 1].toFixed(0)} ms, writeFile ${writeFileMs[round - 1].toFixed(0)} ms`);
    }
    return {
      ratio: median(exportMs.map((ms, i) => ms / streamMs[i])),
      floorRatio: median(exportMs.map((ms, i) => ms / writeFileMs[i])),
      events: events.length,
      bytes: result.bytes,
      exportMs: median(exportMs),
      streamMs: median(streamMs),
      writeFileMs: median(writeFileMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The stream baseline: each event's bytes and a newline written straight to one stream, honouring backpressure. */
async function writeRaw(events: readonly TimelineEvent[], path: string): Promise<void> {
  const out = createWriteStream(path);
  const newline = Buffer.from('\n');
  for (const e of events) {
    out.write(rawBytes(e.raw));
    if (!out.write(newline)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
