import * as vscode from 'vscode';
import { QueuedSource, RequestQueue } from '../core/requestQueue';
import { type Gap, type NewerResult, Timeline } from '../core/timeline';
import type { TimelineSource } from '../core/source';
import type { Connection } from './connection';
import { categoryOrder } from './sources';

export const VIEW_ID = 'timelineViewer.timeline';

/** How many empty pages in a row Load more follows before asking to keep looking. */
const MAX_EMPTY_PAGES = 10;

/** One connection as it lives in the tree: its loaded timeline, and change notifications for its node. */
export class Session implements vscode.Disposable {
  private current: Timeline;
  private source: TimelineSource | undefined;
  /** Every page this connection reads goes through it, whatever timeline asks: one request in flight. */
  private readonly queue = new RequestQueue();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly connection: Connection,
    private readonly createSource: () => TimelineSource,
    private readonly pageSize: () => number,
  ) {
    this.current = this.newTimeline();
  }

  get timeline(): Timeline {
    return this.current;
  }

  /**
   * Loads the next page(s). Never throws: a failure stays on the timeline as its error and the tree shows it.
   * The node is refreshed when the load starts (to show progress) and when it ends.
   */
  async loadMore(): Promise<void> {
    const loading = this.current.loadMore();
    this.changed.fire();
    // Progress shows on the node (a spinning icon) and as the view's progress bar.
    void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => loading.catch(() => undefined));
    try {
      await loading;
    } catch {
      // kept on timeline.error
    } finally {
      this.changed.fire();
    }
  }

  /**
   * Checks for newer events, or loads a gap, and merges them at the front. Throws what the check met (the tail
   * backs off on it). `quiet` (the tail) refreshes the node only when something changed; `onResult` runs before
   * that refresh (to mark the new events, so they render marked at once).
   */
  async checkNewer(maxPages: number, options: { gap?: Gap; quiet?: boolean; onResult?: (result: NewerResult) => void } = {}): Promise<NewerResult> {
    const timeline = this.current;
    const checking = options.gap ? timeline.loadGap(options.gap, maxPages) : timeline.checkNewer(maxPages);
    if (!options.quiet) {
      this.changed.fire();
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => checking.catch(() => undefined));
    }
    let changed = !options.quiet;
    try {
      const result = await checking;
      options.onResult?.(result);
      changed ||= result.added > 0 || result.gap;
      return result;
    } catch (e) {
      changed = true;
      throw e;
    } finally {
      if (changed) this.changed.fire();
    }
  }

  /** Drops what was loaded and starts again from the first page. */
  reset(): void {
    this.stop();
    this.current = this.newTimeline();
    this.changed.fire();
  }

  dispose(): void {
    this.stop();
    this.changed.dispose();
  }

  private stop(): void {
    this.current.cancel();
    void this.source?.close?.();
  }

  private newTimeline(): Timeline {
    this.source = new QueuedSource(this.createSource(), this.queue);
    return new Timeline(this.source, {
      limit: this.connection.pageSize ?? this.pageSize(),
      maxEmptyPages: MAX_EMPTY_PAGES,
      categoryOrder: categoryOrder(this.connection),
    });
  }
}
