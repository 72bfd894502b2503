import type * as vscode from 'vscode';
import type { RequestLogEntry } from '../core/http';

/** One line per request: method, redacted URL, status, time and size. Never headers or bodies. */
export function logRequest(log: vscode.LogOutputChannel, e: RequestLogEntry): void {
  const size = e.bytes >= 1024 ? `${(e.bytes / 1024).toFixed(1)} KB` : `${e.bytes} B`;
  const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
  const line = `${e.method} ${e.url} → ${e.status ?? '—'} in ${e.ms} ms, ${size}${retry}`;
  if (e.error) log.warn(`${line}: ${e.error}`);
  else if (e.status !== undefined && e.status >= 400) log.warn(line);
  else log.info(line);
}
