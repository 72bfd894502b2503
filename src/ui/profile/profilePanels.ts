import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { labelPart } from '../../core/event';
import type { TypeProfile } from '../../core/typeProfile';
import { type ProfileHostMessage, type ProfileStrings, parseProfilePageMessage } from '../../webview/profile/profileMessages';
import type { Session } from '../model/session';
import { KeyedPanels } from '../keyedPanels';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { ProfileLearner } from './profileLearner';

/** What `timelineViewer.showTypeProfile` resolves to. */
export interface ProfileOutcome {
  /** Events of the type learnt from. */
  readonly events: number;
  /** As the panel lists them: each path and the events that carry it. */
  readonly paths: { readonly path: string; readonly count: number }[];
}

interface Shown {
  readonly panel: vscode.WebviewPanel;
  /** The type as shown until its profile is learnt. */
  readonly label: string;
  profile: TypeProfile | undefined;
  key: number;
}

/** The Type Profile panels: one per connection and type, listing the paths its loaded events carry and how often. */
export class ProfilePanels implements vscode.Disposable {
  static readonly viewType = 'timelineViewer.typeProfile';
  private readonly shown = new KeyedPanels<Shown>();
  private readonly rendered = new vscode.EventEmitter<{ readonly key: string; readonly rows: number; readonly forbidden: number }>();
  /** What each page drew (for tests: rows, and elements that could run something, always 0). */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly learner: ProfileLearner,
  ) {}

  async show(session: Session, type: string): Promise<ProfileOutcome> {
    const shown = this.open(session, type);
    this.post(shown, true);
    const profiles = await this.learner.learnt(session.timeline);
    shown.profile = profiles.profile(type);
    this.post(shown, false);
    return { events: shown.profile?.events ?? 0, paths: (shown.profile?.paths ?? []).map(({ path, count }) => ({ path, count })) };
  }

  dispose(): void {
    this.shown.dispose();
    this.rendered.dispose();
  }

  private open(session: Session, type: string): Shown {
    return this.shown.show(JSON.stringify([session.connection.id, type]), () => {
      const panel = vscode.window.createWebviewPanel(ProfilePanels.viewType, vscode.l10n.t('Profile {0}', displayText(type, { max: 40 })), { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, webviewOptions(this.extensionUri));
      panel.webview.html = webviewHtml(panel.webview, this.extensionUri, { page: 'profile', strings: profileStrings() });
      const shown: Shown = { panel, label: labelPart(type), profile: undefined, key: 0 };
      return { entry: shown, subscriptions: [panel.webview.onDidReceiveMessage((m: unknown) => this.receive(shown, m))] };
    });
  }

  private async receive(shown: Shown, message: unknown): Promise<void> {
    const parsed = parseProfilePageMessage(message);
    if (!parsed) return;
    if (parsed.type === 'ready') this.post(shown, false);
    else if (parsed.type === 'rendered') this.rendered.fire(parsed);
    // only a path the profile lists is copied: a page cannot put other text on the clipboard
    else if (shown.profile?.paths.some((p) => p.path === parsed.path)) {
      await vscode.env.clipboard.writeText(parsed.path);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', displayText(parsed.path, { max: 80, icons: true })), 2000);
    }
  }

  private post(shown: Shown, learning: boolean): void {
    shown.key++;
    const { profile } = shown;
    const message: ProfileHostMessage = {
      type: 'profile',
      picture: { key: String(shown.key), label: profile?.label ?? shown.label, events: profile?.events ?? 0, paths: profile?.paths ?? [], truncated: profile?.truncated ?? false, learning },
    };
    void shown.panel.webview.postMessage(message);
  }
}

function profileStrings(): ProfileStrings {
  return {
    heading: vscode.l10n.t('Type profile:'),
    events: vscode.l10n.t('learnt from {0} loaded events'),
    learning: vscode.l10n.t('Learning from the loaded events…'),
    truncated: vscode.l10n.t('Some paths were not kept: this type carries more than the profile holds.'),
    empty: vscode.l10n.t('No loaded event has this type.'),
    path: vscode.l10n.t('Path'),
    carriedBy: vscode.l10n.t('Carried by'),
    kinds: vscode.l10n.t('Values'),
    share: vscode.l10n.t('{0} of {1}'),
    copyPath: vscode.l10n.t('Copy Path'),
    filter: vscode.l10n.t('Filter paths'),
    object: vscode.l10n.t('object'),
    array: vscode.l10n.t('array'),
    string: vscode.l10n.t('string'),
    number: vscode.l10n.t('number'),
    boolean: vscode.l10n.t('boolean'),
    null: vscode.l10n.t('null'),
  };
}
