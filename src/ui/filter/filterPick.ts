import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { parseFilter, RECENT_RANGES, type RecentRange, type TimelineFilter } from '../../core/filter';
import { parseInstant } from '../../core/instant';
import { rangeLabel } from '../tree/filterText';
import { catalogue, seenNames } from '../model/names';
import type { Session } from '../model/session';

type Dimension = 'categories' | 'types';

interface ValueItem extends vscode.QuickPickItem {
  readonly dimension: Dimension;
  readonly value: string;
}

interface RangeItem extends vscode.QuickPickItem {
  readonly range: RecentRange | 'any' | 'custom' | 'keep';
}

/**
 * Asks for a filter in two steps: categories and types (the catalogue, the values seen, or a typed value),
 * then a time range. Resolves to undefined when the user cancels; an impossible choice is refused with its
 * sentence, before any request.
 */
export async function pickFilter(session: Session): Promise<TimelineFilter | undefined> {
  const current = session.filter;
  const values = await pickValues(session, current);
  if (!values) return undefined;
  const range = await pickRange(current);
  if (!range) return undefined;
  const parsed = parseFilter({ ...values, ...range });
  if ('error' in parsed) {
    void vscode.window.showErrorMessage(parsed.error);
    return undefined;
  }
  return parsed;
}

function pickValues(session: Session, current: TimelineFilter | undefined): Promise<Pick<TimelineFilter, Dimension> | undefined> {
  const { categories, types } = catalogue(session.connection.kind);
  const found = seenNames(session.timelines);
  // Seen values are event data: shown with control characters escaped, kept exact for matching.
  const item = (dimension: Dimension, value: string, detail?: string): ValueItem => ({
    label: displayText(value, 120),
    description: detail ?? (dimension === 'categories' ? vscode.l10n.t('category') : vscode.l10n.t('type')),
    dimension,
    value,
  });
  const section = (dimension: Dimension, known: Iterable<string>, inUse: Iterable<string>, label: (v: string) => string | undefined): ValueItem[] => {
    const all = [...new Set([...known, ...inUse, ...(current?.[dimension] ?? [])])];
    return all.map((v) => item(dimension, v, label(v)));
  };
  const base: (ValueItem | vscode.QuickPickItem)[] = [
    { label: vscode.l10n.t('Categories'), kind: vscode.QuickPickItemKind.Separator },
    ...section('categories', categories, [...found.categories].sort(), () => undefined),
    { label: vscode.l10n.t('Types'), kind: vscode.QuickPickItemKind.Separator },
    ...section('types', types.keys(), [...found.types].sort(), (t) => types.get(t)),
  ];
  const quickPick = vscode.window.createQuickPick<ValueItem | vscode.QuickPickItem>();
  quickPick.title = vscode.l10n.t('Filter {0} (1/2): categories and types', session.connection.name);
  quickPick.placeholder = vscode.l10n.t('Check categories and types, or type a value to add it; none for a time range only');
  quickPick.canSelectMany = true;
  quickPick.matchOnDescription = true;
  const typed: ValueItem[] = [];
  const isValue = (i: vscode.QuickPickItem): i is ValueItem => 'dimension' in i;
  const refresh = (): void => {
    const selected = quickPick.selectedItems;
    const text = quickPick.value.trim();
    const offers = text && !base.concat(typed).some((i) => isValue(i) && i.value === text)
      ? [item('categories', text, vscode.l10n.t('typed category')), item('types', text, vscode.l10n.t('typed type'))]
      : [];
    quickPick.items = [...offers, ...typed, ...base];
    quickPick.selectedItems = quickPick.items.filter((i) => selected.includes(i) || (isValue(i) && current?.[i.dimension]?.includes(i.value) && !touched));
  };
  let touched = false;
  refresh();
  return new Promise((resolve) => {
    quickPick.onDidChangeSelection((selection) => {
      touched = true;
      for (const i of selection) if (isValue(i) && !typed.includes(i) && !base.includes(i)) typed.unshift(i);
    });
    quickPick.onDidChangeValue(() => refresh());
    quickPick.onDidAccept(() => {
      const chosen = quickPick.selectedItems.filter(isValue);
      const of = (d: Dimension): string[] | undefined => {
        const list = chosen.filter((i) => i.dimension === d).map((i) => i.value);
        return list.length ? list : undefined;
      };
      resolve({ categories: of('categories'), types: of('types') });
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

async function pickRange(current: TimelineFilter | undefined): Promise<Pick<TimelineFilter, 'last' | 'since' | 'until'> | undefined> {
  const items: RangeItem[] = [
    { label: vscode.l10n.t('Any time'), range: 'any' },
    ...(Object.keys(RECENT_RANGES) as RecentRange[]).map((range) => ({ label: rangeLabel(range), range })),
    { label: vscode.l10n.t('Custom range…'), description: vscode.l10n.t('from and to: ISO 8601, unix seconds or milliseconds, or a time ago'), range: 'custom' },
  ];
  if (current?.since || current?.until) items.unshift({ label: vscode.l10n.t('Keep {0} – {1}', current.since ?? '…', current.until ?? '…'), range: 'keep' });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Filter (2/2): time range'),
    placeHolder: vscode.l10n.t('Which events, by time'),
  });
  if (!picked) return undefined;
  if (picked.range === 'any') return {};
  if (picked.range === 'keep') return { since: current?.since, until: current?.until };
  if (picked.range !== 'custom') return { last: picked.range };
  const since = await askInstant(vscode.l10n.t('From (inclusive), e.g. 2025-06-30T21:00:00Z, 2025-06-30, 1719770000 or 2h; empty for no start'), 'since', current?.since);
  if (since === undefined) return undefined;
  const until = await askInstant(vscode.l10n.t('To (inclusive), e.g. 2025-06-30T23:59:59Z, 2025-06-30, 1719770000 or 30m; empty for now'), 'until', current?.until, since);
  if (until === undefined) return undefined;
  return { since: since || undefined, until: until || undefined };
}

/**
 * One end of a custom range in any form parseInstant reads (ISO at any offset, unix seconds to nanoseconds, `2h`),
 * checked as it is typed and returned as the ISO instant a filter holds; '' for none, undefined when cancelled.
 */
async function askInstant(prompt: string, end: 'since' | 'until', value: string | undefined, since?: string): Promise<string | undefined> {
  const read = (text: string): { iso: string } | { error: string } => {
    const instant = parseInstant(text, Date.now(), { endOfDay: end === 'until' });
    if ('error' in instant) return instant;
    // The bound alone, or the whole range once both ends are known (an end before the start is refused here).
    const parsed = parseFilter(end === 'until' && since ? { since, until: instant.iso } : { [end]: instant.iso });
    return 'error' in parsed ? parsed : instant;
  };
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter: custom range'),
    prompt,
    value,
    validateInput: (typed) => {
      if (!typed.trim()) return undefined;
      const result = read(typed);
      return 'error' in result ? result.error : undefined;
    },
  });
  if (text === undefined || !text.trim()) return text === undefined ? undefined : '';
  const result = read(text);
  return 'error' in result ? undefined : result.iso;
}
