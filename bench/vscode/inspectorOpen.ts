/**
 * B10's measuring half, run by bench/vscode/activation.ts in the same real extension host as B5: how long the
 * inspector takes from show() to its first rows painted (the page says `painted` after the frame that drew
 * them), against VS Code opening the same text as a JSON editor (`openTextDocument({ content, language: 'json' })`
 * + `showTextDocument`). First one cold open of a small event each (the webview starting), then warm opens
 * of a 1 MB and an 8 MB event of statement rows, the inspector and the editor alternating. Then, when the page
 * driver is there (bench/vscode/host.mjs), the webview's retained heap with a small and with the 8 MB event shown,
 * and the frame times of scrolling through the 8 MB event's rows.
 */
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../src/core/event';
import { RawPage, rawText } from '../../src/core/rawPage';
import { sortKey } from '../../src/core/time';
import { parsePageMessage } from '../../src/webview/event/eventMessages';

export interface InspectorApi {
  readonly eventPanels: { show(event: TimelineEvent, connectionName: string, column?: vscode.ViewColumn): vscode.WebviewPanel };
}

/** One open, timed: the inspector's figure also says what the page itself spent and its heap once painted. */
export interface OpenTiming {
  readonly ms: number;
  readonly pageMs?: number;
  /** From the page's document starting to load to the paint: of a first open, the page's share (the rest is VS Code's). */
  readonly pageStartMs?: number;
  readonly heapBytes?: number;
}

/** What the page driver measured in the webview's frame (see probe() in bench/vscode/host.mjs). */
export interface PageProbe {
  /** The frame's JS heap after a full GC (Runtime.getHeapUsage of its renderer, which may hold the workbench too). */
  readonly heapBytes: number;
  /** Scrolling: each frame's time (ms) between animation frames, while the page scrolled and opened its "Show more" rows. */
  readonly frameMs?: number[];
  /** Which of those frames drew rows a "Show more" had just added. */
  readonly afterMore?: number[];
}

export interface InspectorResult {
  readonly cold: { readonly bytes: number; readonly inspector: OpenTiming; readonly editor: OpenTiming };
  readonly sizes: { readonly bytes: number; readonly inspector: OpenTiming[]; readonly editor: OpenTiming[] }[];
  /** The webview with a 10 KB event shown and with the 8 MB one, scrolled; absent when the page driver failed (probeError). */
  readonly probes?: { readonly bytes: number; readonly small: PageProbe; readonly big: PageProbe };
  readonly probeError?: string;
}

const SIZES = [1024 * 1024, 8 * 1024 * 1024];
const COLD_BYTES = 10 * 1024;
const OPEN_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 60_000;

/** One event whose data is a statement: `bytes` of rows, each a line of a card statement. */
export function statementEvent(bytes: number, id: string): TimelineEvent {
  const rows: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const row = `{"line":${i},"date":"2022-02-15T20:27:${String(i % 60).padStart(2, '0')}.151Z","description":"PURCHASE AT STORE ${i}","amount":${(i % 997) + 0.1},"balance":12345678901234567890,"currency":"BRL","installments":[1,${i % 12}]}`;
    rows.push(row);
    size += row.length + 1;
  }
  const item = `{"id":"${id}","account_id":4242,"type":"STATEMENT","data":{"rows":[${rows.join(',')}]}}`;
  const page = new RawPage(Buffer.from(`{"has_next":false,"items":[${item}],"next_cursor":null}`, 'utf8'), 'items');
  const timestamp = '2022-02-15T20:27:02.151790540Z';
  return { id, type: 'STATEMENT', category: 'ACCOUNT', label: 'ACCOUNT · STATEMENT', timestamp, sortKey: sortKey(timestamp), accountId: '4242', raw: { page, index: 0 } };
}

/** Times show() to the page's `painted` report; waits for its `rendered` one too (untimed), so opens never overlap. */
function openInspector(api: InspectorApi, event: TimelineEvent): Promise<OpenTiming> {
  return new Promise<OpenTiming>((resolve, reject) => {
    const t0 = performance.now();
    const panel = api.eventPanels.show(event, 'Bench', vscode.ViewColumn.One);
    let timing: OpenTiming | undefined;
    let rendered = false;
    const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parsePageMessage(raw);
      if (message?.type === 'painted' && !timing) timing = { ms: performance.now() - t0, pageMs: message.pageMs, pageStartMs: message.sinceStartMs, heapBytes: message.heapBytes };
      rendered ||= message?.type === 'rendered';
      if (!timing || !rendered) return;
      done();
      resolve(timing);
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error('the inspector did not paint the event'));
    }, OPEN_TIMEOUT_MS);
    const done = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
  });
}

async function openEditor(text: string): Promise<OpenTiming> {
  const t0 = performance.now();
  const document = await vscode.workspace.openTextDocument({ content: text, language: 'json' });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Two, preview: false });
  const ms = performance.now() - t0;
  // an untitled document with text would ask to be saved
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return { ms };
}

/**
 * Asks the page driver to measure the inspector showing event `id`: a request file it watches, answered in a file
 * beside it (written whole by a rename, as the request is).
 */
async function probe(id: string, scroll: boolean): Promise<PageProbe> {
  const request = process.env.TIMELINE_BENCH_PROBE;
  if (!request) throw new Error('no page driver (TIMELINE_BENCH_PROBE is not set)');
  const answer = `${request}.answer`;
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(`${request}.tmp`, JSON.stringify({ id, scroll }));
  fs.renameSync(`${request}.tmp`, request); // whole, never half-written
  for (const t0 = performance.now(); performance.now() - t0 < PROBE_TIMEOUT_MS; await sleep(100)) {
    if (!fs.existsSync(answer)) continue;
    const reply = JSON.parse(fs.readFileSync(answer, 'utf8')) as PageProbe & { error?: string };
    fs.rmSync(answer, { force: true });
    if (reply.error) throw new Error(`the page driver: ${reply.error}`);
    return reply;
  }
  throw new Error('the page driver did not answer');
}

/** `repeats` timed opens of each size by each (after one untimed warm-up of each), alternating which goes first. */
export async function measureInspector(api: InspectorApi, repeats: number): Promise<InspectorResult> {
  const small = statementEvent(COLD_BYTES, 'cold');
  const cold = { bytes: COLD_BYTES, inspector: await openInspector(api, small), editor: await openEditor(rawText(small.raw)) };
  const sizes: InspectorResult['sizes'][number][] = [];
  for (const bytes of SIZES) {
    const events = [0, 1].map((i) => statementEvent(bytes, `stmt-${bytes}-${i}`));
    const text = rawText(events[0].raw);
    await openInspector(api, events[1]);
    await openEditor(text);
    const inspector: OpenTiming[] = [];
    const editor: OpenTiming[] = [];
    for (let i = 0; i < repeats; i++) {
      // two events taking turns, so each open is a new event for the panel, as a user's next click is
      const event = events[i % 2];
      if (i % 2 === 0) {
        inspector.push(await openInspector(api, event));
        editor.push(await openEditor(rawText(event.raw)));
      } else {
        editor.push(await openEditor(rawText(event.raw)));
        inspector.push(await openInspector(api, event));
      }
    }
    sizes.push({ bytes: text.length, inspector, editor });
  }
  try {
    await openInspector(api, small);
    const smallProbe = await probe(small.id, false);
    const big = statementEvent(SIZES[SIZES.length - 1], 'stmt-probe');
    await openInspector(api, big);
    return { cold, sizes, probes: { bytes: rawText(big.raw).length, small: smallProbe, big: await probe(big.id, true) } };
  } catch (e) {
    return { cold, sizes, probeError: e instanceof Error ? e.message : String(e) };
  }
}
