import type * as vscode from 'vscode';
import { parseFilter, type TimelineFilter } from '../../core/filter';

const KEY = 'timelineViewer.filters';

/** Where a Session keeps its connection's filter, so it is there again after a reload. */
export interface FilterMemory {
  get(connectionId: string): TimelineFilter | undefined;
  set(connectionId: string, filter: TimelineFilter | undefined): Thenable<void>;
}

/** Each connection's filter in the workspace state: a filter belongs to the work at hand, not to the user. */
export class FilterStore implements FilterMemory {
  constructor(private readonly state: vscode.Memento) {}

  /** Read back through the same validation as a command's arguments: a stored value that no longer reads is dropped. */
  get(connectionId: string): TimelineFilter | undefined {
    const stored = this.all()[connectionId];
    if (stored === undefined) return undefined;
    const filter = parseFilter(stored);
    return 'error' in filter ? undefined : filter;
  }

  set(connectionId: string, filter: TimelineFilter | undefined): Thenable<void> {
    const others = Object.fromEntries(Object.entries(this.all()).filter(([id]) => id !== connectionId));
    return this.state.update(KEY, filter ? { ...others, [connectionId]: filter } : others);
  }

  private all(): Record<string, unknown> {
    const value = this.state.get<unknown>(KEY);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
}
