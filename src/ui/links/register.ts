import * as vscode from 'vscode';
import { idKindOf } from '../../core/idShapes';
import { compareWithPrevious } from '../inspector/comparePrevious';
import type { EventDocuments } from '../inspector/eventDocument';
import type { SessionRegistry } from '../model/sessionRegistry';
import { EventUriHandler } from './uriHandler';
import { copyEventLink } from './copyLink';
import { IdDocumentLinkProvider } from './documentLinks';
import { eventTarget } from '../tree/targets';
import { IdHoverProvider } from './hoverProvider';
import { OPEN_EVENT_COMMAND, PIVOT_COMMAND } from './idLabels';
import type { Pivot } from './pivot';
import type { QuietPrompts } from '../model/quietPrompts';
import { IdTerminalLinkProvider } from './terminalLinks';

export interface PivotDeps {
  readonly extensionId: string;
  readonly sessions: SessionRegistry;
  readonly documents: EventDocuments;
  readonly pivot: Pivot;
  /** What holds a connection's prompts while a link is followed on it (its sources ask through it). */
  readonly quiet: QuietPrompts;
}

/** The pivot commands, the URI handler and the providers that follow `timelineViewer.links.*`. */
export function registerPivots(deps: PivotDeps): { disposable: vscode.Disposable; uriHandler: EventUriHandler } {
  const { extensionId, sessions, documents, pivot, quiet } = deps;
  const uriHandler = new EventUriHandler(sessions, pivot, quiet);
  const disposable = vscode.Disposable.from(
    new LinkProviders(pivot),
    vscode.window.registerUriHandler(uriHandler),
    vscode.commands.registerCommand(PIVOT_COMMAND, (args: unknown) => pivot.find(args)),
    vscode.commands.registerCommand(OPEN_EVENT_COMMAND, (args: unknown) => pivot.openEvent(args)),
    vscode.commands.registerCommand('timelineViewer.findSelection', (args?: { query?: unknown; connectionId?: unknown }) => findSelection(pivot, args)),
    vscode.commands.registerCommand('timelineViewer.copyLinkToEvent', (target: unknown) => copyEventLink(extensionId, eventTarget(sessions, target))),
    vscode.commands.registerCommand('timelineViewer.compareWithPrevious', (target: unknown) => compareWithPrevious(documents, eventTarget(sessions, target))),
  );
  return { disposable, uriHandler };
}

/** "Find Selection in Timeline": the text given, or the active editor's selection. */
function findSelection(pivot: Pivot, args?: { query?: unknown; connectionId?: unknown }): ReturnType<Pivot['find']> {
  const editor = vscode.window.activeTextEditor;
  const query = typeof args?.query === 'string' ? args.query : editor?.document.getText(editor.selection);
  if (!query?.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to find in the timeline first.'));
    return Promise.resolve(undefined);
  }
  return pivot.find({ query, kind: idKindOf(query), connectionId: args?.connectionId });
}

/** Settings are read again when they change; workspace settings are untrusted, so their values are checked. */
const LANGUAGE_ID = /^[\w.+#-]{1,64}$/;
const MAX_LANGUAGES = 200;

/** Hovers, document links and terminal links, registered while `timelineViewer.links.enabled` is on, for the languages set. */
class LinkProviders implements vscode.Disposable {
  private registered: vscode.Disposable | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly pivot: Pivot) {
    this.apply();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('timelineViewer.links')) this.apply();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.registered?.dispose();
  }

  private apply(): void {
    this.registered?.dispose();
    this.registered = undefined;
    const config = vscode.workspace.getConfiguration('timelineViewer.links');
    if (config.get<boolean>('enabled', true) !== true) return;
    const selector = languageSelector(config.get<unknown>('languages', ['*']));
    this.registered = vscode.Disposable.from(
      ...(selector
        ? [
            vscode.languages.registerHoverProvider(selector, new IdHoverProvider(this.pivot)),
            vscode.languages.registerDocumentLinkProvider(selector, new IdDocumentLinkProvider()),
          ]
        : []),
      vscode.window.registerTerminalLinkProvider(new IdTerminalLinkProvider(this.pivot)),
    );
  }
}

/** `["*"]` (the default): every document; otherwise those language ids; none that are valid: no editor links. */
function languageSelector(value: unknown): vscode.DocumentSelector | undefined {
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && (v === '*' || LANGUAGE_ID.test(v))).slice(0, MAX_LANGUAGES) : ['*'];
  if (ids.includes('*')) return '*';
  return ids.length ? ids.map((language) => ({ language })) : undefined;
}
