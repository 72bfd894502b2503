import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { SavedSearch } from '../../core/savedSearch';

/** What Find's input was answered with: a query typed or picked from history, or a saved search. */
export type QueryAnswer = { readonly query: string } | { readonly saved: SavedSearch };

interface AnswerItem extends vscode.QuickPickItem {
  readonly answer: QueryAnswer;
}

/**
 * Find's input: a pick of the connection's recent queries (newest first) and its saved searches that also takes
 * any text typed, offered first as "Find …". Starts with `prefill` typed, as the input box did.
 */
export function pickQuery(recent: readonly string[], saved: readonly SavedSearch[], prefill: string | undefined): Promise<QueryAnswer | undefined> {
  const pick = vscode.window.createQuickPick<AnswerItem>();
  pick.title = vscode.l10n.t('Find in Timeline');
  pick.placeholder = vscode.l10n.t('Text, an id, or fields: category:DISPUTE data.amount:545.53 since:2h');
  pick.matchOnDescription = true;
  const offered: AnswerItem[] = [
    ...recent.map((query) => ({ label: displayText(query, { max: 200, icons: true }), description: vscode.l10n.t('recent'), answer: { query } })),
    ...saved.map((search) => ({
      label: `$(bookmark) ${displayText(search.name, { max: 100, icons: true })}`,
      description: displayText(search.query ?? vscode.l10n.t('filter only'), { max: 100, icons: true }),
      answer: { saved: search },
    })),
  ];
  const show = (typed: string): void => {
    const text = typed.trim();
    const exact = offered.some((item) => 'query' in item.answer && item.answer.query === text);
    const free: AnswerItem[] = text === '' || exact ? [] : [{ label: displayText(text, { max: 200, icons: true }), description: vscode.l10n.t('find this'), alwaysShow: true, answer: { query: text } }];
    pick.items = [...free, ...offered];
  };
  pick.onDidChangeValue(show);
  pick.value = prefill ?? '';
  show(pick.value);
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      const typed = pick.value.trim();
      resolve(item?.answer ?? (typed === '' ? undefined : { query: typed }));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
