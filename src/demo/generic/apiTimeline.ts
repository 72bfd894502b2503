import { GrowingTimeline } from '../growingTimeline';
import { type Random, streamFor } from '../random';
import { firstAtOrBelow } from '../sorted';

const NEWEST_NS = BigInt(Date.UTC(2025, 5, 30, 21, 14, 5)) * 1_000_000n;
const SLOT_S = 300;
const SLOT_NS = BigInt(SLOT_S) * 1_000_000_000n;
/** The newest initial event's sequence number; sequence numbers grow with time, so appended events get larger ones. */
const NEWEST_SEQ = 1_000_000;
export const DEFAULT_API_EVENT_COUNT = 300;

/** Separates the streams drawn from one seed: each API's own details, and the shared times. */
export const API_SALT = { time: 21, stripe: 22, github: 23, audit: 24, okta: 25, auth0: 26, slack: 27, datadog: 28, svix: 29, kubernetes: 30, pagerduty: 31 } as const;

/**
 * The events the demo's well-known-API routes serve, one timeline shared by all of them, each route writing
 * an event in its own API's shape from the event's sequence number and its own random stream. Position 0 is
 * the newest; nothing is stored, so any page is built without the ones before it.
 */
export class ApiTimeline extends GrowingTimeline {
  /** Stable for an event whatever is appended: ids and cursors are built from it. */
  seq(position: number): number {
    return NEWEST_SEQ + this.appended - position;
  }

  /** The position of the event with this sequence number, or undefined when there is none. */
  position(seq: number): number | undefined {
    const position = NEWEST_SEQ + this.appended - seq;
    return Number.isInteger(position) && position >= 0 && position < this.count ? position : undefined;
  }

  /** Each event sits at a random point of its own five-minute slot, so times fall strictly as the position grows. */
  ns(position: number): bigint {
    const index = NEWEST_SEQ - this.seq(position);
    const random = streamFor(this.seed, API_SALT.time, index);
    const back = BigInt(Math.floor(random() * SLOT_S)) * 1_000_000_000n + BigInt(Math.floor(random() * 1e9));
    return NEWEST_NS - BigInt(index) * SLOT_NS - back;
  }

  /** The smallest position whose time is at or before `ns` (`count` when none). */
  firstAtOrBefore(ns: bigint): number {
    return firstAtOrBelow(this.count, (p) => this.ns(p), ns);
  }

  /** The event's own stream for one API: every call gives the same draws. */
  random(position: number, salt: number): Random {
    return streamFor(this.seed, salt, this.seq(position));
  }
}
