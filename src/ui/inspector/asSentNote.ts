import * as vscode from 'vscode';
import type { FormattedJson } from '../../core/jsonFormat';

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
