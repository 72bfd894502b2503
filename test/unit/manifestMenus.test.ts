// The tree's context menus as package.json declares them, read for one row kind the way VS Code reads a `when`
// clause's `viewItem == x` and `viewItem =~ /re/` (the clauses here join only those with the view's id).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };

/** The commands the timeline view's row menu (inline and context) offers for a row whose contextValue is `item`. */
function offered(item: string): Set<string> {
  const commands = new Set<string>();
  for (const { command, when = '' } of manifest.contributes.menus['view/item/context']) {
    if (!when.includes('view == timelineViewer.timeline')) continue;
    const equals = /viewItem == ([\w.]+)/.exec(when);
    const matches = /viewItem =~ \/(.*)\/$/.exec(when);
    if ((equals && equals[1] === item) || (matches && new RegExp(matches[1]).test(item))) commands.add(command);
  }
  return commands;
}

describe('manifest: row menus', () => {
  it('offers a timeline file no secret, settings, newer events, live tail or request, and the rest', () => {
    const file = offered('connection.file');
    for (const absent of ['setSecret', 'editConnection', 'checkNewer', 'startLiveTail', 'copyRequestAsCurl']) {
      assert.equal(file.has(`timelineViewer.${absent}`), false, `${absent} is offered for a timeline file`);
    }
    for (const present of ['refresh', 'loadMore', 'find', 'filter', 'export', 'removeConnection']) {
      assert.ok(file.has(`timelineViewer.${present}`), `${present} is missing for a timeline file`);
    }
  });

  it('still offers a connection to a server all of those', () => {
    const server = offered('connection');
    for (const command of ['setSecret', 'editConnection', 'checkNewer', 'startLiveTail', 'copyRequestAsCurl', 'removeConnection']) {
      assert.ok(server.has(`timelineViewer.${command}`), `${command} is missing for a connection`);
    }
  });
});
