import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { type CustomEventTemplate, checkCustomEvent, customEventDocument } from '../../sources/pismoCustomEvent';
import { writesAllowed } from '../model/accounts';
import type { Session } from '../model/session';
import type { SessionRegistry } from '../model/sessionRegistry';

/**
 * The untitled JSON documents Add Custom Event opens, each for one account: checked as the user types (problems
 * in the Problems view), with a code lens to send it. Which account a document is for lives here, in memory: the
 * document itself holds only what is sent.
 */
export class CustomEventDocuments implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly accountOf = new Map<string, string>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('timelineViewer.customEvent');
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly sessions: SessionRegistry) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.accountOf.delete(d.uri.toString());
        this.diagnostics.delete(d.uri);
      }),
      vscode.languages.registerCodeLensProvider({ language: 'json', scheme: 'untitled' }, this),
    ];
  }

  /** Opens a new document for the account, prefilled (a fresh correlation id), and resolves to its URI. */
  async open(session: Session, template: Omit<CustomEventTemplate, 'correlationId'> = {}): Promise<vscode.Uri> {
    const content = customEventDocument({ ...template, correlationId: randomUUID() });
    const document = await vscode.workspace.openTextDocument({ language: 'json', content });
    this.accountOf.set(document.uri.toString(), session.connection.id);
    this.check(document);
    this.lensesChanged.fire();
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri;
  }

  /** The account a document is for, while the account is open. */
  session(uri: vscode.Uri): Session | undefined {
    const id = this.accountOf.get(uri.toString());
    return id === undefined ? undefined : this.sessions.get(id);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const session = this.session(document.uri);
    if (!session) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const account = displayText(session.connection.name, 40);
    if (!writesAllowed(session.connection)) {
      return [new vscode.CodeLens(top, { title: vscode.l10n.t('Sending is off for this tenant: allow it in your user settings'), command: 'workbench.action.openSettingsJson', arguments: [{ revealSetting: { key: 'timelineViewer.connections' } }] })];
    }
    return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(send) Send to account {0}…', account), command: 'timelineViewer.sendCustomEvent', arguments: [document.uri] })];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.diagnostics.dispose();
    this.lensesChanged.dispose();
  }

  private check(document: vscode.TextDocument): void {
    if (!this.accountOf.has(document.uri.toString())) return;
    const { problems } = checkCustomEvent(document.getText());
    this.diagnostics.set(
      document.uri,
      problems.map((p) => {
        const range = new vscode.Range(document.positionAt(p.start), document.positionAt(Math.max(p.end, p.start)));
        const diagnostic = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = vscode.l10n.t('Custom event');
        return diagnostic;
      }),
    );
  }
}
