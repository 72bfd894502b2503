import { TimelineError } from '../../core/errors';
import { labelPart, type TimelineEvent } from '../../core/event';
import type { RawItem, RawPage } from '../../core/rawPage';
import { sortKey } from '../../core/time';
import { ByteTexts, textAt } from '../byteTexts';
import { PageTexts } from '../json';
import type { CategoryRule, GenericFields, PathChoice } from './mapping';
import { valueAt } from './path';
import { unixToIso } from './unixTime';

/** Characters of an item quoted in an error: enough to recognise it. */
const QUOTED_ITEM_CHARS = 300;

/**
 * One event of a generic connection, held as lean as a built-in source's (see PismoEvent): its indexed fields
 * and where its text lives. The time is kept as an offset into the id when the id ends with it; the id and the
 * first correlation id are read back from the page's bytes where they are written as they are (ByteTexts).
 */
export class GenericEvent implements TimelineEvent, RawItem {
  constructor(
    /** The id, or where the page's bytes hold it. */
    private readonly idAt: string | number,
    readonly type: string,
    readonly category: string,
    /** The timestamp, or the offset in `id` where it starts. */
    private readonly time: string | number,
    readonly sortKey: string,
    private readonly correlationAt: string | number | undefined,
    /** Correlation ids past the first, when the mapping names several and the item has them. */
    private readonly moreIds: readonly string[] | undefined,
    readonly summary: string | undefined,
    /** ERROR, WARN, FAIL… as the server wrote it, for the row's icon. */
    readonly severity: string | undefined,
    readonly accountId: string | undefined,
    readonly page: RawPage,
    readonly index: number,
  ) {}

  get id(): string {
    return textAt(this.page.bytes, this.idAt);
  }

  get correlationId(): string | undefined {
    const at = this.correlationAt;
    return at === undefined ? undefined : textAt(this.page.bytes, at);
  }

  get label(): string {
    return this.category === this.type ? labelPart(this.type) : `${labelPart(this.category)} · ${labelPart(this.type)}`;
  }

  /** As the server sent it; for a unix time, the ISO 8601 instant it stands for, every digit kept. */
  get timestamp(): string {
    const time = this.time;
    return typeof time === 'string' ? time : this.id.slice(time);
  }

  /** Every correlation id the item has, in the mapping's order. */
  get correlationIds(): readonly string[] {
    const id = this.correlationId;
    if (id === undefined) return [];
    return this.moreIds ? [id, ...this.moreIds] : [id];
  }

  get raw(): RawItem {
    return this;
  }
}

/**
 * Reads the items of one page into events by the mapping's paths. Strings that repeat within a page (types,
 * categories, correlation ids) are shared. With `latin1` (the fast parse, see parseJsonBytes), a string that
 * may need the UTF-8 reading makes `read` give up (undefined). An item the mapping does not fit (no id, a time
 * that is not one) is an error naming the path and quoting the item.
 */
export class ItemReader {
  private readonly categories = new Map<string, string>();
  private readonly texts: PageTexts;
  private readonly placed: ByteTexts;

  constructor(
    private readonly fields: GenericFields,
    private readonly page: RawPage,
    latin1: boolean,
    /** Masks secrets in a quoted item. */
    private readonly redact: (text: string) => string,
  ) {
    this.texts = new PageTexts(latin1);
    this.placed = new ByteTexts(page.bytes);
  }

  read(item: unknown, index: number): GenericEvent | undefined {
    const f = this.fields;
    const rawId = first(item, f.id);
    const id = this.texts.own(rawId);
    if (id === undefined) throw this.misfit(index, f.id, 'no id');
    const type = this.texts.share(first(item, f.type)) ?? 'UNKNOWN';
    const category = f.category ? this.categoryOf(item, f.category) : type;
    const timestamp = this.timeOf(item, index);
    let correlationId: string | undefined;
    let correlationIsText = false;
    let moreIds: string[] | undefined;
    for (const path of f.correlation) {
      const raw = valueAt(item, path.segments);
      const value = this.texts.share(raw);
      if (value === undefined) continue;
      if (correlationId === undefined) {
        correlationId = value;
        correlationIsText = typeof raw === 'string';
      } else (moreIds ??= []).push(value);
    }
    const summary = f.summary && this.texts.own(first(item, f.summary));
    const severity = f.severity && this.texts.share(first(item, f.severity));
    const accountId = f.account && this.texts.share(first(item, f.account));
    if (!this.texts.exact) return undefined;
    const time = id.length > timestamp.length && id.endsWith(timestamp) ? id.length - timestamp.length : timestamp;
    // Only a string is written quoted: a number id stays the string it prints as.
    this.placed.nextItem();
    const idAt = typeof rawId === 'string' ? this.placed.place(id) : id;
    const correlationAt = correlationIsText && correlationId !== undefined ? this.placed.place(correlationId) : correlationId;
    return new GenericEvent(idAt, type, category, time, sortKey(timestamp), correlationAt, moreIds, summary, severity, accountId, this.page, index);
  }

  private timeOf(item: unknown, index: number): string {
    const { time, timeFormat } = this.fields;
    const raw = first(item, time);
    if (timeFormat !== 'iso8601') {
      const iso = typeof raw === 'string' || typeof raw === 'number' ? unixToIso(raw, timeFormat) : undefined;
      if (iso === undefined) throw this.misfit(index, time, raw === undefined ? 'no time' : `a time that is not a ${timeFormat} number`);
      return iso;
    }
    const timestamp = typeof raw === 'string' ? this.texts.own(raw) : undefined;
    if (timestamp === undefined || sortKey(timestamp) === '') {
      throw this.misfit(index, time, raw === undefined ? 'no time' : 'a time that is not ISO 8601 (set fields.timeFormat for a unix time)');
    }
    return timestamp;
  }

  private categoryOf(item: unknown, rule: CategoryRule): string {
    const value = this.texts.own(first(item, rule.path));
    if (value === undefined) return rule.other ?? 'Other';
    const known = this.categories.get(value);
    if (known !== undefined) return known;
    const cut = rule.before === undefined ? -1 : value.indexOf(rule.before);
    const key = cut < 0 ? value : value.slice(0, cut);
    const named = rule.names?.get(key) ?? (rule.names ? rule.other : undefined) ?? key;
    this.categories.set(value, named);
    return named;
  }

  private misfit(index: number, paths: PathChoice, what: string): TimelineError {
    const where = paths.map((p) => p.text).join(' or ');
    const itemText = this.redact(this.page.itemText(index)).replace(/\s+/g, ' ');
    const quoted = itemText.length > QUOTED_ITEM_CHARS ? `${itemText.slice(0, QUOTED_ITEM_CHARS)}…` : itemText;
    return new TimelineError('badShape', `Item ${index + 1} of the page has ${what} at ${where}: ${quoted}`);
  }

}

/** A page's events, or undefined when `latin1` and a string needs the UTF-8 reading (see ItemReader). */
export function readEvents(fields: GenericFields, page: RawPage, items: readonly unknown[], latin1: boolean, redact: (text: string) => string): GenericEvent[] | undefined {
  const reader = new ItemReader(fields, page, latin1, redact);
  const events: GenericEvent[] = [];
  for (let index = 0; index < items.length; index++) {
    const event = reader.read(items[index], index);
    if (!event) return undefined;
    events.push(event);
  }
  return events;
}

/** The value of the first path present. */
function first(item: unknown, paths: PathChoice): unknown {
  for (const path of paths) {
    const value = valueAt(item, path.segments);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}
