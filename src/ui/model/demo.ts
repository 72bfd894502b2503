import type * as vscode from 'vscode';
import type { DemoServer } from '../../demo/server';

/** Runs the bundled demo timeline server in this process, started on first use only. */
export class DemoService implements vscode.Disposable {
  private server: Promise<DemoServer> | undefined;

  start(): Promise<DemoServer> {
    this.server ??= import('../../demo/server').then((m) => m.startDemoServer({}));
    this.server.catch(() => (this.server = undefined));
    return this.server;
  }

  dispose(): void {
    void this.server?.then((s) => s.close());
    this.server = undefined;
  }
}
