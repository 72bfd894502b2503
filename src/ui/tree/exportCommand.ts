import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';
import { type ExportFormat, type ExportProgress, exportEvents, OverwriteError } from '../../core/export';
import { isTimelineError } from '../../core/errors';
import { mergeNewestFirst } from '../../core/newestFirstMerge';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { searchOf } from '../model/searches';
import { CategoryNode, ConnectionNode } from './nodes';
import { SearchResultsNode } from './searchNodes';
import { type PickOptions, targetSession } from './targets';

/** What `timelineViewer.export` takes from scripts; any field left out is asked for. */
export interface ExportArgs {
  readonly connectionId?: string;
  /** One category's events instead of the whole connection's. */
  readonly category?: string;
  /** The connection's Find results (`true`), or given events, instead of a connection's or category's. */
  readonly results?: true | readonly TimelineEvent[];
  readonly format?: ExportFormat;
  readonly uri?: vscode.Uri;
}

const FORMATS: readonly ExportFormat[] = ['ndjson', 'json'];

/**
 * Exports the loaded events of a connection or category, or given results, newest first, exactly as the server
 * sent them. Resolves to what was written, or undefined when the user cancelled or it failed (said in a message).
 */
export async function exportCommand(sessions: SessionRegistry, target?: ConnectionNode | CategoryNode | SearchResultsNode | ExportArgs): Promise<ExportProgress | undefined> {
  const args: ExportArgs =
    target instanceof ConnectionNode
      ? { connectionId: target.session.connection.id }
      : target instanceof CategoryNode
        ? { connectionId: target.session.connection.id, category: target.category.name }
        : target instanceof SearchResultsNode
          ? { connectionId: target.session.connection.id, results: true }
          : target ?? {};
  const given = Array.isArray(args.results);
  const session = args.connectionId !== undefined || !given ? await targetSession(sessions, args.connectionId, pick()) : undefined;
  if (!session && !given) return undefined;
  const lists = snapshot(session, args);
  if (!lists) {
    const missing = args.results === true ? vscode.l10n.t('This connection has no Find results.') : vscode.l10n.t('No category "{0}" is loaded.', displayText(args.category ?? '', 80));
    void vscode.window.showErrorMessage(missing);
    return undefined;
  }
  if (args.format !== undefined && !FORMATS.includes(args.format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Unknown export format "{0}": use ndjson or json.', String(args.format)));
    return undefined;
  }
  const format = args.format ?? (await pickFormat());
  if (!format) return undefined;
  const uri = args.uri ?? (await pickFile(session, args.category, format));
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Exports are written to files on this machine; {0} is not one.', uri.scheme));
    return undefined;
  }
  const total = lists.reduce((n, list) => n + list.length, 0);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} events', total.toLocaleString()), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        try {
          // Merged as it is written, inside the progress notification: Cancel stops the merge too.
          return await exportEvents(mergeNewestFirst(lists), uri.fsPath, {
            format,
            signal: controller.signal,
            onProgress: (p) => {
              const percent = total === 0 ? 100 : (p.events / total) * 100;
              progress.report({ increment: percent - reported, message: vscode.l10n.t('{0} of {1}', p.events.toLocaleString(), total.toLocaleString()) });
              reported = percent;
            },
          });
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (e) {
    if (isTimelineError(e) && e.kind === 'cancelled') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Export cancelled; no file was written.'), 4000);
    } else if (e instanceof OverwriteError) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The export is complete in {0}, but writing it in place over {1}, to keep its links, failed: {2}', displayText(e.kept, 500), displayText(uri.fsPath, 500), displayText(e.reason, 500)));
    } else {
      void vscode.window.showErrorMessage(vscode.l10n.t('The export failed, and no file was written: {0}', displayText(e instanceof Error ? e.message : String(e), 500)));
    }
    return undefined;
  }
}

/**
 * The events to write, as newest-first lists of references taken now (one per category, or one): a tail adding
 * events while the file is written must not shift what is being read. Copying them is linear; merging them
 * waits for the progress notification.
 */
function snapshot(session: Session | undefined, args: ExportArgs): readonly (readonly TimelineEvent[])[] | undefined {
  if (Array.isArray(args.results)) return [[...args.results]];
  if (!session) return undefined;
  if (args.results === true) {
    const search = searchOf(session.timeline);
    return search ? [[...search.matches]] : undefined;
  }
  const categories = session.timeline.categories;
  if (args.category === undefined) return categories.map((c) => [...c.events]);
  const category = categories.find((c) => c.name === args.category);
  return category ? [[...category.events]] : undefined;
}

const pick = (): PickOptions => ({
  placeHolder: vscode.l10n.t('Export the loaded events of…'),
  describe: (s) => vscode.l10n.t('{0} events loaded', s.timeline.eventCount.toLocaleString()),
});

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'NDJSON', description: vscode.l10n.t('one event per line, exactly as the server sent it'), format: 'ndjson' as const },
      { label: 'JSON', description: vscode.l10n.t('an array of the events, exactly as the server sent them'), format: 'json' as const },
    ],
    { placeHolder: vscode.l10n.t('Export as…') },
  );
  return picked?.format;
}

function pickFile(session: Session | undefined, category: string | undefined, format: ExportFormat): Thenable<vscode.Uri | undefined> {
  const name = [session?.connection.id ?? 'results', category, new Date().toISOString().slice(0, 19).replace(/:/g, '-')]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = `${name}.${format}`;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, file) : undefined,
    filters: format === 'json' ? { JSON: ['json'] } : { NDJSON: ['ndjson', 'jsonl'] },
    saveLabel: vscode.l10n.t('Export'),
  });
}
