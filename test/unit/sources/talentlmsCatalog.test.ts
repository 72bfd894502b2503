import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TALENTLMS_CATEGORIES } from '../../../src/sources/talentlmsCatalog';
import { describeTalentType } from '../../../src/sources/talentlmsTypes';

/** Rows "LabelApi_value" of the platform's own mapping table, kept as a fixture. */
function documentedRows(): Map<string, { label: string; section: string }> {
  const doc = readFileSync(join(__dirname, '../../../../test/fixtures/talentlms-timeline-mappings.txt'), 'utf8');
  const rows = new Map<string, { label: string; section: string }>();
  let section = '';
  for (const line of doc.split('\n').map((l) => l.trim())) {
    const heading = /^(.+) events$/.exec(line);
    if (heading) section = heading[1];
    const row = /^(.+?)((?:user|course|branch|group|certification|unitprogress|notification|automation|reports)_[a-z_]+)$/.exec(line);
    if (row && section) rows.set(row[2], { label: row[1], section });
  }
  return rows;
}

describe('TalentLMS catalogue', () => {
  const rows = documentedRows();

  it('holds exactly the 51 documented event types in the nine documented categories', () => {
    assert.equal(rows.size, 51);
    const catalogued = TALENTLMS_CATEGORIES.flatMap((c) => Object.keys(c.labels));
    assert.deepEqual([...catalogued].sort(), [...rows.keys()].sort());
    assert.deepEqual(
      TALENTLMS_CATEGORIES.map((c) => c.name),
      ['User', 'Course', 'Branch', 'Group', 'Certification', 'Unit progress', 'Notification', 'Automation', 'Custom report'],
    );
  });

  it('labels every type with the documented label, under its documented category', () => {
    for (const [apiValue, { label, section }] of rows) {
      assert.deepEqual(describeTalentType(apiValue), { label, category: section }, apiValue);
    }
  });

  it('maps renamed v1 names to their v2 labels', () => {
    assert.deepEqual(describeTalentType('user_register_user'), { label: 'User registration', category: 'User' });
    assert.deepEqual(describeTalentType('unitprogress_test_failed'), { label: 'Test fail', category: 'Unit progress' });
  });

  it('labels unknown types with their raw API value (never a made-up label): under their prefix, else under Other', () => {
    assert.deepEqual(describeTalentType('user_impersonate_user'), { label: 'user_impersonate_user', category: 'User' });
    assert.deepEqual(describeTalentType('course_archive_course'), { label: 'course_archive_course', category: 'Course' });
    assert.deepEqual(describeTalentType('webhook_fired'), { label: 'webhook_fired', category: 'Other' });
    assert.deepEqual(describeTalentType('user_'), { label: 'user_', category: 'User' });
  });
});
