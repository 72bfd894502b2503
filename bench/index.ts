/**
 * `npm run bench`: the performance figures of docs/performance.md, each a ratio against a baseline measured in
 * the same run, medians of several rounds after a warm-up. Plain Node, one process, the demo server on
 * 127.0.0.1; B5's activation times come from a real VS Code (code-server) started for the purpose.
 *
 * usage: node --expose-gc out/bench/index.js [--json] [--rounds N] [--events N] [--b1-pages N] [--b7-pages N]
 *                                            [--vscode-runs N] [--no-vscode] [--only B1,B2,…]
 * With --json the last line of stdout is one JSON object with every figure.
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../src/demo/server';
import { type FindPagingResult, type FindResult, benchFind, benchFindPaging } from './find';
import { type IdScanResult, benchIdScan } from './idShapes';
import { type ExportResult, benchExport } from './exportBench';
import { type MemoryResult, benchMemory } from './memory';
import { recordBodies } from './pismo';
import { type StartupResult, benchStartup } from './startup';
import { type ThroughputResult, benchThroughput } from './throughput';
import { type LookupResult, type TreeResult, benchTree } from './tree';
import { type Row, fmt, log, printTable } from './util';

const GOALS = { b1: 0.85, b2: 1.5, b3Ms: 5, b4Ms: 1, b6: 2.0, b7: 1.15, b8: 1.5, b9: 1.5 };

interface Results {
  B1?: ThroughputResult;
  B2?: MemoryResult;
  B3?: TreeResult;
  B4?: LookupResult;
  B5?: StartupResult;
  B6?: FindResult;
  B7?: FindPagingResult;
  B9?: IdScanResult;
  B8?: ExportResult;
  machine: Record<string, unknown>;
  elapsedSeconds?: number;
}

function options(): { json: boolean; rounds: number; events: number; b1Pages: number; b7Pages: number; vscodeRuns: number; only: Set<string> } {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '5' },
      events: { type: 'string', default: '100000' },
      'b1-pages': { type: 'string', default: '40' },
      'b7-pages': { type: 'string', default: '100' },
      'vscode-runs': { type: 'string', default: '3' },
      'no-vscode': { type: 'boolean', default: false },
      only: { type: 'string', default: 'B1,B2,B3,B4,B5,B6,B7,B8,B9' },
    },
  });
  return {
    json: values.json,
    rounds: Math.max(1, Number(values.rounds)),
    events: Number(values.events),
    b1Pages: Number(values['b1-pages']),
    b7Pages: Number(values['b7-pages']),
    vscodeRuns: values['no-vscode'] ? 0 : Number(values['vscode-runs']),
    only: new Set(values.only.toUpperCase().split(',')),
  };
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    platform: `${os.platform()} ${os.release()}`,
  };
}

function rows(r: Results): Row[] {
  const out: Row[] = [];
  if (r.B1) {
    out.push({ id: 'B1', what: `throughput: source→Timeline ÷ undici+JSON.parse (${r.B1.pages} pages, ${fmt.int(r.B1.events)} events)`, value: fmt.ratio(r.B1.ratio), goal: `≥ ${GOALS.b1}`, met: r.B1.ratio >= GOALS.b1 });
    out.push({ id: '', what: '  events/s: real / ceiling', value: `${fmt.int(r.B1.realEventsPerSecond)} / ${fmt.int(r.B1.ceilingEventsPerSecond)}`, goal: '', met: undefined });
    out.push({ id: '', what: '  client only (recorded bodies): real ÷ JSON.parse', value: `${fmt.ratio(r.B1.clientRatio)} (${r.B1.clientRealMBps.toFixed(0)} / ${r.B1.clientCeilingMBps.toFixed(0)} MB/s)`, goal: '', met: undefined });
  }
  if (r.B2) {
    out.push({ id: 'B2', what: `memory: retained heap ÷ raw bytes (${fmt.int(r.B2.events)} events, ${fmt.mb(r.B2.rawBytes)} raw)`, value: fmt.ratio(r.B2.ratio), goal: `≤ ${GOALS.b2}`, met: r.B2.ratio <= GOALS.b2 });
    out.push({ id: '', what: '  retained / overhead per event', value: `${fmt.mb(r.B2.retainedBytes)} / ${fmt.int(r.B2.overheadPerEvent)} B`, goal: '', met: undefined });
    out.push({ id: '', what: '  naive store (JSON.parse objects kept) ÷ raw bytes', value: fmt.ratio(r.B2.naiveRatio), goal: '', met: undefined });
  }
  if (r.B3) {
    out.push({ id: 'B3', what: `tree: getChildren of a ${fmt.int(r.B3.categoryEvents)}-event category (ms)`, value: fmt.ms(r.B3.getChildrenMs), goal: `≤ ${GOALS.b3Ms} ms`, met: r.B3.getChildrenMs <= GOALS.b3Ms });
    out.push({ id: '', what: '  getTreeItem of those children (ms)', value: fmt.ms(r.B3.getTreeItemsMs), goal: '', met: undefined });
    out.push({ id: 'B3', what: `tree: add a ${fmt.mb(r.B3.pageBytes)} page (${r.B3.pageEvents} events) to ${fmt.int(r.B3.modelEvents)}, + refresh (ms)`, value: fmt.ms(r.B3.addPageMs), goal: `≤ ${GOALS.b3Ms} ms`, met: r.B3.addPageMs <= GOALS.b3Ms });
    out.push({ id: '', what: '  same, page of newer events (front of every category) (ms)', value: fmt.ms(r.B3.addNewerPageMs), goal: '', met: undefined });
    out.push({ id: '', what: '  parsing that page (parsePismoPage) (ms)', value: fmt.ms(r.B3.parsePageMs), goal: '', met: undefined });
  }
  if (r.B4) {
    out.push({ id: 'B4', what: `lookup: Timeline.related among ${fmt.int(r.B4.modelEvents)} (ms, median of ${r.B4.lookups})`, value: fmt.ms(r.B4.lookupMs), goal: `≤ ${GOALS.b4Ms} ms`, met: r.B4.lookupMs <= GOALS.b4Ms });
    out.push({ id: '', what: '  slowest lookup (ms)', value: fmt.ms(r.B4.maxLookupMs), goal: '', met: undefined });
  }
  if (r.B5) {
    const b = r.B5;
    out.push({ id: 'B5', what: 'start-up: production dist/extension.js (bytes)', value: fmt.int(b.bundleBytes), goal: 'report', met: undefined });
    out.push({ id: 'B5', what: `start-up: activate() real ÷ empty, real VS Code ${b.vscodeVersion ?? ''} (${b.hostRunsOk}/${b.hostRuns} runs)`, value: b.ratio === null ? 'n/a' : fmt.ratio(b.ratio), goal: '≤ 1.5', met: b.ratio === null ? undefined : b.ratio <= 1.5 });
    if (b.realActivateMs !== null) out.push({ id: '', what: '  activate() ms: real / empty', value: `${fmt.ms(b.realActivateMs)} / ${fmt.ms(b.emptyActivateMs ?? Number.NaN)}`, goal: '', met: undefined });
    out.push({ id: '', what: '  undici and demo server load lazily (not at load/activate)', value: b.lazy ? 'yes' : 'NO', goal: 'yes', met: b.lazy });
    out.push({ id: '', what: '  modules required at load (plain Node) / during activate() (VS Code)', value: `${list(b.requiredAtLoad)} / ${b.requiredDuringActivation ? list(b.requiredDuringActivation) : 'n/a'}`, goal: '', met: undefined });
    if (b.requiredByFirstPage) out.push({ id: '', what: '  …at the first demo start / first page read', value: `${list(b.requiredByFirstDemoStart ?? [])} / ${list(b.requiredByFirstPage)}`, goal: '', met: undefined });
    out.push({ id: '', what: '  require() of the bundle, fresh Node (ms)', value: fmt.ms(b.loadMsPlainNode), goal: '', met: undefined });
    out.push({ id: '', what: `  what-if undici not in the bundle: ${fmt.int(b.bundleBytesWithoutUndici)} bytes, require() (ms)`, value: fmt.ms(b.loadMsWithoutUndici), goal: '', met: undefined });
    out.push({ id: '', what: '  require(undici) in a fresh Node, deferred (ms)', value: fmt.ms(b.undiciLoadMs), goal: '', met: undefined });
    if (b.firstPageMs != null) out.push({ id: '', what: '  first demo start / first page after activation (ms)', value: `${fmt.ms(b.firstDemoStartMs ?? Number.NaN)} / ${fmt.ms(b.firstPageMs)}`, goal: '', met: undefined });
  }
  if (r.B6) {
    const b = r.B6;
    out.push({ id: 'B6', what: `find: a correlation id in ${fmt.int(b.events)} loaded events ÷ Buffer.indexOf over their ${fmt.mb(b.bytes)}`, value: fmt.ratio(b.ratio), goal: `≤ ${GOALS.b6}`, met: b.ratio <= GOALS.b6 });
    out.push({ id: '', what: `  ms: find / indexOf (${b.matches} matches)`, value: `${fmt.ms(b.findMs)} / ${fmt.ms(b.indexOfMs)}`, goal: '', met: undefined });
    out.push({ id: '', what: `  a common word ("dispute", ${fmt.int(b.wordMatches)} matches): ratio, ms find / indexOf`, value: `${fmt.ratio(b.wordRatio)} (${fmt.ms(b.wordFindMs)} / ${fmt.ms(b.wordIndexOfMs)})`, goal: '', met: undefined });
  }
  if (r.B7) {
    const b = r.B7;
    out.push({ id: 'B7', what: `find paging: a search reading ${b.pages} demo pages ÷ the same pages read back to back`, value: fmt.ratio(b.ratio), goal: `≤ ${GOALS.b7}`, met: b.ratio <= GOALS.b7 });
    out.push({ id: '', what: '  ms: search / read', value: `${fmt.ms(b.searchMs)} / ${fmt.ms(b.readMs)}`, goal: '', met: undefined });
  }
  if (r.B9) {
    out.push({ id: 'B9', what: `IDs in a ${fmt.mb(r.B9.bytes)} log: findIds ÷ one bare UUID regex pass (${fmt.int(r.B9.ids)} IDs)`, value: fmt.ratio(r.B9.ratio), goal: `≤ ${GOALS.b9}`, met: r.B9.ratio <= GOALS.b9 });
    out.push({ id: '', what: '  ms: findIds / bare regex', value: `${fmt.ms(r.B9.scanMs)} / ${fmt.ms(r.B9.bareMs)}`, goal: '', met: undefined });
  }
  if (r.B8) {
    out.push({ id: 'B8', what: `export: ${fmt.int(r.B8.events)} events to NDJSON ÷ the same bytes through one fs write stream (${fmt.mb(r.B8.bytes)})`, value: fmt.ratio(r.B8.ratio), goal: `≤ ${GOALS.b8}`, met: r.B8.ratio <= GOALS.b8 });
    out.push({ id: '', what: '  ms: export / floor', value: `${fmt.ms(r.B8.exportMs)} / ${fmt.ms(r.B8.floorMs)}`, goal: '', met: undefined });
  }
  return out;
}

/** A module list, short: paths (the extension's own file) left out, long lists cut. */
function list(modules: readonly string[]): string {
  const named = modules.filter((m) => !m.startsWith('/'));
  if (named.length === 0) return 'none';
  return named.length > 4 ? `${named.length} modules (${named.slice(0, 3).join(', ')}, …)` : named.join(', ');
}

function summary(r: Results): Record<string, unknown> {
  return {
    B1: r.B1 && { ratio: r.B1.ratio, clientRatio: r.B1.clientRatio, realEventsPerSecond: r.B1.realEventsPerSecond, ceilingEventsPerSecond: r.B1.ceilingEventsPerSecond, pages: r.B1.pages, events: r.B1.events },
    B2: r.B2 && { ratio: r.B2.ratio, naiveRatio: r.B2.naiveRatio, retainedBytes: r.B2.retainedBytes, rawBytes: r.B2.rawBytes, events: r.B2.events, overheadPerEvent: r.B2.overheadPerEvent },
    B3: r.B3 && { getChildrenMs: r.B3.getChildrenMs, addPageMs: r.B3.addPageMs, addNewerPageMs: r.B3.addNewerPageMs, parsePageMs: r.B3.parsePageMs, getTreeItemsMs: r.B3.getTreeItemsMs, categoryEvents: r.B3.categoryEvents, modelEvents: r.B3.modelEvents },
    B4: r.B4 && { lookupMs: r.B4.lookupMs, maxLookupMs: r.B4.maxLookupMs, modelEvents: r.B4.modelEvents },
    B5: r.B5 && { ratio: r.B5.ratio, bundleBytes: r.B5.bundleBytes, reason: r.B5.reason, realActivateMs: r.B5.realActivateMs, emptyActivateMs: r.B5.emptyActivateMs, hostRunsOk: r.B5.hostRunsOk, lazy: r.B5.lazy, undiciLoadMs: r.B5.undiciLoadMs, loadMs: r.B5.loadMsPlainNode, loadMsWithoutUndici: r.B5.loadMsWithoutUndici, bundleBytesWithoutUndici: r.B5.bundleBytesWithoutUndici, requiredAtLoad: r.B5.requiredAtLoad, requiredDuringActivation: r.B5.requiredDuringActivation, requiredByFirstDemoStart: r.B5.requiredByFirstDemoStart, requiredByFirstPage: r.B5.requiredByFirstPage, firstPageMs: r.B5.firstPageMs },
    B6: r.B6 && { ratio: r.B6.ratio, findMs: r.B6.findMs, indexOfMs: r.B6.indexOfMs, matches: r.B6.matches, events: r.B6.events, bytes: r.B6.bytes, wordRatio: r.B6.wordRatio, wordFindMs: r.B6.wordFindMs, wordIndexOfMs: r.B6.wordIndexOfMs },
    B7: r.B7 && { ratio: r.B7.ratio, searchMs: r.B7.searchMs, readMs: r.B7.readMs, pages: r.B7.pages },
    B9: r.B9 && { ratio: r.B9.ratio, scanMs: r.B9.scanMs, bareMs: r.B9.bareMs, bytes: r.B9.bytes, ids: r.B9.ids },
    B8: r.B8 && { ratio: r.B8.ratio, events: r.B8.events, bytes: r.B8.bytes, exportMs: r.B8.exportMs, floorMs: r.B8.floorMs },
    machine: r.machine,
    elapsedSeconds: r.elapsedSeconds,
  };
}

async function main(): Promise<void> {
  const opts = options();
  const t0 = Date.now();
  const results: Results = { machine: machine() };
  // enough events for the model plus the page added to it in B3
  const server = await startDemoServer({ eventCount: opts.events + 5000 });
  try {
    const needBodies = ['B1', 'B3', 'B4', 'B6', 'B8'].some((b) => opts.only.has(b));
    let bodies: Buffer[] = [];
    if (needBodies) {
      log('recording the demo server\'s pages…');
      bodies = await recordBodies(server);
    }
    if (opts.only.has('B1')) {
      log('B1 throughput…');
      results.B1 = await benchThroughput(server, bodies.slice(0, opts.b1Pages), opts.b1Pages, opts.rounds);
    }
    if (opts.only.has('B3') || opts.only.has('B4')) {
      log('B3/B4 tree and lookup…');
      const { tree, lookup } = await benchTree(bodies, opts.events, Math.min(opts.rounds, 3));
      results.B3 = tree;
      results.B4 = lookup;
    }
    if (opts.only.has('B6')) {
      log('B6 find in loaded events…');
      results.B6 = await benchFind(bodies, opts.events, opts.rounds);
    }
    if (opts.only.has('B8')) {
      log('B8 export…');
      results.B8 = await benchExport(bodies, opts.events, opts.rounds);
    }
    bodies = [];
    if (opts.only.has('B7')) {
      log('B7 find while paging…');
      results.B7 = await benchFindPaging(server, opts.b7Pages, opts.rounds);
    }
    if (opts.only.has('B2')) {
      log('B2 memory…');
      results.B2 = await benchMemory(server, opts.events, Math.min(opts.rounds, 3));
    }
  } finally {
    await server.close();
  }
  if (opts.only.has('B9')) {
    log('B9 ID shapes in a 10 MB log…');
    results.B9 = benchIdScan(opts.rounds);
  }
  if (opts.only.has('B5')) {
    log('B5 start-up…');
    results.B5 = await benchStartup({ hostRuns: opts.vscodeRuns });
  }
  results.elapsedSeconds = (Date.now() - t0) / 1000;
  console.log(`Timeline Viewer benchmarks — node ${process.version}, ${results.machine.cpus} CPUs (${results.machine.cpuModel}), ${results.machine.totalMemoryGiB} GiB`);
  printTable(rows(results));
  if (results.B5?.reason) console.log(`B5: ${results.B5.reason}`);
  console.log(`took ${results.elapsedSeconds.toFixed(0)} s`);
  if (opts.json) console.log(JSON.stringify(summary(results)));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
