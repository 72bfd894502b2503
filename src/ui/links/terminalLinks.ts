import * as vscode from 'vscode';
import { findIds, type IdKind } from '../../core/idShapes';
import { PIVOT_COMMAND, idKindLabel } from './idLabels';

/** Links VS Code asks for per terminal line; a line full of IDs gets its first ones. */
const MAX_PER_LINE = 20;

interface IdTerminalLink extends vscode.TerminalLink {
  readonly id: string;
  readonly kind: IdKind;
}

/** IDs in terminal output (test runs, `curl`, tailed logs) run Find in Timeline when clicked. */
export class IdTerminalLinkProvider implements vscode.TerminalLinkProvider<IdTerminalLink> {
  provideTerminalLinks(context: vscode.TerminalLinkContext): IdTerminalLink[] {
    return findIds(context.line, MAX_PER_LINE).map((id) => ({
      startIndex: id.start,
      length: id.end - id.start,
      tooltip: vscode.l10n.t('Find {0} in Timeline', idKindLabel(id.kind)),
      id: id.text,
      kind: id.kind,
    }));
  }

  async handleTerminalLink(link: IdTerminalLink): Promise<void> {
    // the command, not the pivot itself: the provider is the entry's, and the command loads the product
    await vscode.commands.executeCommand(PIVOT_COMMAND, { query: link.id, kind: link.kind });
  }
}
