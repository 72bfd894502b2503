import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { EVENT_PANEL_TYPE } from '../contributionIds';
import type { TimelineEvent } from '../../core/event';
import { eventPanelHtml } from './eventPanelHtml';
import { mediaRoot, webviewOptions } from '../webviewHtml';
import { displayText } from '../../core/displayText';
import { COMMAND_PREFIX } from '../command';
import { copyShown } from './shownJson';
import { copyTargetText, EventJson, eventFromView, toEventView } from './eventPanelModel';
import { parsePageMessage, parsePageState, showWire, type CopyTarget, type EventView, type HostMessage, type PageMessage, type ShowWire, type UnusualView } from '../../webview/event/eventMessages';

/** What the panel's buttons need from the rest of the extension. Implemented by the lead. */
export interface EventPanelHost {
  /** "Open as JSON document": the same text in a read-only editor. */
  openDocument(event: TimelineEvent): Promise<void>;
  /** "Compare with…": pick another event and open vscode.diff. */
  compareWith(event: TimelineEvent): Promise<void>;
  /** An ID-shaped value clicked in the JSON: Find in Timeline for it. */
  findId(value: string, event: TimelineEvent, connectionName: string): Promise<void>;
  /** "Copy Link to Event". */
  copyLink(event: TimelineEvent, connectionName: string): Promise<void>;
  /** What is unusual about the event for its type; undefined while too few of its type are loaded. */
  unusual(event: TimelineEvent, connectionName: string): Promise<UnusualView | undefined>;
  /** "Show Chain": the event's correlation chain as a waterfall. */
  showChain(event: TimelineEvent, connectionName: string): Promise<void>;
  /** "Open Account": the event's account_id under its tenant. */
  openAccount(event: TimelineEvent, connectionName: string): Promise<void>;
}

/** What the inspector asks of the links feature, which is built on it: the IDs in the JSON lead to their events. */
export type InspectorLinks = Pick<EventPanelHost, 'findId' | 'copyLink'>;

/** What the inspector asks of the pictures, which are built after it: a type's usual shape, a chain. */
export type InspectorPictures = Pick<EventPanelHost, 'unusual' | 'showChain'>;

/** What the inspector asks of the accounts feature: an `account_id` leads to that account's timeline. */
export type InspectorAccounts = Pick<EventPanelHost, 'openAccount'>;

/** One open panel and the event it shows. */
interface Entry {
  readonly panel: vscode.WebviewPanel;
  event: TimelineEvent;
  view: EventView;
  /** The shown event's JSON, indexed on the first Copy Value or Copy Path. */
  json: EventJson;
  /** Names the current show(); the page reports the key it rendered so a reloaded page can be brought up to date. */
  key: string;
  pinned: boolean;
  /** The page has loaded and said `ready`; until then (or once hidden) messages would be lost. */
  live: boolean;
}

/** Commands for the panel's context menu (`webview/context`); their argument carries the row's data-vscode-context. */
type PanelCommand = 'copyValue' | 'copyPath' | 'copyEventId' | 'copyCorrelationId' | 'copyJson' | 'copyLink' | 'openAccount';
const PANEL_COMMANDS: readonly PanelCommand[] = ['copyValue', 'copyPath', 'copyEventId', 'copyCorrelationId', 'copyJson', 'copyLink', 'openAccount'];
/** The panel's context-menu commands by their full ids, as package.json's `webview/context` menu names them. */
export const EVENT_PANEL_COMMANDS = Object.fromEntries(PANEL_COMMANDS.map((c) => [c, `${COMMAND_PREFIX}eventPanel.${c}`])) as Readonly<Record<PanelCommand, string>>;

const TITLE_MAX = 60;

/**
 * Shows events in webview panels: one panel is reused for each event shown (like a preview editor) until it is
 * kept open, then the next event gets a new one. Panels survive a reload through the serializer and the page's
 * own state, without retainContextWhenHidden.
 */
export class EventPanelManager implements vscode.Disposable {
  static readonly viewType = EVENT_PANEL_TYPE;

  private readonly entries = new Set<Entry>();
  /** The panel the next show() reuses. */
  private preview: Entry | undefined;
  /** Where commands without a focused panel go. */
  private lastActive: Entry | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: EventPanelHost,
  ) {}

  /** `column`: where a new panel opens (a chain opens its events beside itself, so it stays in sight). */
  show(event: TimelineEvent, connectionName: string, column: vscode.ViewColumn = vscode.ViewColumn.Active): vscode.WebviewPanel {
    const view = toEventView(event, connectionName);
    let entry = this.preview;
    if (entry) {
      Object.assign(entry, { event, view, json: new EventJson(view.json), key: randomUUID() });
      entry.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        EventPanelManager.viewType,
        '',
        { viewColumn: column, preserveFocus: true },
        webviewOptions(this.extensionUri),
      );
      entry = this.adopt(panel, event, view, randomUUID(), false);
      this.preview = entry;
    }
    entry.panel.title = title(view);
    this.lastActive = entry;
    // a page still loading asks for the event itself with `ready`
    if (entry.live) this.postShow(entry);
    return entry.panel;
  }

  /** "Keep open": the panel showing now stays, and the next show() opens a new one. */
  pin(): void {
    if (this.preview) this.pinEntry(this.preview);
  }

  /** What restores the panels VS Code kept over a reload. */
  serializer(): vscode.WebviewPanelSerializer {
    return { deserializeWebviewPanel: async (panel, state) => this.restore(panel, state) };
  }

  /** The context-menu commands' handlers, each on the active panel; registered as `eventPanel.<name>`. */
  panelCommands(): Readonly<Record<PanelCommand, (context: unknown) => Promise<void>>> {
    const onEntry = (run: (entry: Entry, context: unknown) => Promise<void>) => async (context: unknown) => {
      const entry = this.activeEntry();
      if (entry) await run(entry, context);
    };
    return {
      copyValue: onEntry((e, c) => this.copyNode(e, 'copyValue', valueAt(c))),
      copyPath: onEntry((e, c) => this.copyNode(e, 'copyPath', valueAt(c))),
      copyEventId: onEntry((e) => this.copyTarget(e, 'eventId')),
      copyCorrelationId: onEntry((e) => this.copyTarget(e, 'correlationId')),
      copyJson: onEntry((e) => this.copyTarget(e, 'json')),
      copyLink: onEntry((e) => this.host.copyLink(e.event, e.view.connectionName)),
      openAccount: onEntry((e) => this.host.openAccount(e.event, e.view.connectionName)),
    };
  }

  dispose(): void {
    for (const entry of [...this.entries]) entry.panel.dispose();
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const restored = parsePageState(state);
    if (!restored) {
      // nothing to show: a blank panel would only confuse
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    const pinned = restored.pinned || this.preview !== undefined;
    const entry = this.adopt(panel, eventFromView(restored.event), restored.event, restored.key, pinned);
    if (!pinned) this.preview = entry;
  }

  private adopt(panel: vscode.WebviewPanel, event: TimelineEvent, view: EventView, key: string, pinned: boolean): Entry {
    const entry: Entry = { panel, event, view, json: new EventJson(view.json), key, pinned, live: false };
    this.entries.add(entry);
    panel.iconPath = vscode.Uri.joinPath(mediaRoot(this.extensionUri), 'timeline.svg');
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(entry, message)),
      panel.onDidChangeViewState(() => {
        if (panel.active) this.lastActive = entry;
        // without retainContextWhenHidden a hidden page is torn down; it says `ready` again when shown
        if (!panel.visible) entry.live = false;
      }),
    ];
    panel.onDidDispose(() => {
      subscriptions.forEach((s) => s.dispose());
      this.entries.delete(entry);
      if (this.preview === entry) this.preview = undefined;
      if (this.lastActive === entry) this.lastActive = undefined;
    });
    // set last: a fresh nonce per render, and the page's first message may only arrive once we listen
    panel.webview.html = eventPanelHtml(panel.webview, this.extensionUri);
    return entry;
  }

  private receive(entry: Entry, raw: unknown): void {
    const message = parsePageMessage(raw);
    if (!message) return; // malformed: dropped
    void this.handle(entry, message).catch((error: unknown) => {
      void vscode.window.showErrorMessage(displayText(error instanceof Error ? error.message : String(error), { max: 500, icons: true }));
    });
  }

  private async handle(entry: Entry, message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // a page (re)loaded: it rendered its saved state, or nothing; bring it up to date if that is not the current event
        entry.live = true;
        if (message.key !== entry.key) this.postShow(entry);
        return;
      case 'rendered':
      case 'painted':
      case 'unusualShown':
        return; // render reports: tests listen for them on the webview
      case 'showChain':
        return this.host.showChain(entry.event, entry.view.connectionName);
      case 'openAccount':
        return this.host.openAccount(entry.event, entry.view.connectionName);
      case 'copy':
        return this.copyTarget(entry, message.target);
      case 'copyValue':
      case 'copyPath':
        return this.copyNode(entry, message.type, message.at);
      case 'openDocument':
        return this.host.openDocument(entry.event);
      case 'compare':
        return this.host.compareWith(entry.event);
      case 'pin':
        this.pinEntry(entry);
        return;
      case 'copyLink':
        return this.host.copyLink(entry.event, entry.view.connectionName);
      case 'findId': {
        // the value is read from the extension's own copy of the JSON, never taken from the page
        const value = entry.json.stringAt(message.at);
        if (value !== undefined) await this.host.findId(value, entry.event, entry.view.connectionName);
        return;
      }
    }
  }

  private pinEntry(entry: Entry): void {
    if (entry.pinned) return;
    entry.pinned = true;
    if (this.preview === entry) this.preview = undefined;
    if (entry.live) this.post(entry, { type: 'pinned' });
    else entry.key = randomUUID(); // the page's saved state is now stale: it re-renders when it says `ready`
  }

  /** The event, then what is unusual about it once its type is learnt (if the panel still shows it). */
  private postShow(entry: Entry): void {
    this.post(entry, showMessage(entry));
    const { key, event, view } = entry;
    void this.host.unusual(event, view.connectionName).then((unusual) => {
      if (unusual && entry.key === key) this.post(entry, { type: 'unusual', key, unusual });
    });
  }

  private post(entry: Entry, message: Exclude<HostMessage, { type: 'show' }> | ShowWire): void {
    void entry.panel.webview.postMessage(message);
  }

  private activeEntry(): Entry | undefined {
    for (const entry of this.entries) if (entry.panel.active) return entry;
    return this.lastActive;
  }

  private async copyTarget(entry: Entry, target: CopyTarget): Promise<void> {
    const text = copyTargetText(entry.view, target);
    if (text === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This event has no correlation ID.'));
      return;
    }
    await copyShown(text, COPIED[target]());
  }

  private async copyNode(entry: Entry, kind: 'copyValue' | 'copyPath', at: number | undefined): Promise<void> {
    if (at === undefined) return;
    if (kind === 'copyPath') {
      const path = entry.json.pathAt(at);
      if (path !== undefined) await copyShown({ text: path }, vscode.l10n.t('Copied the JSON path.'));
      return;
    }
    const value = entry.json.valueAt(at);
    if (value) await copyShown(value, vscode.l10n.t('Copied the value.'));
  }
}

function showMessage(entry: Entry): ShowWire {
  return showWire(entry.key, entry.view, entry.pinned);
}

const COPIED: Record<CopyTarget, () => string> = {
  eventId: () => vscode.l10n.t('Copied the event ID.'),
  correlationId: () => vscode.l10n.t('Copied the correlation ID.'),
  json: () => vscode.l10n.t('Copied the event JSON.'),
};

/** The row's `valueAt` from a context-menu argument (the row's data-vscode-context merged by VS Code). */
function valueAt(context: unknown): number | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const at = (context as { valueAt?: unknown }).valueAt;
  return typeof at === 'number' && Number.isSafeInteger(at) && at >= 0 ? at : undefined;
}

function title(view: EventView): string {
  return displayText(view.label.trim() || view.type, TITLE_MAX);
}
