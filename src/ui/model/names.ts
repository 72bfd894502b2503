import type { Timeline } from '../../core/timeline';
import { PISMO_CATALOG } from '../../sources/pismoCatalog';
import { TALENTLMS_CATEGORIES } from '../../sources/talentlmsCatalog';

/** The platform's own categories and types, each type with its human label where the platform has one. */
export function catalogue(kind: string): { categories: string[]; types: Map<string, string | undefined> } {
  // another API's names are only those its events have shown
  if (kind !== 'pismo' && kind !== 'talentlms') return { categories: [], types: new Map() };
  if (kind === 'talentlms') {
    return {
      categories: TALENTLMS_CATEGORIES.map((c) => c.name),
      types: new Map(TALENTLMS_CATEGORIES.flatMap((c) => Object.entries(c.labels).map(([type, label]) => [type, `${c.name} · ${label}`] as const))),
    };
  }
  return {
    categories: Object.keys(PISMO_CATALOG),
    types: new Map(Object.values(PISMO_CATALOG).flat().map((t) => [t, Object.keys(PISMO_CATALOG).filter((c) => PISMO_CATALOG[c].includes(t)).join(', ')] as const)),
  };
}

/** The categories and types of the events loaded so far, in either of the connection's timelines. */
export function seenNames(timelines: readonly Timeline[]): { categories: Set<string>; types: Set<string> } {
  const categories = new Set<string>();
  const types = new Set<string>();
  for (const timeline of timelines) {
    for (const group of timeline.categories) {
      for (const event of group.events) {
        categories.add(event.itemCategory ?? event.category);
        types.add(event.type);
      }
    }
  }
  return { categories, types };
}

/**
 * Every category and type name a connection knows, those of its loaded events first: what a query's `type:` or
 * `category:` typed in another case is sent as, since servers compare names exactly.
 */
export function knownNames(kind: string, timelines: readonly Timeline[]): { categories: string[]; types: string[] } {
  const { categories, types } = catalogue(kind);
  const found = seenNames(timelines);
  return { categories: [...found.categories, ...categories], types: [...found.types, ...types.keys()] };
}
