import * as vscode from 'vscode';
import { LoadBudget } from '../../core/budget';

export const DEFAULT_MAX_LOADED_MEGABYTES = 512;
const MIN_MEGABYTES = 16;
const MAX_MEGABYTES = 2048;
/**
 * Events kept per megabyte of the budget. Each loaded event costs about 350 bytes of index beyond its raw text
 * (docs/performance.md, B2), so 1,000 per MB keeps a timeline of tiny events within the same memory as the byte
 * cap does for ordinary ones (about 1.2 KB each).
 */
export const EVENTS_PER_MEGABYTE = 1000;

/**
 * The megabytes the user allows. A workspace's settings come with any cloned repository: they may lower the
 * budget but not raise it past the user's own (or the default).
 */
export function maxLoadedMegabytes(): number {
  const inspected = vscode.workspace.getConfiguration('timelineViewer').inspect<number>('maxLoadedMegabytes');
  const own = valid(inspected?.globalValue) ?? DEFAULT_MAX_LOADED_MEGABYTES;
  const workspace = valid(inspected?.workspaceFolderValue) ?? valid(inspected?.workspaceValue);
  return workspace === undefined ? own : Math.min(own, workspace);
}

function valid(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(MAX_MEGABYTES, Math.max(MIN_MEGABYTES, value)) : undefined;
}

/** What every timeline of this window may hold together; the setting is read on each check. */
export const windowBudget = new LoadBudget(() => {
  const megabytes = maxLoadedMegabytes();
  return { maxBytes: megabytes * 1024 * 1024, maxEvents: megabytes * EVENTS_PER_MEGABYTE };
});
