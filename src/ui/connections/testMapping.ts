import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { type MappingSample, sampleMapping } from '../../sources/generic/sample';
import type { SessionRegistry } from '../model/sessionRegistry';
import { type ConnectionTarget, targetSession } from '../tree/targets';

/**
 * Test Mapping: reads one page of a generic connection with its mapping (the request waits its turn behind the
 * connection's others) and shows what it found, the first events' id, time, type and category, or the sentence
 * naming the path that failed on which item. Nothing read is kept.
 */
export async function testMapping(sessions: SessionRegistry, target?: ConnectionTarget): Promise<MappingSample | undefined> {
  const session = await targetSession(sessions, target, { placeHolder: vscode.l10n.t('Test the mapping of which connection?'), eligible: (s) => s.connection.kind === 'generic', takeOnly: true });
  if (!session) return undefined;
  const name = displayText(session.connection.name, { max: 60, icons: true });
  const sample = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading a page of {0}', name), cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return sampleMapping(session.queuedSource, controller.signal);
  });
  if ('error' in sample) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The mapping of {0} does not fit: {1}', name, displayText(sample.error, 500)));
    return sample;
  }
  const next = sample.next === 'more' ? vscode.l10n.t('more pages follow') : sample.next === 'caughtUp' ? vscode.l10n.t('caught up') : vscode.l10n.t('the only page');
  void vscode.window.showQuickPick(
    sample.events.map((e) => ({ label: displayText(e.type, 100), description: displayText(e.time, 40), detail: `${displayText(e.category, 60)} · ${displayText(e.id, 100)}` })),
    { title: vscode.l10n.t('{0}: {1} events on the first page, {2}', name, sample.count, next), placeHolder: vscode.l10n.t('What the mapping read: type, time, category and id of the first events') },
  );
  return sample;
}
