import * as vscode from 'vscode';
import { systemClock } from '../../core/clock';
import { type LimitRange, userLimit } from '../../core/limits';
import { DEFAULT_TAIL_OPTIONS, LiveTail, NEWER_MAX_PAGES, TAIL_INTERVAL_SECONDS } from '../../core/tail';
import type { NewerResult } from '../../core/timeline';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { tailDescription, tailProblem, watchOf } from '../model/tailState';
import { EventNode } from '../tree/nodes';

const setting = (key: string, range: LimitRange): number => userLimit(vscode.workspace.getConfiguration('timelineViewer').inspect(key), range);

/** timelineViewer.newer.maxPages, from the user's settings only. */
export function newerMaxPages(): number {
  return Math.round(setting('newer.maxPages', NEWER_MAX_PAGES));
}

/** timelineViewer.liveTail.intervalSeconds, from the user's settings only. */
function intervalMs(): number {
  return setting('liveTail.intervalSeconds', TAIL_INTERVAL_SECONDS) * 1000;
}

/**
 * The live tails of all connections, and what they show: new-event marks, the view's badge counting them, and a
 * status bar item naming the connections tailing. Tails run only while the view is visible and the window
 * focused; hiding the view also clears the marks (they were seen, or are stale).
 */
export class LiveTails implements vscode.Disposable {
  private readonly tailing = new Set<Session>();
  /** The row text last shown per connection: the node is re-rendered only when it changes. */
  private readonly shown = new WeakMap<Session, string | undefined>();
  private readonly status = vscode.window.createStatusBarItem('timelineViewer.liveTail', vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly treeView: vscode.TreeView<unknown>,
    /** Re-renders a connection's node (its description and marks). */
    private readonly refresh: (session: Session) => void,
  ) {
    this.status.name = vscode.l10n.t('Timeline Viewer Live Tail');
    this.status.command = 'timelineViewer.timeline.focus';
    this.subscriptions = [
      treeView.onDidChangeVisibility(() => this.onActivity()),
      vscode.window.onDidChangeWindowState(() => this.onActivity()),
      treeView.onDidChangeSelection((e) => this.unmarkSelected(e.selection)),
      sessions.onDidChange((session) => {
        if (session === undefined) this.dropRemoved();
      }),
      // A new interval applies at once: running tails start again with it.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('timelineViewer.liveTail.intervalSeconds')) return;
        for (const s of [...this.tailing]) {
          if (!watchOf(s).tail?.isRunning) continue;
          watchOf(s).tail?.stop();
          this.start(s);
        }
      }),
    ];
  }

  /** Whether checks may run now: someone can see them. */
  get active(): boolean {
    return this.treeView.visible && vscode.window.state.focused;
  }

  /** The connections tailing, by id. */
  get tailingIds(): string[] {
    return [...this.tailing].map((s) => s.connection.id);
  }

  /** Unseen new events across connections (the badge). */
  get unseen(): number {
    let n = 0;
    for (const s of this.sessions.list()) n += watchOf(s).marked.size;
    return n;
  }

  start(session: Session): void {
    const watch = watchOf(session);
    if (watch.tail?.isRunning) return;
    watch.tail?.stop();
    const tail = new LiveTail(
      {
        checkNewer: () => session.checkNewer(newerMaxPages(), { quiet: true, onResult: (result) => this.mark(session, result) }),
        get rateLimit() {
          return session.timeline.rateLimit;
        },
      },
      systemClock,
      { ...DEFAULT_TAIL_OPTIONS, intervalMs: intervalMs() },
      () => this.render(session),
    );
    watch.tail = tail;
    this.tailing.add(session);
    tail.start(this.active);
  }

  stop(session: Session): void {
    const watch = watchOf(session);
    watch.tail?.stop();
    watch.tail = undefined;
    this.tailing.delete(session);
    this.render(session);
  }

  /** Marks events new (from the tail, or a check the user asked for) and counts them on the badge. */
  mark(session: Session, result: NewerResult): void {
    const watch = watchOf(session);
    for (const e of result.events) watch.marked.add(e.id);
    this.updateBadge();
  }

  /** New events refresh the node through the session; a state change only when the row's text changes. */
  private render(session: Session): void {
    const text = `${tailDescription(session)}|${tailProblem(session)}`;
    if (this.shown.get(session) !== text) {
      this.shown.set(session, text);
      this.refresh(session);
    }
    this.updateStatus();
  }

  private onActivity(): void {
    const active = this.active;
    for (const s of this.tailing) watchOf(s).tail?.setActive(active);
    if (!this.treeView.visible) this.clearMarks();
    this.updateStatus();
  }

  private clearMarks(): void {
    for (const s of this.sessions.list()) {
      const watch = watchOf(s);
      if (watch.marked.size === 0) continue;
      watch.marked.clear();
      this.refresh(s);
    }
    this.updateBadge();
  }

  private unmarkSelected(selection: readonly unknown[]): void {
    let changed = false;
    for (const node of selection) {
      if (node instanceof EventNode && watchOf(node.session).marked.delete(node.event.id)) changed = true;
    }
    if (changed) this.updateBadge();
  }

  private updateBadge(): void {
    const n = this.unseen;
    this.treeView.badge = n === 0 ? undefined : { value: n, tooltip: n === 1 ? vscode.l10n.t('1 new event') : vscode.l10n.t('{0} new events', n) };
  }

  private updateStatus(): void {
    if (this.tailing.size === 0) {
      this.status.hide();
      return;
    }
    const names = [...this.tailing].map((s) => s.connection.name);
    const paused = !this.active;
    this.status.text = `$(${paused ? 'debug-pause' : 'pulse'}) ${vscode.l10n.t('Live: {0}', names.join(', '))}`;
    this.status.tooltip = [
      paused ? vscode.l10n.t('Live tail paused: the Timeline view is hidden or the window is not focused.') : vscode.l10n.t('Checking for newer events.'),
      ...[...this.tailing].map((s) => `${s.connection.name}: ${tailDescription(s) ?? ''}`),
    ].join('\n');
    this.status.show();
  }

  /** A removed (or edited, hence new) connection's tail stops, and its marks no longer count on the badge. */
  private dropRemoved(): void {
    const live = new Set(this.sessions.list());
    for (const s of this.tailing) if (!live.has(s)) this.stop(s);
    this.updateBadge();
  }

  dispose(): void {
    for (const s of this.tailing) watchOf(s).tail?.stop();
    this.tailing.clear();
    for (const d of this.subscriptions) d.dispose();
    this.status.dispose();
  }
}
