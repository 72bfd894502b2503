/**
 * TalentLMS timeline event types, transcribed from the platform's "Timeline event mappings" table: each
 * API value with its human label, grouped in the table's nine categories. A type's category is its prefix.
 */
export interface TalentCategory {
  readonly name: string;
  readonly prefix: string;
  readonly labels: Readonly<Record<string, string>>;
}

export const TALENTLMS_CATEGORIES: readonly TalentCategory[] = [
  {
    name: 'User',
    prefix: 'user_',
    labels: {
      user_login_user: 'User log in',
      user_create_user: 'User registration',
      user_self_register: 'User self registration',
      user_delete_user: 'User deletion',
      user_undelete_user: 'Undelete user',
      user_update_user: 'User update',
      user_create_payment: 'User payment',
      user_upgrade_level: 'User level',
      user_unlock_badge: 'User badge',
    },
  },
  {
    name: 'Course',
    prefix: 'course_',
    labels: {
      course_create_course: 'Course creation',
      course_delete_course: 'Course deletion',
      course_undelete_course: 'Undelete course',
      course_update_course: 'Course update',
      course_add_user: 'Added user to course',
      course_remove_user: 'Removed user from course',
      course_completion: 'User completed course',
      course_failure: 'User did not pass course',
      course_user_progress_reset: 'Reset progress',
    },
  },
  {
    name: 'Branch',
    prefix: 'branch_',
    labels: {
      branch_create_branch: 'Branch creation',
      branch_delete_branch: 'Branch deletion',
      branch_update_branch: 'Branch update',
      branch_add_user: 'Added user to branch',
      branch_remove_user: 'Removed user from branch',
      branch_add_course: 'Added course to branch',
      branch_remove_course: 'Removed course from branch',
    },
  },
  {
    name: 'Group',
    prefix: 'group_',
    labels: {
      group_create_group: 'Group creation',
      group_delete_group: 'Group deletion',
      group_update_group: 'Group update',
      group_add_user: 'Added user to group',
      group_remove_user: 'Removed user from group',
      group_add_course: 'Added course to group',
      group_remove_course: 'Removed course from group',
    },
  },
  {
    name: 'Certification',
    prefix: 'certification_',
    labels: {
      certification_issue_certification: 'Certification issued to user',
      certification_refresh_certification: 'Certification renewed',
      certification_remove_certification: 'Certification removed',
      certification_expire_certification: 'Certification expired',
    },
  },
  {
    name: 'Unit progress',
    prefix: 'unitprogress_',
    labels: {
      unitprogress_test_completion: 'Test completion',
      unitprogress_test_fail: 'Test fail',
      unitprogress_survey_completion: 'Survey completion',
      unitprogress_assignment_answered: 'Assignment submission',
      unitprogress_assignment_graded: 'Assignment grading',
      unitprogress_ilt_graded: 'ILT grading',
    },
  },
  {
    name: 'Notification',
    prefix: 'notification_',
    labels: {
      notification_create_notification: 'Notification creation',
      notification_delete_notification: 'Notification deletion',
      notification_update_notification: 'Notification update',
    },
  },
  {
    name: 'Automation',
    prefix: 'automation_',
    labels: {
      automation_create_automation: 'Automation creation',
      automation_delete_automation: 'Automation deletion',
      automation_update_automation: 'Automation update',
    },
  },
  {
    name: 'Custom report',
    prefix: 'reports_',
    labels: {
      reports_create_custom_report: 'Custom report creation',
      reports_delete_custom_report: 'Custom report deletion',
      reports_update_custom_report: 'Custom report update',
    },
  },
];
