import type * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { TimelineEvent } from '../../core/event';

/** A QuickPick row for an event (Show Related, Compare with…), and the event it stands for. */
export interface EventPickItem extends vscode.QuickPickItem {
  readonly event: TimelineEvent;
  readonly connectionId: string;
}

/**
 * The row's texts come from the server: sanitized like every surface, with `$(…)` kept as typed, since a
 * QuickPick would draw it as an icon.
 */
export function eventPickItem(event: TimelineEvent, connectionId: string, detail: string = event.id): EventPickItem {
  return {
    label: pickText(event.label, 120),
    description: pickText(event.timestamp, 60),
    detail: pickText(detail, 200),
    event,
    connectionId,
  };
}

/** Server text for a QuickPick's label, description, detail or separator. */
export function pickText(text: string, max = 120): string {
  return displayText(text, { max, icons: true });
}
