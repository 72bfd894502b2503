import { GrowingTimeline } from './growingTimeline';
import { chainContext, payload } from './pismoPayloads';
import { SALT, chainAt, scenarioAt } from './pismoScenarios';
import { streamFor } from './random';
import { str } from './rawJson';
import { formatNs } from './time';
import { firstAtOrBelow } from './sorted';

export const TENANT = 'TN-demo';
/** The tenant's first account, whose timeline is the main one. */
export const ACCOUNT_ID = 4242001;
/** The cursor key's partition of an account, `TENANT::ACCOUNT_ID`. */
export const tenantAccount = (accountId: number): string => `${TENANT}::${accountId}`;

const NEWEST_NS = BigInt(Date.UTC(2025, 5, 30, 21, 14, 5)) * 1_000_000n;
const SLOT_S = 420;
const SLOT_NS = BigInt(SLOT_S) * 1_000_000_000n;

/**
 * Values JavaScript cannot round-trip, in every event whose index % 50 === 7: an integer past 2^53, a
 * decimal with a trailing zero, an exponent, non-BMP unicode, quotes and brackets inside a string, and
 * escaped line/paragraph separators.
 */
const TORTURE =
  '"authorization_code":12345678901234567890,"sequence":9007199254740993,"fx_rate":1.10,"risk_score":1.5e-7,' +
  `"merchant_name":${str('Café Zürich 東京 🚀')},"memo":${str('he said "}]" ok')},"note":"line\\u2028break\\u2029end"`;

export const isTortureIndex = (index: number): boolean => index % 50 === 7;
/** Some schemas type `data` as a string: these events send their data JSON-encoded inside a string. */
export const isStringDataIndex = (index: number): boolean => index % 50 === 23;

/** What paging and filtering read of an event, synthetic or posted. */
export interface TimelineEvent {
  readonly category: string;
  readonly type: string;
  readonly ns: bigint;
  readonly timestamp: string;
  /** The item's exact JSON text. */
  readonly text: string;
}

export interface PismoEvent extends TimelineEvent {
  readonly index: number;
}

export interface ItemFields {
  readonly type: string;
  readonly accountId: number;
  readonly category: string;
  /** JSON text, written as is. */
  readonly data: string;
  readonly correlationId: string | undefined;
  readonly timestamp: string;
}

/** An item's JSON text, keys in the order Pismo's sample has them; its id is `TENANT::ACCOUNT::TIMESTAMP`. */
export function itemText(item: ItemFields): string {
  return (
    `{"type":${str(item.type)},"account_id":${item.accountId},"category":${str(item.category)},` +
    `"tenant_account_timestamp":${str(`${tenantAccount(item.accountId)}::${item.timestamp}`)},"data":${item.data},` +
    (item.correlationId === undefined ? '' : `"correlation_id":${str(item.correlationId)},`) +
    `"timestamp":${str(item.timestamp)}}`
  );
}

/**
 * A synthetic account timeline, index 0 newest. Nothing is stored: each event is rebuilt from
 * (seed, index), so 200,000 events cost no memory and any page can be served without the ones before it.
 * Appended events are the ones at negative indices (newer still): the public index counts from the newest.
 */
export class PismoTimeline extends GrowingTimeline {
  /** The cursor partition of this account's events. */
  readonly tenantAccount: string;

  constructor(
    seed: number,
    initialCount: number,
    readonly accountId: number = ACCOUNT_ID,
  ) {
    super(seed, initialCount);
    this.tenantAccount = tenantAccount(accountId);
  }

  /** Index i sits at a random point of its own 7-minute slot, so times fall strictly as the index grows. */
  timeNs(index: number): bigint {
    return this.timeAt(index - this.appended);
  }

  private timeAt(index: number): bigint {
    const random = streamFor(this.seed, SALT.time, index);
    const back = BigInt(Math.floor(random() * SLOT_S)) * 1_000_000_000n + BigInt(Math.floor(random() * 1e9));
    return NEWEST_NS - BigInt(index) * SLOT_NS - back;
  }

  /** The smallest index whose time is at or before `ns` (`count` when none): a binary search, times being sorted. */
  firstAtOrBefore(ns: bigint): number {
    return firstAtOrBelow(this.count, (index) => this.timeNs(index), ns);
  }

  event(position: number): PismoEvent {
    const index = position - this.appended;
    const ns = this.timeAt(index);
    const timestamp = formatNs(ns);
    const chain = chainAt(this.seed, index, this.initialCount);
    const scenario = scenarioAt(index, this.initialCount);
    const ctx = scenario
      ? { ...chainContext(streamFor(this.seed, SALT.scenario, scenario.key), false), correlationId: scenario.correlationId }
      : chainContext(chain.random, chain.length === 1);
    const step = scenario?.step ?? chain.step;
    const [category, type] = step;
    let data = payload(step, ctx, streamFor(this.seed, SALT.event, index), ns);
    if (isTortureIndex(index)) data = `${data.slice(0, -1)},${TORTURE}}`;
    if (isStringDataIndex(index)) data = str(data);
    const text = itemText({ type, accountId: this.accountId, category, data, correlationId: ctx.correlationId, timestamp });
    return { index, category, type, ns, timestamp, text };
  }
}
