/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/** Elements that could run code or load something if event data ever became markup. */
const FORBIDDEN = 'script, img, iframe, frame, frameset, object, embed, link, style, form, base, meta, a[href], area[href], svg, math, video, audio, source, track, portal';
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/** The page's own elements of those kinds, taken before any event data is rendered. */
export function ownElements(): ReadonlySet<Element> {
  return new Set(document.querySelectorAll(FORBIDDEN));
}

/**
 * Counts what must never appear from rendering: forbidden elements not in `own`, event-handler attributes, and
 * `javascript:` URLs. The render report carries it so a test can prove hostile text stayed text.
 */
export function countForbidden(own: ReadonlySet<Element>): number {
  let count = 0;
  for (const el of document.querySelectorAll('*')) {
    if (el.matches(FORBIDDEN) && !own.has(el)) {
      count++;
      continue;
    }
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || (URL_ATTRIBUTES.has(a.name) && /^\s*javascript:/i.test(a.value))) {
        count++;
        break;
      }
    }
  }
  return count;
}
