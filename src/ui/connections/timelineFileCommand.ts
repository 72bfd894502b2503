import { basename } from 'node:path';
import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { openTimelineFile } from '../../sources/generic/fileSource';
import { FILE_KIND } from '../model/connection';
import type { Model } from '../model/model';

/**
 * Open Timeline File…: an export of this extension, a download from an API or a log of JSON events, read as a
 * connection of this window (its events by the preset their shape fits), a page at a time from the disk.
 * Resolves to the new connection's id; nothing of it is written to settings.
 */
export async function openTimelineFileCommand({ store, files, redactor }: Model, path?: unknown): Promise<string | undefined> {
  const file =
    typeof path === 'string'
      ? path
      : (await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Open Timeline File'), filters: { [vscode.l10n.t('JSON events')]: ['json', 'ndjson', 'jsonl', 'log', 'txt'] } }))?.[0]?.fsPath;
  if (file === undefined) return undefined;
  let opened;
  try {
    opened = await openTimelineFile(file, { redactor });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read as a timeline: {1}', displayText(basename(file), 80), displayText(e instanceof Error ? e.message : String(e), 300)));
    return undefined;
  }
  let n = 1;
  while (store.get(`file-${n}`)) n++;
  const id = `file-${n}`;
  files.add(id, opened);
  store.addFile({ id, name: basename(file), kind: FILE_KIND, baseUrl: '', file });
  return id;
}
