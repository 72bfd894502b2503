import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type LimitRange, userLimit } from '../../../src/core/limits';
import { NEWER_MAX_PAGES, TAIL_INTERVAL_SECONDS } from '../../../src/core/tail';

const REPO = path.resolve(__dirname, '../../../..');

interface SettingSchema {
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}

function schema(key: string): SettingSchema {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, SettingSchema> } } };
  return manifest.contributes.configuration.properties[`timelineViewer.${key}`];
}

const RANGES: [string, LimitRange][] = [
  ['liveTail.intervalSeconds', TAIL_INTERVAL_SECONDS],
  ['newer.maxPages', NEWER_MAX_PAGES],
];

describe('live tail and Check for Newer read their limits from the user only, within the schema', () => {
  for (const [key, range] of RANGES) {
    it(`${key}: clamped to the range package.json declares`, () => {
      const declared = schema(key);
      assert.deepEqual({ min: range.min, max: range.max, fallback: range.fallback }, { min: declared.minimum, max: declared.maximum, fallback: declared.default });
      assert.equal(userLimit({ globalValue: 1e9 }, range), range.max);
      assert.equal(userLimit({ globalValue: -1 }, range), range.min);
      assert.equal(userLimit({ globalValue: Number.NaN }, range), range.fallback);
      assert.equal(userLimit({ globalValue: range.min + 1 }, range), range.min + 1);
    });

    it(`${key}: a workspace's value is not read`, () => {
      const inspected = { globalValue: undefined, workspaceValue: 1e9, workspaceFolderValue: 1e9 };
      assert.equal(userLimit(inspected, range), range.fallback);
      assert.equal(userLimit(undefined, range), range.fallback);
    });
  }
});
