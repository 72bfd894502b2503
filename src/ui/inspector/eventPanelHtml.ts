import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PageStrings } from '../../webview/event/eventMessages';

/** Where the page's files live; the panel may load nothing from anywhere else. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

/**
 * The page: a skeleton, one nonce'd script and a stylesheet. No event data: that arrives only by postMessage
 * and is rendered as text nodes, so nothing the server sent can become markup.
 */
export function eventPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = mediaRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', 'event.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'event.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(style.toString())}">
</head>
<body data-l10n="${attr(JSON.stringify(pageStrings()))}">
<main id="app"></main>
<script nonce="${nonce}" src="${attr(script.toString())}"></script>
</body>
</html>`;
}

/** Escapes text for a double-quoted HTML attribute. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pageStrings(): PageStrings {
  return {
    type: vscode.l10n.t('Type'),
    category: vscode.l10n.t('Category'),
    timeUtc: vscode.l10n.t('Time (UTC)'),
    timeLocal: vscode.l10n.t('Time (local)'),
    eventId: vscode.l10n.t('Event ID'),
    correlationId: vscode.l10n.t('Correlation ID'),
    accountId: vscode.l10n.t('Account ID'),
    connection: vscode.l10n.t('Connection'),
    actions: vscode.l10n.t('Event actions'),
    copyCorrelationId: vscode.l10n.t('Copy Correlation ID'),
    copyEventId: vscode.l10n.t('Copy Event ID'),
    copyJson: vscode.l10n.t('Copy JSON'),
    openDocument: vscode.l10n.t('Open as JSON Document'),
    compare: vscode.l10n.t('Compare with…'),
    keepOpen: vscode.l10n.t('Keep Open'),
    keptOpen: vscode.l10n.t('Kept Open'),
    copyValue: vscode.l10n.t('Copy Value'),
    copyPath: vscode.l10n.t('Copy JSON Path'),
    showMore: vscode.l10n.t('Show {0} more of {1}', '{0}', '{1}'),
    showAll: vscode.l10n.t('Show all {0} characters', '{0}'),
    oneItem: vscode.l10n.t('1 item'),
    items: vscode.l10n.t('{0} items', '{0}'),
    oneKey: vscode.l10n.t('1 key'),
    keys: vscode.l10n.t('{0} keys', '{0}'),
    jsonTree: vscode.l10n.t('Event JSON'),
    notJson: vscode.l10n.t('This text is not valid JSON; it is shown as received.'),
    filter: vscode.l10n.t('Filter keys and values'),
    matches: vscode.l10n.t('{0} matches', '{0}'),
    copyLink: vscode.l10n.t('Copy Link to Event'),
    findInTimeline: vscode.l10n.t('Find in Timeline (Enter)'),
  };
}
