import { AccountTimeline, type CustomEventDraft } from './accountTimeline';
import { PismoTimeline, type TimelineEvent } from './pismoData';
import { mix } from './random';

export const DEFAULT_ACCOUNTS = 12;
export const MAX_ACCOUNTS = 1000;
export const DEFAULT_OTHER_ACCOUNT_EVENT_COUNT = 300;
/** Per account; the bytes cap is for the whole tenant: the demo server runs inside the extension host. */
export const MAX_CUSTOM_EVENTS = 1000;
const MAX_CUSTOM_BYTES = 64 * 1024 * 1024;
const EXTERNAL_PREFIX = 'EXT-';

/**
 * The demo tenant: `accounts` accounts numbered on from the main timeline's own, each with an external id
 * (`EXT-<account>`). The first account's timeline is the main one; every other is synthetic, seeded from
 * (seed, account) and built on first use, so a thousand accounts cost nothing until read.
 */
export class PismoTenant {
  readonly accountIds: readonly string[];
  private readonly known: ReadonlySet<string>;
  private readonly seed: number;
  private readonly timelines = new Map<string, AccountTimeline>();
  private customBytes = 0;

  constructor(
    main: PismoTimeline,
    accounts: number,
    private readonly otherEventCount: number,
  ) {
    this.accountIds = Array.from({ length: accounts }, (_, i) => String(main.accountId + i));
    this.known = new Set(this.accountIds);
    this.seed = main.seed;
    this.timelines.set(this.accountIds[0], new AccountTimeline(main));
  }

  has(accountId: string): boolean {
    return this.known.has(accountId);
  }

  externalId(accountId: string): string {
    return `${EXTERNAL_PREFIX}${this.checked(accountId)}`;
  }

  /** The account whose external id this is, if any. */
  accountOfExternalId(externalId: string): string | undefined {
    const accountId = externalId.slice(EXTERNAL_PREFIX.length);
    return externalId.startsWith(EXTERNAL_PREFIX) && this.has(accountId) ? accountId : undefined;
  }

  timeline(accountId: string): AccountTimeline {
    let timeline = this.timelines.get(this.checked(accountId));
    if (!timeline) {
      const number = Number(accountId);
      timeline = new AccountTimeline(new PismoTimeline(mix(this.seed, number), this.otherEventCount, number));
      this.timelines.set(accountId, timeline);
    }
    return timeline;
  }

  customEventCount(accountId: string): number {
    return this.timelines.get(this.checked(accountId))?.postedCount ?? 0;
  }

  /** The created event, or why the demo keeps no more. */
  post(accountId: string, draft: CustomEventDraft, now: bigint): TimelineEvent | { refused: string } {
    const timeline = this.timeline(accountId);
    if (timeline.postedCount >= MAX_CUSTOM_EVENTS) return { refused: `This account already holds ${MAX_CUSTOM_EVENTS} custom events, as many as the demo server keeps.` };
    const event = timeline.created(draft, now);
    const bytes = Buffer.byteLength(event.text, 'utf8');
    if (this.customBytes + bytes > MAX_CUSTOM_BYTES) return { refused: `The demo server keeps at most ${MAX_CUSTOM_BYTES / 1024 / 1024} MB of custom events.` };
    this.customBytes += bytes;
    timeline.add(event);
    return event;
  }

  /** The id, or a RangeError for an account outside the tenant (a typo in a test). */
  checked(accountId: string): string {
    if (!this.has(accountId)) throw new RangeError(`${accountId} is not an account of this tenant`);
    return accountId;
  }
}
