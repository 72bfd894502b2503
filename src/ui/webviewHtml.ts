import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the pages' files live; a webview may load nothing from anywhere else. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: [mediaRoot(extensionUri)] };
}

/** Which page: its script `media/dist/<page>.js`, its stylesheet `media/<page>.css` (after `media/shared.css`), its words. */
export interface WebviewPage {
  readonly page: string;
  readonly strings: object;
}

/**
 * A page's HTML: a skeleton, one nonce'd script and two stylesheets (the shared one, then the page's), under a
 * strict CSP. No event data: that arrives only by postMessage and is rendered as text nodes, so nothing a server
 * sent can become markup.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, { page, strings }: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const media = mediaRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', `${page}.js`));
  const styles = ['shared', page].map((sheet) => webview.asWebviewUri(vscode.Uri.joinPath(media, `${sheet}.css`)));
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
${styles.map((style) => `<link rel="stylesheet" href="${attr(style.toString())}">`).join('\n')}
</head>
<body data-l10n="${attr(JSON.stringify(strings))}">
<main id="app"></main>
<script nonce="${nonce}" src="${attr(script.toString())}"></script>
</body>
</html>`;
}

/** Escapes text for a double-quoted HTML attribute. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
