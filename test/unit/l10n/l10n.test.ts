// Runtime strings: every user-facing string in src/ui goes through vscode.l10n.t, and l10n/bundle.l10n.json is
// what `npm run l10n` exports from today's sources (rerun it after changing a string).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { findUnlocalized } from './unlocalized';

const REPO = path.resolve(__dirname, '../../../..');
const BUNDLE = path.join(REPO, 'l10n/bundle.l10n.json');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('localization', () => {
  describe('the check for unlocalized strings', () => {
    const check = (code: string): string[] => findUnlocalized('sample.ts', code).map((f) => f.text);

    it('finds raw text in messages, options, tree items, assignments and helper arguments', () => {
      const code = [
        "vscode.window.showErrorMessage('Could not load the page', 'Retry');",
        "vscode.window.showQuickPick(items, { placeHolder: 'Pick a connection' });",
        'item.tooltip = `Loaded ${count} events`;',
        "const pick = { label: done ? 'All loaded' : vscode.l10n.t('More') };",
        "new vscode.TreeItem('Load more');",
        "vscode.window.showInputBox({ validateInput: (v) => (v ? undefined : 'Enter a URL') });",
        "nodes.push(new MessageNode(this, 'No events in this timeline.'));",
      ].join('\n');
      assert.deepEqual(check(code), [
        "'Could not load the page'", "'Retry'", "'Pick a connection'", '`Loaded ${count} events`', "'All loaded'", "'Load more'", "'Enter a URL'", "'No events in this timeline.'",
      ]);
    });

    it('accepts localized text, names, ids and text the user is not shown', () => {
      const code = [
        "vscode.window.showErrorMessage(vscode.l10n.t('Could not load {0}', name), vscode.l10n.t('Retry'));",
        "vscode.window.createOutputChannel('Timeline Viewer', { log: true });",
        "vscode.commands.executeCommand('workbench.action.openSettings', 'timelineViewer.connections');",
        "const item = { label: '$(add)', description: connection.id, contextValue: 'event.correlated' };",
        "log.info(`GET ${url} took ${ms} ms`);",
        "throw new Error('Unknown node kind');",
        "return `<div class=\"row\">${vscode.l10n.t('Loading')}</div>`;",
        "import { Thing } from 'Some Module';",
      ].join('\n');
      assert.deepEqual(check(code), []);
    });
  });

  it('leaves no user-facing string in src/ui unlocalized', () => {
    // the request log is English on purpose: its lines go into bug reports
    const files = [...tsFiles(path.join(REPO, 'src/ui')), path.join(REPO, 'src/extension.ts')].filter((f) => !f.endsWith(`${path.sep}log.ts`));
    const found = files.flatMap((f) => findUnlocalized(f, fs.readFileSync(f, 'utf8')).map((u) => `${path.relative(REPO, f)}:${u.line}: ${u.text}`));
    assert.deepEqual(found, [], 'wrap these in vscode.l10n.t, then run `npm run l10n`');
  });

  it('has an exported bundle that matches the sources (`npm run l10n`)', async () => {
    const scripts = tsFiles(path.join(REPO, 'src')).map((f) => ({ extension: '.ts', contents: fs.readFileSync(f, 'utf8') }));
    const expected = await getL10nJson(scripts);
    assert.ok(Object.keys(expected).length > 0, 'no vscode.l10n.t call found in src');
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run \`npm run l10n\``);
    const actual = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as unknown;
    assert.deepEqual(actual, expected, 'l10n/bundle.l10n.json is stale: run `npm run l10n` and commit it');
  });
});
