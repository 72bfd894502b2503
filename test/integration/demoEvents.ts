import type { TimelineEvent } from '../../src/core/event';
import { rawText } from '../../src/core/rawPage';

/** An event of a type most of whose events (at least 90 %, of 20 or more) carry `correlation_id`, this one without it. */
export function lackingCorrelation(events: Iterable<TimelineEvent>): TimelineEvent | undefined {
  const byType = new Map<string, TimelineEvent[]>();
  for (const e of events) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  for (const group of byType.values()) {
    const lacking = group.filter((e) => !rawText(e.raw).includes('"correlation_id"'));
    if (group.length >= 20 && lacking.length > 0 && lacking.length <= group.length * 0.1) return lacking[0];
  }
  return undefined;
}
