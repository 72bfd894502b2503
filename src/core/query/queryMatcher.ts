import type { TimelineEvent } from '../event';
import { eventMatcher } from '../filter';
import { EventMatcher } from '../match';
import { FieldMatcher } from './fieldMatch';
import type { Query } from './parse';
import { sortKey } from '../time';

type Test = (event: TimelineEvent) => boolean;

/**
 * Whether an event holds every term of a query: the filter's terms as the Timeline matches them, the ids,
 * each field, and the text as Find finds it. Cheap tests come first (indexed fields), so the byte scans run
 * for the events the others let through; each scan still reads a page once, whatever it is asked.
 *
 * It answers what a Search asks of its matcher: `query`, `matches` and `isId`.
 */
export class QueryMatcher {
  readonly query: string;
  /** The `since:` term's sort key: a newest-first search reads no page past it. */
  readonly oldestWanted: string | undefined;
  private readonly tests: readonly Test[];
  private readonly text: EventMatcher | undefined;
  private readonly id: string | undefined;

  constructor(query: Query) {
    this.query = query.source;
    this.oldestWanted = query.filter?.since === undefined ? undefined : sortKey(query.filter.since);
    const { correlationId, id, fields, text } = query.local;
    this.id = id?.toLowerCase();
    this.text = text === undefined ? undefined : new EventMatcher(text);
    const tests: Test[] = [];
    if (query.filter) {
      // types and categories ignore case here, as every string of a query does; the time range is the filter's
      const { types, categories, ...range } = query.filter;
      tests.push(eventMatcher(range));
      if (types) tests.push(oneOfIgnoringCase(types, (e) => e.type));
      if (categories) tests.push(oneOfIgnoringCase(categories, (e) => e.itemCategory ?? e.category));
    }
    if (correlationId !== undefined) tests.push(equalsIgnoringCase(correlationId, (e) => e.correlationId));
    if (id !== undefined) tests.push(equalsIgnoringCase(id, (e) => e.id));
    for (const field of fields) {
      const matcher = new FieldMatcher(field);
      tests.push((e) => matcher.matches(e));
    }
    if (this.text) {
      const matcher = this.text;
      tests.push((e) => matcher.matches(e));
    }
    this.tests = tests;
  }

  matches(event: TimelineEvent): boolean {
    for (const test of this.tests) if (!test(event)) return false;
    return true;
  }

  /** True when the query names this event's id (`id:` or as its text), so a search for it can stop here. */
  isId(event: TimelineEvent): boolean {
    return (this.id !== undefined && event.id.toLowerCase() === this.id) || (this.text?.isId(event) ?? false);
  }
}

function oneOfIgnoringCase(values: readonly string[], field: (event: TimelineEvent) => string): Test {
  const lower = new Set(values.map((v) => v.toLowerCase()));
  return (event) => lower.has(field(event).toLowerCase());
}

function equalsIgnoringCase(value: string, field: (event: TimelineEvent) => string | undefined): Test {
  const lower = value.toLowerCase();
  return (event) => field(event)?.toLowerCase() === lower;
}
