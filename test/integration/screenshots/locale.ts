import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CategoryNode, ConnectionNode } from '../../../src/ui/tree/nodes';
import type { TreeNode } from '../../../src/ui/tree/treeNode';
import { snap } from '../scenes';
import { EXTENSION_ID, activateExtension, idle } from '../util';

const kind = (n: TreeNode): string => n.toTreeItem().contextValue ?? '';

/**
 * The view in another display language (`npm run screenshots -- --locale pt-br`). The workbench has no language
 * pack offline, so VS Code's own text stays English: the scene first checks that the extension host runs in the
 * locale and that the extension's manifest and runtime strings come from its translations, then takes pictures:
 * the welcome view, the tree, the command palette and the walkthrough.
 */
export async function run(): Promise<void> {
  const locale = process.env.TIMELINE_SCENE_LOCALE ?? '';
  assert.equal(vscode.env.language, locale, 'the extension host does not run in the requested display language');
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const read = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(extension.extensionPath, file), 'utf8')) as Record<string, string>;
  const manifest = read(`package.nls.${locale}.json`);
  const bundle = read(`l10n/bundle.l10n.${locale}.json`);
  // a translated command title keeps its English beside it: { value, original }
  const commands = (extension.packageJSON as { contributes: { commands: { command: string; title: { value: string; original: string } }[] } }).contributes.commands;
  const loadMore = commands.find((c) => c.command === 'timelineViewer.loadMore')?.title;
  assert.deepEqual(loadMore, { value: manifest['command.loadMore.title'], original: 'Load More' }, 'the manifest is not translated');

  const api = await activateExtension();
  await vscode.commands.executeCommand('timelineViewer.timeline.focus');
  await snap('welcome');

  await vscode.commands.executeCommand('timelineViewer.tryDemo');
  const demo = api.tree.getChildren().find((n) => kind(n).startsWith('connection')) as ConnectionNode;
  api.tree.getChildren(demo);
  await idle(demo.session);
  const labels = api.tree.getChildren(demo).map((n) => n.toTreeItem().label);
  assert.ok(labels.includes(bundle['Load more']), `the runtime strings are not translated: ${labels.join(', ')}`);
  const category = api.tree.getChildren(demo).find((n) => kind(n) === 'category') as CategoryNode;
  await api.treeView.reveal(category, { expand: true });
  await api.treeView.reveal(demo, { select: true, focus: true, expand: true });
  await snap('tree');

  // The command palette, filtered to the extension's commands: their translated titles under its category.
  await vscode.commands.executeCommand('workbench.action.quickOpen', `>${manifest['command.category']}: `);
  await snap('commands');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
  await snap('walkthrough');
}
