import * as vscode from 'vscode';
import { TimelineError } from '../../core/errors';
import type { Page, PageRequest, TimelineSource } from '../../core/source';
import type { OpenedTimelineFile } from '../../sources/generic/fileSource';
import type { Connection } from './connection';

/** The timeline files opened in this window, by connection id: indexed once, read a page at a time. */
export class TimelineFiles {
  private readonly opened = new Map<string, OpenedTimelineFile>();

  add(connectionId: string, file: OpenedTimelineFile): void {
    this.opened.set(connectionId, file);
  }

  /** The file's source; the file stays open between reloads, its handle closed with the session's source. */
  source(connection: Connection): TimelineSource {
    const file = (): OpenedTimelineFile => {
      const found = this.opened.get(connection.id);
      if (!found) throw new TimelineError('config', vscode.l10n.t('"{0}" is no longer open: use Open Timeline File again.', connection.name));
      return found;
    };
    return {
      fetchPage: (request: PageRequest, signal: AbortSignal): Promise<Page> => file().source.fetchPage(request, signal),
      close: async () => this.opened.get(connection.id)?.source.close(),
    };
  }

  /** Closes the files whose connection was removed. */
  keepOnly(connectionIds: ReadonlySet<string>): void {
    for (const [id, file] of this.opened) {
      if (connectionIds.has(id)) continue;
      void file.source.close();
      this.opened.delete(id);
    }
  }
}
