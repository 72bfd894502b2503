import * as vscode from 'vscode';
import type { TimelineEvent } from '../../core/event';
import { formatJson, type FormattedJson } from '../../core/jsonFormat';
import { rawText } from '../../core/rawPage';

/** The event's JSON as the inspector, its document and Copy JSON show it: re-indented, or as sent when that would be too large. */
export function shownJson(event: TimelineEvent): FormattedJson {
  return formatJson(rawText(event.raw));
}

/** Why JSON is shown or copied as the server sent it instead of re-indented; undefined when it was re-indented. */
export function asSentNote(formatted: FormattedJson): string | undefined {
  const { asSent } = formatted;
  if (!asSent) return undefined;
  return vscode.l10n.t(
    'Kept as sent, not re-indented: it is nested {0} levels deep, and re-indenting would make {1} million characters.',
    asSent.depth.toLocaleString(),
    (asSent.chars / 1e6).toLocaleString(undefined, { maximumFractionDigits: 1 }),
  );
}

/** Copies the text and says so in the status bar, or in a message when it was kept as sent (with the reason). */
export async function copyShown(copied: FormattedJson, done: string): Promise<void> {
  await vscode.env.clipboard.writeText(copied.text);
  const note = asSentNote(copied);
  if (note) void vscode.window.showInformationMessage(`${done} ${note}`);
  else vscode.window.setStatusBarMessage(done, 3000);
}
