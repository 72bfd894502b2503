/**
 * B3 and B4 on the real UI path: a Session (src/ui/model/session.ts) whose Timeline holds 100,000 events read by the
 * real parser, shown through the real TimelineTreeProvider and its nodes (src/ui/tree), which import
 * `vscode`: the bench's stub stands in for it (see vscodeStub.ts).
 *
 * B3 getChildren: expanding a category of 100,000 events (assembled with the real Category from the loaded
 *   events, since the demo spreads its events over eight categories) - the provider's getChildren, cold.
 * B3 addPage: one more 1 MB page reaching a model of 100,000: Session.loadMore with the page already parsed
 *   (index, de-dup, grouping, change events) plus the tree's refresh of the connection and every expanded
 *   category. Parsing that page is timed on its own (parsePageMs).
 * B4: Timeline.related(correlationId) among 100,000 events.
 */
import './vscodeStub'; // first: the UI modules below import `vscode`
import * as vscode from 'vscode';
import { Category } from '../src/core/category';
import type { Page, PageRequest, TimelineSource } from '../src/core/source';
import type { Timeline } from '../src/core/timeline';
import { parsePismoPage } from '../src/sources/pismo';
import type { Connection } from '../src/ui/model/connection';
import { Session } from '../src/ui/model/session';
import type { SessionRegistry } from '../src/ui/model/sessionRegistry';
import { CategoryNode, type ConnectionNode } from '../src/ui/tree/nodes';
import { TimelineTreeProvider } from '../src/ui/tree/provider';
import { LIMIT } from './pismo';
import { log, median } from './util';

export interface TreeResult {
  readonly getChildrenMs: number;
  /** getTreeItem for every child getChildren returned (what VS Code asks next). */
  readonly getTreeItemsMs: number;
  readonly addPageMs: number;
  /** The same with a page of newer events, which lands at the front of every category. */
  readonly addNewerPageMs: number;
  readonly parsePageMs: number;
  readonly pageBytes: number;
  readonly pageEvents: number;
  readonly modelEvents: number;
  readonly categoryEvents: number;
  readonly rounds: number;
}

export interface LookupResult {
  readonly lookupMs: number;
  readonly maxLookupMs: number;
  readonly lookups: number;
  readonly modelEvents: number;
}

/** Recorded bodies parsed on demand by the real parser, or pages parsed beforehand. */
class QueueSource implements TimelineSource {
  readonly served: Page[] = [];
  constructor(private readonly queue: (Buffer | Page)[]) {}
  async fetchPage(_request: PageRequest): Promise<Page> {
    const next = this.queue.shift();
    if (!next) throw new Error('queue empty');
    const page = Buffer.isBuffer(next) ? parsePismoPage(next, 'category') : next;
    this.served.push(page);
    return page;
  }
}

const CONNECTION: Connection = { id: 'bench', name: 'Bench', kind: 'pismo', baseUrl: 'http://127.0.0.1' };

function tree(session: Session): TimelineTreeProvider {
  const changed = new vscode.EventEmitter<Session | undefined>();
  session.onDidChange(() => changed.fire(session));
  const registry = { onDidChange: changed.event, list: () => [session] } as unknown as SessionRegistry;
  return new TimelineTreeProvider(registry);
}

/** What VS Code does when a connection node changes with every category expanded: ask for all of it again. */
function refresh(provider: TimelineTreeProvider): number {
  let nodes = 0;
  for (const connection of provider.getChildren()) {
    for (const category of provider.getChildren(connection)) nodes += provider.getChildren(category).length;
  }
  return nodes;
}

async function loadSession(queue: (Buffer | Page)[], pages: number): Promise<{ session: Session; source: QueueSource }> {
  const source = new QueueSource(queue);
  const session = new Session(CONNECTION, () => source, () => LIMIT);
  for (let i = 0; i < pages; i++) await session.loadMore();
  if (session.timeline.error) throw session.timeline.error;
  return { session, source };
}

/** Pages of `bodies` (newest first) needed to hold `events` events. */
export function pagesFor(bodies: readonly Buffer[], events: number): number {
  let n = 0;
  for (let i = 0; i < bodies.length; i++) {
    n += parsePismoPage(bodies[i], 'category').events.length;
    if (n >= events) return i + 1;
  }
  throw new Error(`the recorded pages hold only ${n} events`);
}

async function treeRound(bodies: readonly Buffer[], pages: number): Promise<Omit<TreeResult, 'rounds'> & { lookup: LookupResult }> {
  // Append: pages 0..pages-1 loaded, page `pages` (older) added.
  const extraBody = bodies[pages];
  let t0 = performance.now();
  const extra = parsePismoPage(extraBody, 'category');
  const parsePageMs = performance.now() - t0;
  const { session, source } = await loadSession([...bodies.slice(0, pages), extra], pages);
  const provider = tree(session);
  const modelEvents = session.timeline.eventCount;
  refresh(provider);

  // getChildren of one category holding every loaded event, in arrival order (newest first).
  const all = new Category('ALL');
  for (const page of source.served) for (const e of page.events) all.add(e);
  const connectionNode = provider.getChildren()[0] as ConnectionNode;
  const big = new CategoryNode(connectionNode, all);
  t0 = performance.now();
  const children = provider.getChildren(big);
  const getChildrenMs = performance.now() - t0;
  t0 = performance.now();
  for (const child of children) provider.getTreeItem(child);
  const getTreeItemsMs = performance.now() - t0;

  const lookup = lookups(session.timeline); // B4, on the model of `modelEvents`

  t0 = performance.now();
  await session.loadMore();
  refresh(provider);
  const addPageMs = performance.now() - t0;
  if (session.timeline.eventCount !== modelEvents + extra.events.length) throw new Error('the added page did not land');
  // out of the window's memory budget, which every session of this process shares
  session.dispose();

  // Prepend: pages 1..pages loaded, page 0 (the newest) added.
  const newest = parsePismoPage(bodies[0], 'category');
  const second = await loadSession([...bodies.slice(1, pages + 1), newest], pages);
  const provider2 = tree(second.session);
  refresh(provider2);
  t0 = performance.now();
  await second.session.loadMore();
  refresh(provider2);
  const addNewerPageMs = performance.now() - t0;
  assertNewestFirst(second.session.timeline);
  second.session.dispose();

  return {
    getChildrenMs,
    getTreeItemsMs,
    addPageMs,
    addNewerPageMs,
    parsePageMs,
    pageBytes: extraBody.length,
    pageEvents: extra.events.length,
    modelEvents,
    categoryEvents: all.size,
    lookup,
  };
}

function assertNewestFirst(timeline: Timeline): void {
  for (const c of timeline.categories) {
    const keys = c.events.map((e) => e.sortKey);
    for (let i = 1; i < keys.length; i++) if (keys[i - 1] < keys[i]) throw new Error(`${c.name} is out of order at ${i}`);
  }
}

function lookups(timeline: Timeline): LookupResult {
  const ids: string[] = [];
  for (const c of timeline.categories) for (const e of c.events) if (e.correlationId) ids.push(e.correlationId);
  const step = Math.max(1, Math.floor(ids.length / 1000));
  const sample = ids.filter((_, i) => i % step === 0).slice(0, 1000);
  let found = 0;
  for (const id of sample) found += timeline.related(id).length; // warm-up
  const times: number[] = [];
  for (const id of sample) {
    const t0 = performance.now();
    found += timeline.related(id).length;
    times.push(performance.now() - t0);
  }
  if (found === 0) throw new Error('no related events found');
  return { lookupMs: median(times), maxLookupMs: Math.max(...times), lookups: sample.length, modelEvents: timeline.eventCount };
}

export async function benchTree(bodies: readonly Buffer[], events: number, rounds: number): Promise<{ tree: TreeResult; lookup: LookupResult }> {
  const pages = pagesFor(bodies, events);
  if (bodies.length <= pages) throw new Error('record one page more than the model holds');
  await treeRound(bodies, Math.min(pages, 10)); // warm-up on a small model
  const results: Omit<TreeResult, 'rounds'>[] = [];
  const looks: LookupResult[] = [];
  for (let r = 0; r < rounds; r++) {
    const { lookup, ...result } = await treeRound(bodies, pages);
    results.push(result);
    looks.push(lookup);
    log(`  B3 round ${r + 1}/${rounds}: getChildren ${result.getChildrenMs.toFixed(3)} ms, add page ${result.addPageMs.toFixed(2)} ms (newer ${result.addNewerPageMs.toFixed(2)} ms), parse page ${result.parsePageMs.toFixed(2)} ms`);
  }
  const m = (f: (r: Omit<TreeResult, 'rounds'>) => number): number => median(results.map(f));
  return {
    tree: {
      getChildrenMs: m((r) => r.getChildrenMs),
      getTreeItemsMs: m((r) => r.getTreeItemsMs),
      addPageMs: m((r) => r.addPageMs),
      addNewerPageMs: m((r) => r.addNewerPageMs),
      parsePageMs: m((r) => r.parsePageMs),
      pageBytes: results[0].pageBytes,
      pageEvents: results[0].pageEvents,
      modelEvents: results[0].modelEvents,
      categoryEvents: results[0].categoryEvents,
      rounds,
    },
    lookup: {
      lookupMs: median(looks.map((l) => l.lookupMs)),
      maxLookupMs: Math.max(...looks.map((l) => l.maxLookupMs)),
      lookups: looks[0].lookups,
      modelEvents: looks[0].modelEvents,
    },
  };
}
