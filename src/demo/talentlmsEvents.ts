import { int, obj, str } from './rawJson';
import { type Random, pick } from './random';

/**
 * The demo's own copy of the 51 API values in the TalentLMS seed table ("Timeline event mappings"), kept
 * apart from the client's catalogue so a test can hold one against the other.
 */
export const TALENT_EVENT_TYPES: readonly string[] = [
  'user_login_user', 'user_create_user', 'user_self_register', 'user_delete_user', 'user_undelete_user',
  'user_update_user', 'user_create_payment', 'user_upgrade_level', 'user_unlock_badge',
  'course_create_course', 'course_delete_course', 'course_undelete_course', 'course_update_course',
  'course_add_user', 'course_remove_user', 'course_completion', 'course_failure', 'course_user_progress_reset',
  'branch_create_branch', 'branch_delete_branch', 'branch_update_branch', 'branch_add_user',
  'branch_remove_user', 'branch_add_course', 'branch_remove_course',
  'group_create_group', 'group_delete_group', 'group_update_group', 'group_add_user', 'group_remove_user',
  'group_add_course', 'group_remove_course',
  'certification_issue_certification', 'certification_refresh_certification',
  'certification_remove_certification', 'certification_expire_certification',
  'unitprogress_test_completion', 'unitprogress_test_fail', 'unitprogress_survey_completion',
  'unitprogress_assignment_answered', 'unitprogress_assignment_graded', 'unitprogress_ilt_graded',
  'notification_create_notification', 'notification_delete_notification', 'notification_update_notification',
  'automation_create_automation', 'automation_delete_automation', 'automation_update_automation',
  'reports_create_custom_report', 'reports_delete_custom_report', 'reports_update_custom_report',
];

/** Types no table lists (a newer platform, a plugin): a client must still show them, under their prefix or "Other". */
export const UNKNOWN_TALENT_TYPES: readonly string[] = ['webhook_fired', 'course_archive_course', 'skill_assign_skill'];

/** What a busy portal mostly records; the rest of the table is drawn uniformly. */
const COMMON: readonly string[] = [
  'user_login_user', 'user_login_user', 'user_login_user', 'user_login_user', 'user_login_user',
  'course_add_user', 'course_add_user', 'course_completion', 'course_completion', 'course_failure',
  'unitprogress_test_completion', 'unitprogress_test_completion', 'unitprogress_test_fail',
  'unitprogress_assignment_answered', 'unitprogress_survey_completion', 'user_update_user', 'group_add_user',
  'certification_issue_certification',
];

export function drawType(random: Random): string {
  return random() < 0.75 ? pick(random, COMMON) : pick(random, TALENT_EVENT_TYPES);
}

type Entity = 'course' | 'group' | 'branch' | 'unit';

/** The related entities an event of this type carries besides its user. */
export function entitiesOf(type: string): readonly Entity[] {
  if (type.startsWith('unitprogress_')) return ['course', 'unit'];
  if (type.startsWith('course_') || type.startsWith('certification_') || type === 'user_create_payment') return ['course'];
  for (const holder of ['branch', 'group'] as const) {
    if (type.startsWith(`${holder}_`)) return type.endsWith('_course') ? [holder, 'course'] : [holder];
  }
  return [];
}

const FIRST = ['Ana', 'Bruno', 'Chloé', 'Dmitri', 'Eleni', 'Farah', 'Gustavo', 'Hiroshi', 'Ingrid', 'José', 'Zoë', 'Łukasz'];
const LAST = ['Silva', 'Okafor', 'Müller', 'Papadopoulou', 'Tanaka', "O'Brien", 'Nguyễn', 'Kowalski', 'Haddad'];
/** Quotes, a backslash, non-Latin scripts and an emoji, so item text must be escaped properly. */
const COURSES = [
  'Onboarding 101', 'Workplace Safety', 'GDPR Essentials', 'Sales Negotiation', 'Leadership Foundations',
  'Customer Support Basics', 'Excel for Analysts', 'Español para principiantes', '情報セキュリティ入門',
  'The "Hands-on" Git Workshop', 'Paths & Shares: C:\\Users\\Public', 'Launch Readiness 🚀', 'Code of Conduct 2025',
];
const GROUPS = ['New hires Q2', 'Sales EMEA', 'Support Tier 1', 'Managers', 'Contractors', 'Mentors'];
const BRANCHES = ['acme-europe', 'acme-latam', 'acme-apac', 'acme-partners'];
const UNITS: Readonly<Record<string, string>> = {
  test: 'Final test',
  survey: 'Course feedback survey',
  assignment: 'Written assignment',
  ilt: 'Live session (ILT)',
};

const ref = (id: number, name: string): string => obj({ id: int(id), name: str(name) });

/** `"user":{…}` and its related entities, as JSON members; the draws always happen in the same order. */
export function members(type: string, random: Random): Record<string, string> {
  const u = Math.floor(random() * FIRST.length * LAST.length);
  const out: Record<string, string> = { user: ref(1000 + u, `${FIRST[u % FIRST.length]} ${LAST[Math.floor(u / FIRST.length)]}`) };
  const c = Math.floor(random() * COURSES.length);
  const g = Math.floor(random() * GROUPS.length);
  const b = Math.floor(random() * BRANCHES.length);
  for (const entity of entitiesOf(type)) {
    if (entity === 'course') out.course = ref(200 + c, COURSES[c]);
    else if (entity === 'group') out.group = ref(40 + g, GROUPS[g]);
    else if (entity === 'branch') out.branch = ref(10 + b, BRANCHES[b]);
    else {
      const kind = Object.keys(UNITS).find((k) => type.startsWith(`unitprogress_${k}`)) ?? 'test';
      out.unit = ref((200 + c) * 10 + Object.keys(UNITS).indexOf(kind), UNITS[kind]);
    }
  }
  return out;
}
