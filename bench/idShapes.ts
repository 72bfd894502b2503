/**
 * B9: finding ID-shaped strings in a 10 MB log file with the code the hovers and document links run (findIds),
 * divided by one bare regular expression pass (a UUID pattern, matchAll) over the same text. Interleaved rounds,
 * medians.
 */
import { findIds } from '../src/core/idShapes';
import { median } from './util';

export interface IdScanResult {
  readonly ratio: number;
  readonly scanMs: number;
  readonly bareMs: number;
  readonly bytes: number;
  readonly ids: number;
}

const BARE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A deterministic log: a third of the lines carry a correlation id, some a Pismo or TalentLMS id, the rest look alike. */
export function syntheticLog(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  let seed = 12345;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n) s += next().toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  for (let i = 0; size < bytes; i++) {
    const time = `2025-06-${String(1 + (i % 28)).padStart(2, '0')}T12:${String(i % 60).padStart(2, '0')}:05.${String(i % 1e9).padStart(9, '0')}Z`;
    const uuid = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    let line: string;
    switch (i % 6) {
      case 0:
        line = `${time} INFO  webhook delivered correlation_id=${uuid} status=200 took=${i % 900}ms`;
        break;
      case 1:
        line = `${time} DEBUG event TN-demo::4242001::${time} category=TRANSACTION type=AUTHORIZE`;
        break;
      case 2:
        line = `${time} INFO  talentlms event_id=${100000 + i} user=1042 course=200`;
        break;
      case 3:
        line = `${time} WARN  retrying commit ${hex(40)} build 1.90.${i % 100} sha256 ${hex(64)}`;
        break;
      case 4:
        line = `${time} INFO  GET /timeline/v1/timeline?limit=100 -> 200 (${hex(32)}) request ${uuid}`;
        break;
      default:
        line = `${time} TRACE heartbeat ok, queue depth ${i % 17}, version v2.3.${i % 9}-rc.1`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

export function benchIdScan(rounds: number, bytes = 10 * 1024 * 1024): IdScanResult {
  const text = syntheticLog(bytes);
  const scan = (): number => findIds(text).length;
  const bare = (): number => {
    let n = 0;
    const pattern = new RegExp(BARE);
    while (pattern.exec(text) !== null) n++;
    return n;
  };
  scan();
  bare(); // warm-up: compile both patterns
  const scanTimes: number[] = [];
  const bareTimes: number[] = [];
  const ratios: number[] = [];
  let ids = 0;
  for (let r = 0; r < rounds; r++) {
    // alternate the order so drift weighs on both
    const order = r % 2 === 0 ? [scan, bare] : [bare, scan];
    const times = new Map<() => number, number>();
    for (const f of order) {
      const t0 = performance.now();
      const n = f();
      times.set(f, performance.now() - t0);
      if (f === scan) ids = n;
    }
    scanTimes.push(times.get(scan) ?? Number.NaN);
    bareTimes.push(times.get(bare) ?? Number.NaN);
    ratios.push((times.get(scan) ?? Number.NaN) / (times.get(bare) ?? Number.NaN));
  }
  return { ratio: median(ratios), scanMs: median(scanTimes), bareMs: median(bareTimes), bytes: text.length, ids };
}
