import * as vscode from 'vscode';
import type { RequestLogEntry } from '../../core/http';

/**
 * The "Timeline Viewer" log: one line per request (method, redacted URL, status, time and size), never
 * headers or bodies. The channel is created on the first line, so activation does not pay for it.
 */
export class RequestLog implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  readonly write = (e: RequestLogEntry): void => {
    const log = this.open();
    const size = e.bytes >= 1024 ? `${(e.bytes / 1024).toFixed(1)} KB` : `${e.bytes} B`;
    const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
    const line = `${e.method} ${e.url} → ${e.status ?? '—'} in ${e.ms} ms, ${size}${retry}`;
    if (e.error) log.warn(`${line}: ${e.error}`);
    else if (e.status !== undefined && e.status >= 400) log.warn(line);
    else log.info(line);
  };

  /** A sentence that is not a request (which mint body a server took, a server's answer to a write), redacted by the caller. */
  readonly note = (line: string): void => this.open().info(line);

  private open(): vscode.LogOutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel('Timeline Viewer', { log: true }));
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
