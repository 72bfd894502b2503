/**
 * `npm run bench`: the performance figures of docs/performance.md, each a ratio against a baseline measured in
 * the same run, medians of several rounds after a warm-up. Plain Node, one process, the demo server on
 * 127.0.0.1; B5's activation times come from a real VS Code (code-server) started for the purpose.
 *
 * usage: node --expose-gc out/bench/index.js [--quick] [--json] [--rounds N] [--events N] [--b1-pages N]
 *                                            [--b7-pages N] [--log-mb N] [--vscode-runs N] [--no-vscode] [--only B1,B2,…]
 * --quick runs every figure once on small data (what `npm test` runs): the figures only prove the benchmarks
 * work. Every run ends by checking that each expected figure (bench/figures.ts) came out a finite number, and
 * exits non-zero when one did not or a benchmark threw. With --json the last line of stdout is one JSON object
 * with every figure.
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../src/demo/server';
import { expectedFigures, missingFigures } from './figures';
import { type ActivityResult, benchActivity } from './activity';
import { type FindPagingResult, type FindResult, benchFind, benchFindPaging } from './find';
import { type GenericResult, benchGeneric } from './generic';
import { type IdScanResult, benchIdScan } from './idShapes';
import { type ExportResult, benchExport } from './exportBench';
import { type MemoryResult, benchMemory } from './memory';
import { CAP_EVENTS, type TinyEventsResult, benchTinyEvents } from './tinyEvents';
import { recordBodies } from './pismo';
import { type QueryResult, benchQuery } from './query';
import { type StartupResult, benchStartup } from './startup';
import { type ThroughputResult, benchThroughput } from './throughput';
import { type InspectorFigures, inspectorFigures } from './inspectorOpen';
import { type LookupResult, type TreeResult, benchTree } from './tree';
import { type Row, fmt, log, printTable } from './util';

const GOALS = { b1: 0.85, b2: 1.05, b2Tiny: 1.5, b3Ms: 5, b4Ms: 1, b6: 2.0, b7: 1.15, b8: 1.5, b8Floor: 1.5, b9: 1.5, b9Floor: 2.0, b11: 0.9, b12: 1.5, b13Ms: 5 };
const BENCHMARKS = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B9', 'B10', 'B11', 'B12', 'B13'];

interface Results {
  B1?: ThroughputResult;
  B2?: MemoryResult;
  B2tiny?: TinyEventsResult;
  B3?: TreeResult;
  B4?: LookupResult;
  B5?: StartupResult;
  B6?: FindResult;
  B7?: FindPagingResult;
  B9?: IdScanResult;
  B10?: InspectorFigures;
  B8?: ExportResult;
  B11?: GenericResult;
  B12?: QueryResult;
  B13?: ActivityResult;
  machine: Record<string, unknown>;
  elapsedSeconds?: number;
}

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly rounds: number;
  readonly events: number;
  readonly b1Pages: number;
  readonly b7Pages: number;
  readonly logBytes: number;
  readonly vscodeRuns: number;
  readonly only: readonly string[];
}

/** The sizes of a full run, and of a quick one: small enough for seconds, large enough for every code path. */
const SIZES = {
  full: { rounds: 5, events: 100_000, 'b1-pages': 40, 'b7-pages': 100, 'log-mb': 10, 'vscode-runs': 3 },
  quick: { rounds: 1, events: 5_000, 'b1-pages': 3, 'b7-pages': 3, 'log-mb': 1, 'vscode-runs': 1 },
};

function options(): Options {
  const number = { type: 'string' } as const;
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      rounds: number,
      events: number,
      'b1-pages': number,
      'b7-pages': number,
      'log-mb': number,
      'vscode-runs': number,
      'no-vscode': { type: 'boolean', default: false },
      only: { type: 'string', default: BENCHMARKS.join(',') },
    },
  });
  const sizes = values.quick ? SIZES.quick : SIZES.full;
  const size = (name: keyof typeof sizes): number => {
    const value = Number(values[name] ?? sizes[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number, not ${values[name]}`);
    return value;
  };
  const only = values.only.toUpperCase().split(',');
  const unknown = only.filter((b) => !BENCHMARKS.includes(b));
  if (unknown.length) throw new Error(`--only: no benchmark ${unknown.join(', ')} (there are ${BENCHMARKS.join(', ')})`);
  return {
    quick: values.quick,
    json: values.json,
    rounds: Math.max(1, size('rounds')),
    events: size('events'),
    b1Pages: size('b1-pages'),
    b7Pages: size('b7-pages'),
    logBytes: size('log-mb') * 1024 * 1024,
    vscodeRuns: values['no-vscode'] ? 0 : size('vscode-runs'),
    only: BENCHMARKS.filter((b) => only.includes(b)),
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
  if (r.B2tiny) {
    const t = r.B2tiny;
    out.push({ id: 'B2', what: `tiny events (${fmt.int(t.events)} each): Pismo ${fmt.int(t.pismoEventBytes)} B / TalentLMS ${fmt.int(t.talentlmsEventBytes)} B, retained ÷ raw`, value: `${fmt.ratio(t.pismoRatio)} / ${fmt.ratio(t.talentlmsRatio)}`, goal: `≤ ${GOALS.b2Tiny}`, met: Math.max(t.pismoRatio, t.talentlmsRatio) <= GOALS.b2Tiny });
    out.push({ id: '', what: `  heap at the window's event cap (${fmt.int(t.capEvents)} tiny events)`, value: fmt.mb(t.capHeapBytes), goal: 'report', met: undefined });
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
    if (b.realActivateMs !== null) out.push({ id: '', what: "  activate() ms: real / empty / only require('vscode')", value: `${fmt.ms(b.realActivateMs)} / ${fmt.ms(b.emptyActivateMs ?? Number.NaN)} / ${fmt.ms(b.apiOnlyActivateMs ?? Number.NaN)}`, goal: '', met: undefined });
    if (b.floorRatio != null) out.push({ id: 'B5', what: "start-up: real ÷ an extension that only requires 'vscode' (its own ÷ empty)", value: `${fmt.ratio(b.floorRatio)} (${fmt.ratio(b.apiOnlyRatio ?? Number.NaN)})`, goal: 'report', met: undefined });
    out.push({ id: '', what: '  the product, undici and the demo server load lazily (not at load/activate)', value: b.lazy ? 'yes' : 'NO', goal: 'yes', met: b.lazy });
    out.push({ id: '', what: '  modules required at load (plain Node) / during activate() (VS Code)', value: `${list(b.requiredAtLoad)} / ${b.requiredDuringActivation ? list(b.requiredDuringActivation) : 'n/a'}`, goal: '', met: undefined });
    if (b.requiredByFirstPage) out.push({ id: '', what: '  …at the first demo start / first page read', value: `${list(b.requiredByFirstDemoStart ?? [])} / ${list(b.requiredByFirstPage)}`, goal: '', met: undefined });
    out.push({ id: '', what: '  require() of the entry, fresh Node (ms)', value: fmt.ms(b.loadMsPlainNode), goal: '', met: undefined });
    out.push({ id: '', what: `  the product on first use: dist/product.js ${fmt.int(b.productBytes)} bytes, require() in fresh Node / first use in VS Code (ms)`, value: `${fmt.ms(b.productLoadMsPlainNode)} / ${b.firstUseMs == null ? 'n/a' : fmt.ms(b.firstUseMs)}`, goal: 'report', met: undefined });
    out.push({ id: '', what: '  require(undici) in a fresh Node, deferred (ms)', value: fmt.ms(b.undiciLoadMs), goal: '', met: undefined });
    if (b.firstPageMs != null) out.push({ id: '', what: '  first demo start / first page after activation (ms)', value: `${fmt.ms(b.firstDemoStartMs ?? Number.NaN)} / ${fmt.ms(b.firstPageMs)}`, goal: '', met: undefined });
  }
  if (r.B6) {
    const b = r.B6;
    out.push({ id: 'B6', what: `find: a correlation id in ${fmt.int(b.events)} loaded events ÷ Buffer.indexOf over their ${fmt.mb(b.bytes)}`, value: fmt.ratio(b.ratio), goal: `≤ ${GOALS.b6}`, met: b.ratio <= GOALS.b6 });
    out.push({ id: '', what: `  ms: find / indexOf (${b.matches} matches)`, value: `${fmt.ms(b.findMs)} / ${fmt.ms(b.indexOfMs)}`, goal: '', met: undefined });
    out.push({ id: '', what: `  a common word ("dispute", ${fmt.int(b.wordMatches)} matches): ratio, ms find / indexOf`, value: `${fmt.ratio(b.wordRatio)} (${fmt.ms(b.wordFindMs)} / ${fmt.ms(b.wordIndexOfMs)})`, goal: `≤ ${GOALS.b6}`, met: b.wordRatio <= GOALS.b6 });
  }
  if (r.B7) {
    const b = r.B7;
    out.push({ id: 'B7', what: `find paging: a search reading ${b.pages} demo pages ÷ the same pages read back to back`, value: fmt.ratio(b.ratio), goal: `≤ ${GOALS.b7}`, met: b.ratio <= GOALS.b7 });
    out.push({ id: '', what: '  ms: search / read', value: `${fmt.ms(b.searchMs)} / ${fmt.ms(b.readMs)}`, goal: '', met: undefined });
  }
  if (r.B9) {
    out.push({ id: 'B9', what: `IDs in a ${fmt.mb(r.B9.bytes)} log: findIds ÷ one bare UUID regex pass (${fmt.int(r.B9.ids)} IDs)`, value: fmt.ratio(r.B9.ratio), goal: `≤ ${GOALS.b9}`, met: r.B9.ratio <= GOALS.b9 });
    out.push({ id: '', what: '  ms: findIds / bare regex', value: `${fmt.ms(r.B9.scanMs)} / ${fmt.ms(r.B9.bareMs)}`, goal: '', met: undefined });
    out.push({ id: 'B9', what: `  floor: findIds ÷ one Buffer.indexOf pass for "${r.B9.floorByte}" (the shapes' rarest byte here, ${fmt.int(r.B9.floorHits)} hits)`, value: fmt.ratio(r.B9.floorRatio), goal: `≤ ${GOALS.b9Floor}`, met: r.B9.floorRatio <= GOALS.b9Floor });
    out.push({ id: '', what: '  ms: indexOf pass', value: fmt.ms(r.B9.floorMs), goal: '', met: undefined });
  }
  if (r.B10) {
    const b = r.B10;
    out.push({ id: 'B10', what: `inspector: 1 MB event, first rows painted ÷ VS Code opening it as a JSON editor (${b.samples} opens)`, value: fmt.ratio(b.ratio1mb), goal: '≤ 1.0', met: b.ratio1mb <= 1 });
    out.push({ id: '', what: '  ms: inspector / editor', value: `${fmt.ms(b.inspector1mbMs)} / ${fmt.ms(b.editor1mbMs)}`, goal: '', met: undefined });
    out.push({ id: 'B10', what: 'inspector: 8 MB event, the same', value: fmt.ratio(b.ratio8mb), goal: '≤ 1.0', met: b.ratio8mb <= 1 });
    out.push({ id: '', what: '  ms: inspector / editor; of which the page, from the message to the paint', value: `${fmt.ms(b.inspector8mbMs)} / ${fmt.ms(b.editor8mbMs)}; ${fmt.ms(b.page8mbMs)}`, goal: '', met: undefined });
    out.push({ id: '', what: "  the page's JS heap once the 8 MB event painted, ÷ the event's size", value: `${fmt.mb(b.heap8mbBytes)}, ${fmt.ratio(b.heap8mbRatio)}`, goal: 'report', met: undefined });
    out.push({ id: '', what: "  after a GC, the webview's heap with the 8 MB event less with a 10 KB one, ÷ the event's size", value: `${fmt.mb(b.retained8mbBytes)}, ${fmt.ratio(b.retained8mbRatio)}`, goal: 'report', met: undefined });
    out.push({ id: '', what: `  scrolling it, frame times median / 95th / worst (ms), frames over 50 ms of ${b.scrollFrames} (after a Show more)`, value: `${fmt.ms(b.scrollFrameP50Ms)} / ${fmt.ms(b.scrollFrameP95Ms)} / ${fmt.ms(b.scrollFrameMaxMs)}, ${b.scrollLongFrames} (${b.scrollLongAfterMore})`, goal: 'report', met: undefined });
    out.push({ id: 'B10', what: 'inspector: cold first open of a 10 KB event (the webview starting) / the editor cold (ms)', value: `${fmt.ms(b.coldMs)} / ${fmt.ms(b.editorColdMs)}`, goal: 'report', met: undefined });
    out.push({ id: '', what: "  of the cold open, the page's own: from its document starting to load to the paint (ms)", value: fmt.ms(b.coldPageMs), goal: 'report', met: undefined });
  }
  if (r.B11) {
    out.push({ id: 'B11', what: `generic source with the Pismo preset ÷ the built-in Pismo source (${r.B11.pages} pages, ${fmt.int(r.B11.events)} events)`, value: fmt.ratio(r.B11.ratio), goal: `≥ ${GOALS.b11}`, met: r.B11.ratio >= GOALS.b11 });
    out.push({ id: '', what: '  events/s: generic / built-in', value: `${fmt.int(r.B11.genericEventsPerSecond)} / ${fmt.int(r.B11.builtInEventsPerSecond)}`, goal: '', met: undefined });
  }
  if (r.B13) {
    out.push({ id: 'B13', what: `activity strip: a redraw at ${fmt.int(r.B13.events)} events, from the index (ms, median)`, value: fmt.ms(r.B13.redrawMs), goal: `≤ ${GOALS.b13Ms} ms`, met: r.B13.redrawMs <= GOALS.b13Ms });
    out.push({ id: '', what: '  ms: the first strip after the index was filled', value: fmt.ms(r.B13.firstMs), goal: '', met: undefined });
  }
  if (r.B12) {
    out.push({ id: 'B12', what: `field query ${r.B12.fieldQuery} ÷ the plain correlation id (${fmt.int(r.B12.events)} events)`, value: fmt.ratio(r.B12.ratio), goal: `≤ ${GOALS.b12}`, met: r.B12.ratio <= GOALS.b12 });
    out.push({ id: '', what: '  ms: field / plain', value: `${fmt.ms(r.B12.fieldMs)} / ${fmt.ms(r.B12.plainMs)}`, goal: '', met: undefined });
    out.push({ id: '', what: '  the correlation id by its path ÷ plain; data.status:DENIED ÷ the plain word', value: `${fmt.ratio(r.B12.sameValueRatio)}; ${fmt.ratio(r.B12.commonRatio)}`, goal: '', met: undefined });
  }
  if (r.B8) {
    out.push({ id: 'B8', what: `export: ${fmt.int(r.B8.events)} events to NDJSON ÷ the same bytes through one fs write stream (${fmt.mb(r.B8.bytes)})`, value: fmt.ratio(r.B8.ratio), goal: `≤ ${GOALS.b8}`, met: r.B8.ratio <= GOALS.b8 });
    out.push({ id: '', what: '  ms: export / write stream', value: `${fmt.ms(r.B8.exportMs)} / ${fmt.ms(r.B8.streamMs)}`, goal: '', met: undefined });
    out.push({ id: 'B8', what: '  floor: export ÷ one fs.writeFile of the same bytes in one buffer', value: fmt.ratio(r.B8.floorRatio), goal: `≤ ${GOALS.b8Floor}`, met: r.B8.floorRatio <= GOALS.b8Floor });
    out.push({ id: '', what: '  ms: writeFile', value: fmt.ms(r.B8.writeFileMs), goal: '', met: undefined });
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
    B2: (r.B2 || r.B2tiny) && {
      ...(r.B2 && { ratio: r.B2.ratio, naiveRatio: r.B2.naiveRatio, retainedBytes: r.B2.retainedBytes, rawBytes: r.B2.rawBytes, events: r.B2.events, overheadPerEvent: r.B2.overheadPerEvent }),
      ...(r.B2tiny && { tinyPismoRatio: r.B2tiny.pismoRatio, tinyTalentlmsRatio: r.B2tiny.talentlmsRatio, capHeapBytes: r.B2tiny.capHeapBytes, tinyEvents: r.B2tiny.events }),
    },
    B3: r.B3 && { getChildrenMs: r.B3.getChildrenMs, addPageMs: r.B3.addPageMs, addNewerPageMs: r.B3.addNewerPageMs, parsePageMs: r.B3.parsePageMs, getTreeItemsMs: r.B3.getTreeItemsMs, categoryEvents: r.B3.categoryEvents, modelEvents: r.B3.modelEvents },
    B4: r.B4 && { lookupMs: r.B4.lookupMs, maxLookupMs: r.B4.maxLookupMs, modelEvents: r.B4.modelEvents },
    B5: r.B5 && { ratio: r.B5.ratio, bundleBytes: r.B5.bundleBytes, reason: r.B5.reason, realActivateMs: r.B5.realActivateMs, emptyActivateMs: r.B5.emptyActivateMs, apiOnlyActivateMs: r.B5.apiOnlyActivateMs, floorRatio: r.B5.floorRatio, apiOnlyRatio: r.B5.apiOnlyRatio, hostRunsOk: r.B5.hostRunsOk, lazy: r.B5.lazy, undiciLoadMs: r.B5.undiciLoadMs, loadMs: r.B5.loadMsPlainNode, productBytes: r.B5.productBytes, productLoadMs: r.B5.productLoadMsPlainNode, firstUseMs: r.B5.firstUseMs, requiredAtLoad: r.B5.requiredAtLoad, requiredDuringActivation: r.B5.requiredDuringActivation, requiredByFirstDemoStart: r.B5.requiredByFirstDemoStart, requiredByFirstPage: r.B5.requiredByFirstPage, firstPageMs: r.B5.firstPageMs },
    B6: r.B6 && { ratio: r.B6.ratio, findMs: r.B6.findMs, indexOfMs: r.B6.indexOfMs, matches: r.B6.matches, events: r.B6.events, bytes: r.B6.bytes, wordRatio: r.B6.wordRatio, wordFindMs: r.B6.wordFindMs, wordIndexOfMs: r.B6.wordIndexOfMs },
    B7: r.B7 && { ratio: r.B7.ratio, searchMs: r.B7.searchMs, readMs: r.B7.readMs, pages: r.B7.pages },
    B9: r.B9 && { ratio: r.B9.ratio, floorRatio: r.B9.floorRatio, scanMs: r.B9.scanMs, bareMs: r.B9.bareMs, floorMs: r.B9.floorMs, floorByte: r.B9.floorByte, floorHits: r.B9.floorHits, bytes: r.B9.bytes, ids: r.B9.ids },
    B8: r.B8 && { ratio: r.B8.ratio, floorRatio: r.B8.floorRatio, events: r.B8.events, bytes: r.B8.bytes, exportMs: r.B8.exportMs, streamMs: r.B8.streamMs, writeFileMs: r.B8.writeFileMs },
    B10: r.B10 && { ...r.B10 },
    B11: r.B11 && { ratio: r.B11.ratio, genericEventsPerSecond: r.B11.genericEventsPerSecond, builtInEventsPerSecond: r.B11.builtInEventsPerSecond, pages: r.B11.pages, events: r.B11.events },
    B12: r.B12 && { ratio: r.B12.ratio, fieldMs: r.B12.fieldMs, plainMs: r.B12.plainMs, sameValueRatio: r.B12.sameValueRatio, commonRatio: r.B12.commonRatio, matches: r.B12.matches, events: r.B12.events },
    B13: r.B13 && { redrawMs: r.B13.redrawMs, firstMs: r.B13.firstMs, events: r.B13.events },
    machine: r.machine,
    elapsedSeconds: r.elapsedSeconds,
  };
}

/** A benchmark's failure, kept so the others still run and the end of the run can say what broke. */
const failures: string[] = [];

async function step<T>(name: string, what: string, run: () => Promise<T> | T): Promise<T | undefined> {
  log(`${name} ${what}…`);
  try {
    return await run();
  } catch (e) {
    log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    failures.push(`${name} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const opts = options();
  const has = (b: string): boolean => opts.only.includes(b);
  const t0 = Date.now();
  const results: Results = { machine: machine() };
  // enough events for the model plus the page added to it in B3
  const server = await startDemoServer({ eventCount: opts.events + 5000 });
  try {
    let bodies: Buffer[] = [];
    if (['B1', 'B3', 'B4', 'B6', 'B8', 'B12'].some(has)) {
      bodies = (await step('pages', "recording the demo server's pages", () => recordBodies(server))) ?? [];
    }
    if (has('B1')) results.B1 = await step('B1', 'throughput', () => benchThroughput(server, bodies.slice(0, opts.b1Pages), opts.b1Pages, opts.rounds));
    if (has('B3') || has('B4')) {
      const both = await step('B3/B4', 'tree and lookup', () => benchTree(bodies, opts.events, Math.min(opts.rounds, 3)));
      results.B3 = both?.tree;
      results.B4 = both?.lookup;
    }
    if (has('B6')) results.B6 = await step('B6', 'find in loaded events', () => benchFind(bodies, opts.events, opts.rounds));
    if (has('B8')) results.B8 = await step('B8', 'export', () => benchExport(bodies, opts.events, opts.rounds));
    if (has('B12')) results.B12 = await step('B12', 'field query in loaded events', () => benchQuery(bodies, opts.events, opts.rounds));
    bodies = [];
    if (has('B7')) results.B7 = await step('B7', 'find while paging', () => benchFindPaging(server, opts.b7Pages, opts.rounds));
    if (has('B11')) results.B11 = await step('B11', 'generic source throughput', () => benchGeneric(server, opts.b1Pages, opts.rounds));
    if (has('B2')) results.B2 = await step('B2', 'memory', () => benchMemory(server, opts.events, Math.min(opts.rounds, 3)));
  } finally {
    await server.close();
  }
  // a full run loads the cap itself, so the heap at the cap is measured, not scaled
  if (has('B2')) results.B2tiny = await step('B2', 'memory of tiny events', () => benchTinyEvents(opts.quick ? opts.events : CAP_EVENTS, Math.min(opts.rounds, 3)));
  if (has('B13')) results.B13 = await step('B13', 'activity strip redraw', () => benchActivity(opts.quick ? 50_000 : 500_000, opts.rounds));
  if (has('B9')) results.B9 = await step('B9', `ID shapes in a ${fmt.mb(opts.logBytes)} log`, () => benchIdScan(opts.rounds, opts.logBytes));
  if (has('B5') || (has('B10') && opts.vscodeRuns > 0)) {
    // one set of real VS Code hosts for both: B5 times the activation, then B10 the inspector's opens
    const repeats = has('B10') ? (opts.quick ? 1 : 5) : 0;
    const startup = await step(has('B5') ? 'B5' : 'B10', 'start-up and the inspector in a real VS Code', () => benchStartup({ hostRuns: opts.vscodeRuns, inspectorRepeats: repeats }));
    if (has('B5')) results.B5 = startup;
    if (has('B10')) results.B10 = await step('B10', "the inspector's first paint", () => inspectorFigures(startup));
  }
  results.elapsedSeconds = (Date.now() - t0) / 1000;

  console.log(`Timeline Viewer benchmarks${opts.quick ? ' (quick: small data, one round; the figures prove only that each benchmark runs)' : ''} — node ${process.version}, ${results.machine.cpus} CPUs (${results.machine.cpuModel}), ${results.machine.totalMemoryGiB} GiB`);
  printTable(rows(results));
  if (results.B5?.reason) console.log(`B5: ${results.B5.reason}`);
  const figures = summary(results);
  const expected = expectedFigures(opts.only, opts.vscodeRuns > 0);
  const missing = missingFigures(figures, expected);
  const took = `${results.elapsedSeconds.toFixed(0)} s`;
  if (missing.length === 0 && failures.length === 0) {
    console.log(`figures: all ${expected.length} expected came out finite numbers (${took})`);
  } else {
    const broke = failures.length ? `; benchmarks that threw: ${failures.join('; ')}` : '';
    console.log(`figures: ${expected.length - missing.length} of ${expected.length} came out finite numbers; missing: ${missing.join(', ') || 'none'}${broke} (${took})`);
    process.exitCode = 1;
  }
  if (opts.json) console.log(JSON.stringify(figures));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
