import * as vscode from 'vscode';
import { TIME_FORMATS, type TimeFormat } from '../../core/time';

const SETTING = 'timeFormat';
let cached: TimeFormat | undefined;

/** The rows' time format, read once per change of the setting (rows ask for it hundreds of times a refresh). */
export function timeFormat(): TimeFormat {
  if (cached === undefined) {
    const value = vscode.workspace.getConfiguration('timelineViewer').get<string>(SETTING, 'local');
    cached = TIME_FORMATS.includes(value as TimeFormat) ? (value as TimeFormat) : 'local';
  }
  return cached;
}

/** Calls `onChange` when the setting changes, after forgetting the cached value. */
export function onDidChangeTimeFormat(onChange: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(`timelineViewer.${SETTING}`)) return;
    cached = undefined;
    onChange();
  });
}

const LABELS: Record<TimeFormat, () => string> = {
  local: () => vscode.l10n.t('Local time (14:03:27.512 today, Jun 30 14:03:27 before)'),
  utc: () => vscode.l10n.t('UTC'),
  relative: () => vscode.l10n.t('Relative (3h ago)'),
  iso: () => vscode.l10n.t("The server's own timestamp (ISO 8601, nanoseconds kept)"),
};

/** Sets the format (user settings), asking when none is given; resolves to the format now in use. */
export async function switchTimeFormat(format?: TimeFormat): Promise<TimeFormat | undefined> {
  if (format === undefined) {
    const current = timeFormat();
    const picked = await vscode.window.showQuickPick(
      TIME_FORMATS.map((f) => ({ label: LABELS[f](), description: f === current ? vscode.l10n.t('current') : undefined, format: f })),
      { placeHolder: vscode.l10n.t('Show event times as…') },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  if (!TIME_FORMATS.includes(format)) throw new Error(vscode.l10n.t('Unknown time format "{0}": use local, utc, relative or iso.', String(format)));
  await vscode.workspace.getConfiguration('timelineViewer').update(SETTING, format, vscode.ConfigurationTarget.Global);
  cached = undefined; // a workspace value still wins over the user's: report what rows show
  return timeFormat();
}
