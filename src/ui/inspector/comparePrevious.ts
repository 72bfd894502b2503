import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { previousOfType } from '../../core/previousOfType';
import type { EventDocuments } from './eventDocument';
import type { EventTarget } from '../tree/targets';

/**
 * "Compare with Previous of Same Type": the diff of the next older loaded event of the same type (older on the
 * left) against this one, in one click. Resolves to whether a diff opened.
 */
export async function compareWithPrevious(documents: EventDocuments, target: EventTarget | undefined): Promise<boolean> {
  if (!target) return false;
  const { session, event } = target;
  const category = session.timeline.categories.find((c) => c.name === event.category);
  const older = category && previousOfType(category.events, event);
  if (older) {
    const id = session.connection.id;
    await documents.diff({ event: older, connectionId: id }, { event, connectionId: id });
    return true;
  }
  const message = vscode.l10n.t('No older {0} event is loaded.', displayText(event.type, 80));
  if (!session.timeline.hasMore) {
    void vscode.window.showInformationMessage(message);
    return false;
  }
  const loadMore = vscode.l10n.t('Load More');
  if ((await vscode.window.showInformationMessage(message, loadMore)) !== loadMore) return false;
  await session.loadMore();
  return compareWithPrevious(documents, target);
}
