import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';
import { VIEW_ID } from '../model/session';

/** Shows the connection last loaded and, where its server reports it, the rate-limit calls left. */
export class TimelineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('timelineViewer.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private active: Session | undefined;

  constructor(sessions: SessionRegistry) {
    this.item.name = vscode.l10n.t('Timeline Viewer');
    this.item.command = `${VIEW_ID}.focus`;
    this.subscription = sessions.onDidChange((session) => {
      if (session && !session.timeline.isFresh) this.active = session;
      if (this.active && !sessions.list().includes(this.active)) this.active = undefined;
      this.render();
    });
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const session = this.active;
    if (!session) {
      this.item.hide();
      return;
    }
    const { timeline, connection } = session;
    // a connection's name may come from a cloned workspace's settings: sanitized, its `$(…)` kept as typed
    const name = displayText(connection.name, { max: 40, icons: true });
    const rate = timeline.rateLimit;
    const calls = rate ? ` · ${vscode.l10n.t('{0} calls left', rate.remaining.toLocaleString())}` : '';
    this.item.text = `$(${timeline.isLoading ? 'loading~spin' : 'history'}) ${name}${calls}`;
    this.item.tooltip = [
      vscode.l10n.t('{0}: {1} events in {2} pages', displayText(connection.name, 80), timeline.eventCount.toLocaleString(), timeline.pageCount),
      rate ? vscode.l10n.t('Rate limit: {0} of {1} calls left in this window', rate.remaining, rate.limit ?? '?') : '',
      timeline.error ? displayText(timeline.error.message, 500) : '',
    ]
      .filter(Boolean)
      .join('\n');
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
