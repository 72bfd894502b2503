import { basename } from 'node:path';
import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { openTimelineFile } from '../../sources/generic/fileSource';
import { FILE_KIND } from '../model/connection';
import type { Model } from '../model/model';

/**
 * Open Timeline File…: an export of this extension, a download from an API or a log of JSON events, read as a
 * connection of this window (its events by the preset their shape fits), a page at a time from the disk.
 * Takes a path or a vscode.Uri; resolves to the new connection's id. Nothing of it is written to settings.
 */
export async function openTimelineFileCommand({ store, files, redactor }: Model, path?: unknown): Promise<string | undefined> {
  const file =
    typeof path === 'string'
      ? path
      : path instanceof vscode.Uri
        ? path.fsPath
        : (await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Open Timeline File'), filters: { [vscode.l10n.t('JSON events')]: ['json', 'ndjson', 'jsonl', 'log', 'txt'] } }))?.[0]?.fsPath;
  if (file === undefined) return undefined;
  let opened;
  try {
    // a file of a gigabyte is indexed as it streams: the notification shows how far, and Cancel stops it
    opened = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Opening {0}', displayText(basename(file), 80)), cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      return openTimelineFile(file, {
        redactor,
        signal: controller.signal,
        onProgress: ({ bytes, totalBytes, events }) => {
          const percent = totalBytes > 0 ? Math.floor((bytes / totalBytes) * 100) : 0;
          if (percent > reported) progress.report({ increment: percent - reported, message: vscode.l10n.t('{0} events', events.toLocaleString()) });
          reported = Math.max(reported, percent);
        },
      });
    });
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
