import * as vscode from 'vscode';
import { findIds, type IdKind } from '../../core/idShapes';
import { PIVOT_COMMAND } from './idLabels';

/** Links returned for one document at most: a huge log keeps its first ones, and hovers still work past them. */
export const MAX_LINKS = 5_000;

class IdLink extends vscode.DocumentLink {
  constructor(
    range: vscode.Range,
    readonly id: string,
    readonly kind: IdKind,
  ) {
    super(range);
    this.tooltip = vscode.l10n.t('Find in Timeline');
  }
}

/**
 * IDs in a text editor as links that run Find in Timeline. VS Code asks for a whole document: it is scanned in one
 * pass (bench B9) with lines over 10,000 characters skipped, and each link's command is built only when clicked.
 */
export class IdDocumentLinkProvider implements vscode.DocumentLinkProvider<IdLink> {
  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): IdLink[] {
    const links: IdLink[] = [];
    for (const id of findIds(document.getText(), MAX_LINKS)) {
      if (token.isCancellationRequested) return [];
      links.push(new IdLink(new vscode.Range(document.positionAt(id.start), document.positionAt(id.end)), id.text, id.kind));
    }
    return links;
  }

  resolveDocumentLink(link: IdLink): IdLink {
    link.target = vscode.Uri.parse(`command:${PIVOT_COMMAND}?${encodeURIComponent(JSON.stringify([{ query: link.id, kind: link.kind }]))}`);
    return link;
  }
}
