import * as vscode from 'vscode';
import { DEFAULT_HTTP_OPTIONS } from '../core/http';

/** The user's settings, read fresh each time a timeline is created. */
export function readSettings(): { pageSize: number; timeoutMs: number; maxBytes: number } {
  const config = vscode.workspace.getConfiguration('timelineViewer');
  return {
    pageSize: config.get<number>('pageSize', 100),
    timeoutMs: config.get<number>('requestTimeoutSeconds', DEFAULT_HTTP_OPTIONS.timeoutMs / 1000) * 1000,
    maxBytes: config.get<number>('maxResponseMegabytes', DEFAULT_HTTP_OPTIONS.maxBytes / 1024 / 1024) * 1024 * 1024,
  };
}
