import { EscapeScan, decodeEscapes } from './escapes';
import type { TimelineEvent } from './event';
import { LinearSearch, NATIVE_SEARCH_MAX, codeUnits } from './linearSearch';
import { Needle } from './needle';
import type { RawPage } from './rawPage';

/** Type and category pairs remembered per query, of every type together: a server may send a new pair per event. */
const FIELD_MEMO_LIMIT = 10_000;
/** Categories of one type kept in a list, walked per event; a type's further ones go in a map. */
const SHORT_LIST = 8;

/** Whether events of one type and category match, then the type's other categories. */
interface FieldMemo {
  readonly category: string;
  readonly found: boolean;
  readonly next: FieldMemo | undefined;
  /** How many memos the list holds from this one on. */
  readonly length: number;
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
  /** The categories of types seen with more than SHORT_LIST. */
  private readonly moreCategories = new Map<string, Map<string, boolean>>();
  private fieldMemoSize = 0;
  /** The query, for a query too long for native search to stay linear. */
  private readonly longQuery: LinearSearch | undefined;
  private lastPage: RawPage | undefined;
  private lastHits: ReadonlySet<number> = new Set();

  constructor(query: string) {
    if (query.length === 0) throw new RangeError('An empty query matches everything.');
    this.query = query;
    this.needle = new Needle(query);
    this.escapes = new EscapeScan(this.needle.lower);
    const { lower } = this.needle;
    this.longQuery = lower.length > NATIVE_SEARCH_MAX ? new LinearSearch(codeUnits(lower)) : undefined;
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

  /**
   * The indexes of the page's items whose text holds the query. Once a hit places an item (or the envelope),
   * the scans go on past it: an item needs one hit, and an 8 MB item of one repeated digit holds millions.
   */
  private scan(page: RawPage): Set<number> {
    const hits = new Set<number>();
    const candidates = new Set<number>();
    const { bytes } = page;
    const length = Buffer.byteLength(this.query, 'utf8');
    this.needle.forEachHit(bytes, (offset) => {
      const item = page.itemAt(offset);
      const end = page.regionEnd(offset);
      // in the envelope (a cursor, a link, a count) nothing counts
      if (item >= 0 && this.needle.exact && offset + length <= end) hits.add(item);
      else if (item >= 0) candidates.add(item);
      return end;
    });
    this.escapes.forEachHit(bytes, (offset) => {
      const item = page.itemAt(offset);
      if (item >= 0 && !hits.has(item)) candidates.add(item);
      return page.regionEnd(offset);
    });
    for (const item of candidates) if (!hits.has(item) && this.textMatches(page.itemText(item))) hits.add(item);
    return hits;
  }

  private textMatches(text: string): boolean {
    if (this.includes(text)) return true;
    const decoded = decodeEscapes(text);
    return decoded !== text && this.includes(decoded);
  }

  /**
   * The fields the item's text may not hold as such: a TalentLMS label or category, a Pismo label. They derive
   * from the type and the category, so each pair is checked once (a timeline has dozens, not 100,000s, but the
   * memo is bounded by pairs: past it, each event is checked). The id and the correlation id are values of the
   * item (a made-up id joins values of it), found in its text.
   */
  private fieldMatches(event: TimelineEvent): boolean {
    const { type, category } = event;
    const first = this.fieldMemo.get(type);
    // one lookup per event: a type is seen with one category or a few, kept as a short list
    for (let known = first; known; known = known.next) if (known.category === category) return known.found;
    const full = first !== undefined && first.length >= SHORT_LIST;
    const known = full ? this.moreCategories.get(type)?.get(category) : undefined;
    if (known !== undefined) return known;
    const found = this.includes(event.label) || this.includes(type) || this.includes(category);
    if (this.fieldMemoSize < FIELD_MEMO_LIMIT) {
      this.fieldMemoSize++;
      if (!full) this.fieldMemo.set(type, { category, found, next: first, length: (first?.length ?? 0) + 1 });
      else this.moreCategories.set(type, (this.moreCategories.get(type) ?? new Map<string, boolean>()).set(category, found));
    }
    return found;
  }

  /** Whether `value` holds the query, ignoring case, in time linear in both. */
  private includes(value: string): boolean {
    const lower = value.toLowerCase();
    return this.longQuery ? this.longQuery.indexIn(codeUnits(lower)) >= 0 : lower.includes(this.needle.lower);
  }
}
