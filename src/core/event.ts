import type { RawItem } from './rawPage';

/**
 * One event of a timeline, normalized across APIs. Only the fields the tree needs are held as values;
 * the item's exact JSON text stays in its page's bytes (see RawItem) and is sliced out on demand.
 *
 * A timeline may hold 100,000s of these, so a source can implement it as a class whose derived fields
 * (label, timestamp, raw) are getters: every stored field and string costs bytes per event (see
 * PismoEvent in sources/pismo.ts and docs/performance.md). Readers must not rely on own properties.
 */
export interface TimelineEvent {
  /** Unique within a connection: Pismo's tenant_account_timestamp, TalentLMS's id. */
  readonly id: string;
  /** The API value, e.g. `user_login_user` or `REFUSAL`. */
  readonly type: string;
  /** The grouping key shown as a category node. */
  readonly category: string;
  /** The platform's own category when `category` groups by something else (Pismo grouped by type). */
  readonly itemCategory?: string;
  /** Human label, e.g. "User completed course" or "TRANSACTION · REFUSAL". */
  readonly label: string;
  /** The timestamp exactly as the server sent it (nanoseconds kept). */
  readonly timestamp: string;
  /** Sort key derived from the timestamp: larger is newer (see time.ts). */
  readonly sortKey: string;
  readonly correlationId?: string;
  readonly accountId?: string;
  /** A short actor or amount for the row's description. */
  readonly summary?: string;
  readonly raw: RawItem;
}

/** Characters of one server field kept in a label: a label is read by people, and every row and title shows it. */
const LABEL_PART_CHARS = 200;

/**
 * A server field cut to a label's size. A source that builds labels on demand joins cut parts, so reading a
 * label never copies a megabyte-long type (joined strings are flattened in full when first read).
 */
export function labelPart(text: string): string {
  return text.length > LABEL_PART_CHARS ? `${text.slice(0, LABEL_PART_CHARS)}…` : text;
}
