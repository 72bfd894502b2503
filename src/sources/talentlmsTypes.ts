import { labelPart } from '../core/event';
import { TALENTLMS_CATEGORIES } from './talentlmsCatalog';

/**
 * v1 names that v2 renamed; a v1 server (or an old export) still sends them. A Map, as every lookup keyed by
 * server text: on a plain object, a type named `constructor` or `__proto__` would find Object's own members.
 */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map([
  ['user_register_user', 'user_create_user'],
  ['unitprogress_test_failed', 'unitprogress_test_fail'],
  ['course_reset_user_progress', 'course_user_progress_reset'],
  ['user_property_change', 'user_update_user'],
  ['course_property_change', 'course_update_course'],
  ['branch_property_change', 'branch_update_branch'],
  ['group_property_change', 'group_update_group'],
]);

const LABELS = new Map<string, string>(TALENTLMS_CATEGORIES.flatMap((c) => Object.entries(c.labels)));

/**
 * The human label and category of a TalentLMS event type. Only the documented table gives labels: an unknown
 * type still shows, labelled with its raw API value (`user_impersonate_user`, never a label guessed from it),
 * under the category of its prefix or under "Other".
 */
export function describeTalentType(apiType: string): { label: string; category: string } {
  const canonical = LEGACY_NAMES.get(apiType) ?? apiType;
  const category = TALENTLMS_CATEGORIES.find((c) => canonical.startsWith(c.prefix));
  return { label: LABELS.get(canonical) ?? labelPart(apiType), category: category?.name ?? 'Other' };
}
