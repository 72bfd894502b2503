/**
 * B9: finding ID-shaped strings in a 10 MB log file with the code the hovers and document links run (findIds),
 * divided by two baselines over the same log: one bare regular expression pass (a UUID pattern; ratio), and the
 * floor, one `Buffer.indexOf` pass over the log's bytes finding every occurrence of the rarest byte that the
 * shapes are built around (floorRatio). Interleaved rounds, medians.
 */
import { findIds } from '../src/core/idShapes';
import { median } from './util';

export interface IdScanResult {
  /** findIds ÷ the bare UUID pattern. */
  readonly ratio: number;
  /** findIds ÷ one indexOf pass for `floorByte`. */
  readonly floorRatio: number;
  readonly scanMs: number;
  readonly bareMs: number;
  readonly floorMs: number;
  readonly floorByte: string;
  readonly floorHits: number;
  readonly bytes: number;
  readonly ids: number;
}

const BARE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** What the shapes are built around: a UUID's dashes, the `::` of a Pismo id, the `:` or `=` before a TalentLMS id. */
const SHAPE_BYTES = ['-', ':', '='];

function occurrences(bytes: Buffer, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

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

export function benchIdScan(rounds: number, logBytes = 10 * 1024 * 1024): IdScanResult {
  const text = syntheticLog(logBytes);
  const bytes = Buffer.from(text, 'latin1');
  const [floorByte, floorHits] = SHAPE_BYTES.map((c) => [c, occurrences(bytes, c.charCodeAt(0))] as const).reduce((a, b) => (b[1] < a[1] ? b : a));
  let ids = 0;
  const measures = {
    scan: (): number => (ids = findIds(text).length),
    bare: (): number => {
      let n = 0;
      const pattern = new RegExp(BARE);
      while (pattern.exec(text) !== null) n++;
      return n;
    },
    floor: (): number => occurrences(bytes, floorByte.charCodeAt(0)),
  };
  const names = Object.keys(measures) as (keyof typeof measures)[];
  const times = { scan: [] as number[], bare: [] as number[], floor: [] as number[] };
  for (const name of names) measures[name](); // warm-up: compile the patterns
  for (let r = 0; r < rounds; r++) {
    // rotate the order so drift weighs on all three
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length];
      const t0 = performance.now();
      measures[name]();
      times[name].push(performance.now() - t0);
    }
  }
  if (ids === 0) throw new Error('findIds found no IDs in the log');
  return {
    ratio: median(times.scan.map((ms, i) => ms / times.bare[i])),
    floorRatio: median(times.scan.map((ms, i) => ms / times.floor[i])),
    scanMs: median(times.scan),
    bareMs: median(times.bare),
    floorMs: median(times.floor),
    floorByte,
    floorHits,
    bytes: text.length,
    ids,
  };
}
