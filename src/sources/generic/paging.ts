import { TimelineError } from '../../core/errors';
import { basePath, isUnderBase } from '../../core/url';
import { text } from '../json';
import type { MoreFlag, Paging } from './mapping';
import { valueAt } from './path';
import { linkTarget } from './linkHeader';

/** What one answer says about the next page. */
export interface PageAnswer {
  readonly body: unknown;
  readonly items: readonly unknown[];
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The URL the page was read from. */
  readonly url: URL;
  /** The cursor the page was asked with (absent on the first page). */
  readonly cursor: string | undefined;
  /** The page size asked for. */
  readonly limit: number;
}

/** Where paging goes on from, or why it ends. */
export interface NextStep {
  /** Absent when the timeline ends here. */
  readonly next?: string;
  /** The server handed back the position just used: it has nothing newer yet, and reading on starts here. */
  readonly caughtUp?: string;
}

/**
 * The stop rules, in this order: an explicit "more" flag wins (false ends it; true with no way on is an error);
 * a page that is empty while the flag or the cursor says more is followed (the Timeline's empty-page guard
 * bounds a run of them); a next cursor or URL equal to the one just used means caught up; page and offset
 * styles with no flag end at an empty (offset: short) page, or where `total` says.
 */
export function nextStep(paging: Paging, answer: PageAnswer, base: URL): NextStep {
  const more = paging.hasMore && flag(answer.body, paging.hasMore);
  if (more === false || paging.style === 'none') return {};
  switch (paging.style) {
    case 'cursor': {
      const { from, path } = paging.next;
      const holder = from === 'lastItem' ? answer.items[answer.items.length - 1] : answer.body;
      const value = text(valueAt(holder, path.segments));
      if (value === undefined) {
        if (more !== true) return {};
        const why = from === 'lastItem' && answer.items.length === 0 ? 'the page is empty and the cursor comes from its last item' : `there is no cursor at ${path.text}`;
        throw new TimelineError('badShape', `The page says there is more (${paging.hasMore?.path.text}), but ${why}: paging cannot go on.`);
      }
      return value === answer.cursor ? { caughtUp: value } : { next: value };
    }
    case 'nextUrl':
    case 'linkHeader': {
      const link = paging.style === 'nextUrl' ? text(valueAt(answer.body, paging.next.segments)) : linkTarget(answer.headers.link, paging.rel);
      if (link === undefined) {
        if (more !== true) return {};
        const where = paging.style === 'nextUrl' ? `no URL at ${paging.next.text}` : `no Link header with rel="${paging.rel}"`;
        throw new TimelineError('badShape', `The page says there is more (${paging.hasMore?.path.text}), but there is ${where}: paging cannot go on.`);
      }
      const url = followed(link, answer.url, base);
      return url === answer.url.toString() ? { caughtUp: url } : { next: url };
    }
    case 'page': {
      const page = answer.cursor === undefined ? paging.start : Number(answer.cursor);
      const total = paging.total && count(answer.body, paging.total.segments);
      if (total !== undefined && page - paging.start + 1 >= total) return {};
      if (more !== true && answer.items.length === 0) return {};
      return { next: String(page + 1) };
    }
    case 'offset': {
      const offset = answer.cursor === undefined ? 0 : Number(answer.cursor);
      const next = offset + answer.items.length;
      const total = paging.total && count(answer.body, paging.total.segments);
      if (total !== undefined && next >= total) return {};
      if (more !== true && answer.items.length < answer.limit) return {};
      return next === offset ? { caughtUp: String(offset) } : { next: String(next) };
    }
  }
}

/** The flag's value, negated if so written; undefined when the body does not say. */
function flag(body: unknown, more: MoreFlag): boolean | undefined {
  const value = valueAt(body, more.path.segments);
  const said = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
  return said === undefined ? undefined : said !== more.negate;
}

function count(body: unknown, segments: Parameters<typeof valueAt>[1]): number | undefined {
  const value = Number(valueAt(body, segments));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * A next-page URL from the body or a Link header, resolved against the page's own URL. It is followed only
 * under the connection's base URL: the secret must not go elsewhere.
 */
function followed(link: string, current: URL, base: URL): string {
  let url: URL;
  try {
    url = new URL(link, current);
  } catch {
    throw new TimelineError('badShape', 'The server\'s next-page link is not a URL; it was not followed.');
  }
  if (!isUnderBase(url, base)) {
    const where = url.origin === base.origin ? `outside ${basePath(base) || '/'}` : `to another host (${url.host})`;
    throw new TimelineError('badShape', `The server's next-page link points ${where}; it was not followed.`);
  }
  url.hash = '';
  return url.toString();
}
