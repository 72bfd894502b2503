/** Small helpers shared by the benchmarks: medians, garbage collection and memory readings, the table. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository: the nearest folder above the compiled bench that holds a package.json, wherever tsc put it. */
export const REPO = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no package.json above ${__dirname}`);
  }
})();

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value at fraction `p` of the sorted values (0.95: the 95th percentile), NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : Number.NaN;
}

/** Timing of `f` in milliseconds. */
export async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run node with --expose-gc (npm run bench does)');
  collect();
}

/** Collects until the heap stops shrinking, so a reading holds only what is still referenced. */
export async function settle(): Promise<void> {
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 6; i++) {
    // let pending I/O callbacks and finalizers run between collections
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const now = memory();
    if (now >= last - 64 * 1024) break;
    last = now;
  }
}

/** Bytes held by the JavaScript heap plus ArrayBuffers (where Buffers keep their bytes). */
export function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export const fmt = {
  ms: (v: number): string => (Number.isFinite(v) ? (v < 10 ? v.toFixed(3) : v.toFixed(1)) : 'n/a'),
  ratio: (v: number | null): string => (v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(3)),
  int: (v: number): string => Math.round(v).toLocaleString('en-US'),
  mb: (v: number): string => `${(v / 1024 / 1024).toFixed(1)} MiB`,
};

export interface Row {
  readonly id: string;
  readonly what: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean | undefined;
}

export function printTable(rows: readonly Row[]): void {
  const header = ['', 'measure', 'figure (median)', 'goal', 'met'];
  const cells = rows.map((r) => [r.id, r.what, r.value, r.goal, r.met === undefined ? '-' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
