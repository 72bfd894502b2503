import type { TimelineEvent } from '../../../src/core/event';
import { RawPage } from '../../../src/core/rawPage';
import { sortKey } from '../../../src/core/time';

/** A page whose item bytes are handed out counted: what a matcher walks shows in `itemReads`. */
export class CountedPage extends RawPage {
  itemReads = 0;

  override itemBytes(index: number): Buffer {
    this.itemReads++;
    return super.itemBytes(index);
  }
}

/**
 * Events over one `{"items":[…]}` page written exactly as given (escapes, literals, duplicate keys kept), with
 * the indexed fields read from each item as a source would.
 */
export function eventsOf(itemTexts: readonly string[]): { page: CountedPage; events: TimelineEvent[] } {
  const page = new CountedPage(Buffer.from(`{"next_cursor":"1234.50","items":[${itemTexts.join(',')}]}`, 'utf8'), 'items');
  const events = itemTexts.map((text, index): TimelineEvent => {
    const item = JSON.parse(text) as Record<string, unknown>;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const timestamp = str(item.timestamp) ?? '2025-06-30T21:00:00Z';
    return {
      id: str(item.id) ?? `e${index}`,
      type: str(item.type) ?? 'UNKNOWN',
      category: str(item.category) ?? 'UNCATEGORIZED',
      label: `${str(item.category) ?? ''} · ${str(item.type) ?? ''}`,
      timestamp,
      sortKey: sortKey(timestamp),
      correlationId: str(item.correlation_id),
      raw: { page, index },
    };
  });
  return { page, events };
}
