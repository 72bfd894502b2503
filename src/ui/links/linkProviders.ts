import * as vscode from 'vscode';
import type { IdKind } from '../../core/idShapes';
import { IdDocumentLinkProvider } from './documentLinks';
import { IdHoverProvider } from './hoverProvider';
import type { LoadedMatch } from './pivot';
import { IdTerminalLinkProvider } from './terminalLinks';

/** The loaded events an ID names (none until the product is loaded). */
export interface LoadedEvents {
  loaded(text: string, kind: IdKind): readonly LoadedMatch[];
}

/** Settings are read again when they change; workspace settings are untrusted, so their values are checked. */
const LANGUAGE_ID = /^[\w.+#-]{1,64}$/;
const MAX_LANGUAGES = 200;

/** Hovers, document links and terminal links, registered while `timelineViewer.links.enabled` is on, for the languages set. */
export class LinkProviders implements vscode.Disposable {
  private registered: vscode.Disposable | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly events: LoadedEvents) {
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
            vscode.languages.registerHoverProvider(selector, new IdHoverProvider(this.events)),
            vscode.languages.registerDocumentLinkProvider(selector, new IdDocumentLinkProvider()),
          ]
        : []),
      vscode.window.registerTerminalLinkProvider(new IdTerminalLinkProvider()),
    );
  }
}

/** `["*"]` (the default): every document; otherwise those language ids; none that are valid: no editor links. */
function languageSelector(value: unknown): vscode.DocumentSelector | undefined {
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && (v === '*' || LANGUAGE_ID.test(v))).slice(0, MAX_LANGUAGES) : ['*'];
  if (ids.includes('*')) return '*';
  return ids.length ? ids.map((language) => ({ language })) : undefined;
}
