import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withTables } from './render';

/** From out/test/unit/faults to the repository root. */
const DOC = path.resolve(__dirname, '../../../../docs/reliability.md');

describe('faults: docs/reliability.md', () => {
  it('holds exactly the tables rendered from test/unit/faults/table.ts (UPDATE_DOCS=1 rewrites them)', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const rendered = withTables(doc);
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, rendered);
    else assert.equal(doc, rendered, 'docs/reliability.md has drifted from the fault table: run UPDATE_DOCS=1 npm run test:unit');
  });
});
