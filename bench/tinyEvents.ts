/**
 * B2 for tiny events: what the model retains for events far smaller than the demo's, where the per-event index
 * costs more than the text. Pages are made in memory as each is fetched (so only what the Timeline keeps is
 * retained), read by the real parsers (parsePismoPage, parseTalentPage) into a Timeline. The heap at the
 * window's event cap is the worse of the two shapes' cost per event times that cap (measured at the cap itself
 * when a run loads that many).
 */
import './vscodeStub'; // first: the window's budget (src/ui) imports `vscode`
import type { Page, TimelineSource } from '../src/core/source';
import { Timeline } from '../src/core/timeline';
import { parsePismoPage } from '../src/sources/pismo';
import { parseTalentPage } from '../src/sources/talentlms';
import { DEFAULT_MAX_LOADED_MEGABYTES, EVENTS_PER_MEGABYTE } from '../src/ui/model/windowBudget';
import { log, median, memory, settle } from './util';

export interface TinyEventsResult {
  readonly pismoRatio: number;
  readonly talentlmsRatio: number;
  /** Raw bytes of one event of each shape (its JSON text in the page). */
  readonly pismoEventBytes: number;
  readonly talentlmsEventBytes: number;
  readonly events: number;
  /** The window's default event cap, and the heap the costlier shape would retain there. */
  readonly capEvents: number;
  readonly capHeapBytes: number;
}

const PAGE_EVENTS = 1000;
export const CAP_EVENTS = DEFAULT_MAX_LOADED_MEGABYTES * EVENTS_PER_MEGABYTE;

/** A Pismo event with nothing but the documented fields and an empty `data`: about 200 bytes. */
function pismoItem(n: number): string {
  const micros = String(n % 1_000_000).padStart(6, '0');
  const timestamp = `2026-12-01T10:${String(Math.floor(n / 60_000_000) % 60).padStart(2, '0')}:00.${micros}Z`;
  return JSON.stringify({
    tenant_account_timestamp: `TN-7-4242002-${timestamp}`,
    account_id: '4242002',
    type: n % 3 ? 'AUTHORIZATION' : 'BALANCE_UPDATE',
    category: n % 3 ? 'TRANSACTION' : 'ACCOUNT',
    timestamp,
    correlation_id: `c-${n}`,
    data: {},
  });
}

/** A TalentLMS event of the v2 table's core fields: about 120 bytes. */
function talentItem(n: number): string {
  return JSON.stringify({
    id: String(n),
    event_type: n % 2 ? 'user_login' : 'course_completion',
    created_at: `2026-12-01T10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`,
    user: { id: String(17 + (n % 50)), name: 'Ana Lima' },
  });
}

type Shape = 'pismo' | 'talentlms';

/** Makes each page's body when it is fetched and parses it as the shape's source does. */
class MadeSource implements TimelineSource {
  private next = 0;

  constructor(
    private readonly shape: Shape,
    private readonly pages: number,
  ) {}

  async fetchPage(): Promise<Page> {
    const first = this.next++ * PAGE_EVENTS;
    const items = Array.from({ length: PAGE_EVENTS }, (_, i) => (this.shape === 'pismo' ? pismoItem(first + i) : talentItem(first + i)));
    const more = this.next < this.pages;
    if (this.shape === 'pismo') {
      const body = Buffer.from(`{"items":[${items.join(',')}],"has_next":${more},"next_cursor":${more ? `"c${this.next}"` : 'null'}}`);
      return parsePismoPage(body, 'category', PAGE_EVENTS);
    }
    const body = Buffer.from(`{"_data":[${items.join(',')}],"_meta":{"pagination":{"page":${this.next},"total_pages":${this.pages}}}}`);
    return parseTalentPage(body, (link) => link, PAGE_EVENTS);
  }
}

async function round(shape: Shape, events: number): Promise<{ ratio: number; perEvent: number; raw: number; events: number }> {
  await settle();
  const before = memory();
  let timeline: Timeline | undefined = new Timeline(new MadeSource(shape, Math.ceil(events / PAGE_EVENTS)), { limit: PAGE_EVENTS, maxEmptyPages: 10 });
  while (timeline.hasMore) await timeline.loadMore();
  await settle();
  const retained = memory() - before;
  const result = { ratio: retained / timeline.byteCount, perEvent: retained / timeline.eventCount, raw: timeline.byteCount, events: timeline.eventCount };
  timeline = undefined;
  return result;
}

export async function benchTinyEvents(events: number, rounds: number): Promise<TinyEventsResult> {
  const pismo: Awaited<ReturnType<typeof round>>[] = [];
  const talent: Awaited<ReturnType<typeof round>>[] = [];
  for (let r = 0; r < rounds; r++) {
    pismo.push(await round('pismo', events));
    talent.push(await round('talentlms', events));
    log(`  B2 tiny round ${r + 1}/${rounds}: Pismo ${pismo[r].ratio.toFixed(3)}×, TalentLMS ${talent[r].ratio.toFixed(3)}× (${pismo[r].events} events each)`);
  }
  const perEvent = Math.max(median(pismo.map((p) => p.perEvent)), median(talent.map((t) => t.perEvent)));
  return {
    pismoRatio: median(pismo.map((p) => p.ratio)),
    talentlmsRatio: median(talent.map((t) => t.ratio)),
    pismoEventBytes: pismo[0].raw / pismo[0].events,
    talentlmsEventBytes: talent[0].raw / talent[0].events,
    events: pismo[0].events,
    capEvents: CAP_EVENTS,
    capHeapBytes: perEvent * CAP_EVENTS,
  };
}
