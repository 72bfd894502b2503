import { EscapeScan, decodeEscapes } from './escapes';
import type { TimelineEvent } from './event';
import { Needle } from './needle';
import type { RawPage } from './rawPage';

/** Distinct types remembered per query; they repeat across a timeline. */
const FIELD_MEMO_LIMIT = 10_000;

/** Whether events of one type and category match, and the type's other categories. */
interface FieldMemo {
  readonly category: string;
  readonly found: boolean;
  readonly next: FieldMemo | undefined;
}

/**
 * Whether an event holds a query, ignoring case, in what the event inspector shows: its label, type, category,
 * id and correlation id, and its JSON as the server wrote it or with its string escapes decoded (`<\/script>`
 * matches `</script>`, `\u00e9` matches `é`; numbers as written).
 *
 * Events are not decoded to be searched: each page's bytes are scanned once, natively (Needle, EscapeScan),
 * and only an item where an escape could hide the query is decoded to confirm it.
 */
export class EventMatcher {
  readonly query: string;
  private readonly needle: Needle;
  private readonly escapes: EscapeScan;
  private readonly fieldMemo = new Map<string, FieldMemo>();
  private lastPage: RawPage | undefined;
  private lastHits: ReadonlySet<number> = new Set();

  constructor(query: string) {
    if (query.length === 0) throw new RangeError('An empty query matches everything.');
    this.query = query;
    this.needle = new Needle(query);
    this.escapes = new EscapeScan(this.needle.lower);
  }

  matches(event: TimelineEvent): boolean {
    const { page, index } = event.raw;
    if (page !== this.lastPage) {
      this.lastHits = this.scan(page);
      this.lastPage = page;
    }
    return (this.lastHits.size > 0 && this.lastHits.has(index)) || this.fieldMatches(event);
  }

  /** True when the query is this event's id, so a search for it can stop here. */
  isId(event: TimelineEvent): boolean {
    return event.id.toLowerCase() === this.needle.lower;
  }

  /** The indexes of the page's items whose text holds the query. */
  private scan(page: RawPage): Set<number> {
    const hits = new Set<number>();
    const candidates = new Set<number>();
    const { bytes } = page;
    const length = Buffer.byteLength(this.query, 'utf8');
    this.needle.forEachHit(bytes, (offset) => {
      const item = page.itemAt(offset);
      if (item < 0) return; // the envelope: a cursor, a link, a count
      if (this.needle.exact && page.itemAt(offset + length - 1) === item) hits.add(item);
      else candidates.add(item);
    });
    this.escapes.forEachHit(bytes, (offset) => {
      const item = page.itemAt(offset);
      if (item >= 0 && !hits.has(item)) candidates.add(item);
    });
    for (const item of candidates) if (!hits.has(item) && this.textMatches(page.itemText(item))) hits.add(item);
    return hits;
  }

  private textMatches(text: string): boolean {
    const lower = this.needle.lower;
    return text.toLowerCase().includes(lower) || decodeEscapes(text).toLowerCase().includes(lower);
  }

  /**
   * The fields the item's text may not hold as such: a TalentLMS label or category, a Pismo label. They derive
   * from the type and the category, so each pair is checked once (a timeline has dozens, not 100,000s). The id
   * and the correlation id are values of the item (a made-up id joins values of it), found in its text.
   */
  private fieldMatches(event: TimelineEvent): boolean {
    const { type, category } = event;
    const first = this.fieldMemo.get(type);
    // one lookup per event: a type is seen with one category or a few, kept as a short list
    for (let known = first; known; known = known.next) if (known.category === category) return known.found;
    const found = this.includes(event.label) || this.includes(type) || this.includes(category);
    if (this.fieldMemo.size < FIELD_MEMO_LIMIT) this.fieldMemo.set(type, { category, found, next: first });
    return found;
  }

  private includes(value: string): boolean {
    return value.toLowerCase().includes(this.needle.lower);
  }
}
