import * as vscode from 'vscode';
import { ACTIVITY_VIEW_ID } from '../contributionIds';
import { ActivityIndex, activityStrip, brushFilter, type TimeRange } from '../../core/activity';
import type { TimelineFilter } from '../../core/filter';
import type { Timeline } from '../../core/timeline';
import { type ActivityHostMessage, type ActivityPageMessage, type ActivityStrings, parseActivityPageMessage } from '../../webview/activity/activityMessages';
import type { Session } from '../model/session';
import { timeFormat } from '../tree/timeFormat';
import { webviewHtml, webviewOptions } from '../webviewHtml';

/** What `timelineViewer.showActivity` resolves to, once the strip is drawn. */
export interface ActivityOutcome {
  readonly connectionId: string;
  readonly buckets: number;
  /** Events counted in the strip. */
  readonly events: number;
}

/** The index of the timeline shown, kept up to date page by page (never rebuilt per redraw). */
interface Indexed {
  readonly timeline: Timeline;
  readonly index: ActivityIndex;
  readonly stop: () => void;
}

/** The width a page that has not said its own is drawn for. */
const DEFAULT_WIDTH_PX = 300;

/**
 * The activity strip, a view below the tree: one connection's loaded events bucketed by time and stacked by
 * category, counted here from an index and sent as counts. Brushing a range sets the connection's time filter (on
 * the server where the API can), a legend click its category; clearing the filter clears the brush. It follows
 * the timeline the connection shows, and draws nothing while it cannot be seen.
 */
export class ActivityView implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = ACTIVITY_VIEW_ID;
  private view: vscode.WebviewView | undefined;
  private session: Session | undefined;
  private sessionListener: vscode.Disposable | undefined;
  private indexed: Indexed | undefined;
  private widthPx = DEFAULT_WIDTH_PX;
  private key = 0;
  /** The categories of the legend sent last, by position. */
  private categories: readonly string[] = [];
  private drawQueued = false;
  private readonly rendered = new vscode.EventEmitter<{ readonly key: string; readonly buckets: number; readonly forbidden: number }>();
  /** What the page drew (for tests: buckets, and elements that could run something, always 0). */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, { page: 'activity', strings: activityStrings() });
    view.webview.onDidReceiveMessage((m: unknown) => this.receive(m));
    view.onDidChangeVisibility(() => this.queueDraw());
    view.onDidDispose(() => (this.view = undefined));
  }

  /** Shows `session` in the strip; resolves to what the strip counts once it has drawn it. */
  async show(session: Session): Promise<ActivityOutcome> {
    this.follow(session);
    await vscode.commands.executeCommand(`${ActivityView.viewId}.focus`);
    return this.draw() as ActivityOutcome;
  }

  /** The key of the picture sent last: the one a legend click must name. */
  get pictureKey(): string {
    return String(this.key);
  }

  /** A page's message, validated here: the webview's, or a test's standing in for it. */
  async receive(message: unknown): Promise<void> {
    const parsed = parseActivityPageMessage(message);
    if (parsed) await this.handle(parsed);
  }

  dispose(): void {
    this.sessionListener?.dispose();
    this.indexed?.stop();
    this.rendered.dispose();
  }

  private follow(session: Session): void {
    if (this.session === session) return;
    this.sessionListener?.dispose();
    this.session = session;
    this.sessionListener = session.onDidChange(() => this.queueDraw());
  }

  private async handle(message: ActivityPageMessage): Promise<void> {
    const { session } = this;
    switch (message.type) {
      case 'ready':
      case 'resize':
        this.widthPx = message.widthPx;
        this.draw();
        return;
      case 'rendered':
        this.rendered.fire(message);
        return;
    }
    if (!session) return;
    const kept = withoutTime(session.filter);
    switch (message.type) {
      case 'brush':
        await session.setFilter({ ...kept, ...brushFilter(message.range) });
        return;
      case 'clearBrush':
        if (kept.categories || kept.types) await session.setFilter(kept);
        else await session.clearFilter();
        return;
      case 'category': {
        // a legend of the picture sent last only: one redrawn meanwhile cannot filter to another category
        const category = message.key === String(this.key) ? this.categories[message.index] : undefined;
        if (category !== undefined) await session.setFilter({ ...session.filter, categories: [category] });
        return;
      }
    }
  }

  /** Pages arrive in bursts while Find reads or the tail runs: one redraw per turn of the event loop. */
  private queueDraw(): void {
    if (this.drawQueued || !this.view?.visible) return;
    this.drawQueued = true;
    setImmediate(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  /** Draws the strip when it can be seen; what it counts either way. */
  private draw(): ActivityOutcome | undefined {
    const { view, session } = this;
    if (!session) return undefined;
    const { timeline } = session;
    const range = filterRange(session.filter);
    const strip = activityStrip(this.indexOf(timeline), { widthPx: this.widthPx, timeZone: zone(), hasMore: timeline.hasMore, range });
    const outcome = { connectionId: session.connection.id, buckets: Math.max(0, strip.view.edges.length - 1), events: strip.view.total };
    if (!view?.visible) return outcome;
    this.categories = strip.categories;
    this.key++;
    const filtered = session.filter?.categories;
    const pressed = filtered ? strip.categories.flatMap((c, i) => (filtered.includes(c) ? [i] : [])) : undefined;
    const message: ActivityHostMessage = { type: 'activity', picture: { key: String(this.key), ...strip.view, selection: range, pressed } };
    view.description = session.connection.name;
    void view.webview.postMessage(message);
    return outcome;
  }

  /** The timeline's index: built once from what is loaded, then fed each page as it arrives. */
  private indexOf(timeline: Timeline): ActivityIndex {
    if (this.indexed?.timeline === timeline) return this.indexed.index;
    this.indexed?.stop();
    const index = new ActivityIndex();
    index.addEvents(timeline.events());
    const stop = timeline.onPage((events) => index.addEvents(events));
    this.indexed = { timeline, index, stop };
    return index;
  }
}

/** A filter without its time range: what a brush replaces. */
function withoutTime(filter: TimelineFilter | undefined): TimelineFilter {
  const kept: { -readonly [K in keyof TimelineFilter]: TimelineFilter[K] } = { ...filter };
  delete kept.since;
  delete kept.until;
  delete kept.last;
  return kept;
}

/** The time filter in force, as the brush draws it. */
function filterRange(filter: TimelineFilter | undefined): TimeRange | undefined {
  const fromMs = filter?.since === undefined ? undefined : Date.parse(filter.since);
  const toMs = filter?.until === undefined ? undefined : Date.parse(filter.until) + 1;
  return fromMs !== undefined && toMs !== undefined && Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs ? { fromMs, toMs } : undefined;
}

/** The zone the rows' times are shown in: the buckets follow its calendar. */
function zone(): string {
  return timeFormat() === 'utc' || timeFormat() === 'iso' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function activityStrings(): ActivityStrings {
  return {
    strip: vscode.l10n.t('Events over time, by category'),
    legend: vscode.l10n.t('Categories: click one to filter to it'),
    notLoaded: vscode.l10n.t('not loaded yet'),
    other: vscode.l10n.t('Other'),
    empty: vscode.l10n.t('No loaded event has a time to draw yet.'),
    total: vscode.l10n.t('{0} events'),
    undated: vscode.l10n.t('{0} without a readable time'),
    hint: vscode.l10n.t('Drag across the strip to filter to that time'),
    clearFilter: vscode.l10n.t('Clear Filter'),
    bucketTotal: vscode.l10n.t('{0} events'),
  };
}
