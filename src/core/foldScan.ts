import { FOLD_SCAN_WASM } from './foldScanWasm';

/** The longest query: its worst case (a text repeating most of it) compares every byte at most this many times. */
export const FOLD_SCAN_MAX = 16;
/** Where the text starts in the module's memory (foldScan.wat). */
const TEXT = 64;
/** Bytes of starting places per call: the text written is this plus the query's length, within the module's memory. */
const CHUNK = 1 << 16;

interface Scanner {
  readonly memory: Uint8Array;
  find(from: number, end: number, length: number): number;
}

let compiled: WebAssembly.Module | null | undefined;
let idle: Scanner | undefined;

function compile(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(FOLD_SCAN_WASM, 'base64'));
    } catch {
      compiled = null; // a host without WebAssembly or its SIMD (V8 with --jitless): the caller scans in JavaScript
    }
  }
  return compiled;
}

function instantiate(module: WebAssembly.Module): Scanner {
  const { exports } = new WebAssembly.Instance(module);
  return { memory: new Uint8Array((exports.memory as WebAssembly.Memory).buffer), find: exports.find as Scanner['find'] };
}

/**
 * An ASCII query found in bytes ignoring ASCII case, 16 places at a time by a small WebAssembly module
 * (foldScan.wat): over JSON pages it takes about half the time of `Buffer.indexOf` of the exact bytes, where
 * V8's ignore-case RegExp over the bytes read as Latin-1 took 1.7× (docs/performance.md, B6). The bytes are
 * copied into the module's memory a slice at a time, so a slice stays in the processor's cache while it is read.
 */
export class FoldScan {
  private constructor(
    private readonly lower: Buffer,
    private readonly module: WebAssembly.Module,
  ) {}

  /** A scan for `lowerAscii` (1 to FOLD_SCAN_MAX bytes, in lower case), or undefined where WebAssembly cannot run it. */
  static of(lowerAscii: Buffer): FoldScan | undefined {
    if (lowerAscii.length === 0 || lowerAscii.length > FOLD_SCAN_MAX) return undefined;
    const module = compile();
    return module ? new FoldScan(lowerAscii, module) : undefined;
  }

  /**
   * Calls `hit(offset)` for each place in `bytes` where the query starts, in order, overlapping ones too. `hit`
   * may return where to go on from: no place before it is reported.
   */
  forEachHit(bytes: Buffer, hit: (offset: number) => number | void): void {
    // one instance is reused; a scan started from inside `hit` gets its own, since the memory holds this one's slice
    const scanner = idle ?? instantiate(this.module);
    idle = undefined;
    try {
      this.scan(scanner, bytes, hit);
    } finally {
      idle = scanner;
    }
  }

  private scan(scanner: Scanner, bytes: Buffer, hit: (offset: number) => number | void): void {
    const { memory, find } = scanner;
    const { lower } = this;
    const m = lower.length;
    for (let i = 0; i < m; i++) {
      const c = lower[i];
      memory[i] = c;
      memory[16 + i] = c >= 0x61 && c <= 0x7a ? 0x20 : 0;
    }
    const lastStart = bytes.length - m;
    for (let from = 0; from <= lastStart; ) {
      const end = Math.min(lastStart + 1, from + CHUNK); // the places this slice answers for
      memory.set(bytes.subarray(from, end + m - 1), TEXT);
      const slots = end - from;
      let next = end;
      for (let at = find(0, slots, m); at >= 0; at = find(at + 1, slots, m)) {
        const after = (hit(from + at) ?? 0) | 0;
        if (after >= end) {
          next = after;
          break;
        }
        if (after > from + at + 1) at = after - from - 1;
      }
      from = next;
    }
  }
}
