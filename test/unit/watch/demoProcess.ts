// A demo server in a process of its own, so a test measures the client's event loop and not the server's
// page building. The parent sends { append: n }; the child answers { url, token } once listening, and
// { appended: n } after each append, so the parent can wait until the server holds all it was sent.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startDemoServer } from '../../../src/demo/server';

export interface RemoteDemo {
  readonly url: string;
  readonly token: string;
  append(n: number): void;
  /** Resolves once every append sent so far is in the server's timeline. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteDemo(eventCount: number): Promise<RemoteDemo> {
  const child: ChildProcess = fork(__filename, [String(eventCount)], { stdio: 'inherit' });
  const [{ url, token }] = (await once(child, 'message')) as [{ url: string; token: string }];
  let sent = 0;
  let acknowledged = 0;
  let waiting: (() => void) | undefined;
  child.on('message', (m: { appended?: number }) => {
    acknowledged += m.appended ?? 0;
    if (acknowledged === sent) waiting?.();
  });
  return {
    url,
    token,
    append: (n) => {
      sent += n;
      child.send({ append: n });
    },
    settled: () => (acknowledged === sent ? Promise.resolve() : new Promise<void>((resolve) => (waiting = resolve))),
    close: async () => {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

if (require.main === module) {
  void startDemoServer({ eventCount: Number(process.argv[2]) }).then((server) => {
    process.on('message', (m: { append?: number }) => {
      if (typeof m.append !== 'number') return;
      server.appendEvents(m.append);
      process.send?.({ appended: m.append });
    });
    process.send?.({ url: server.url, token: server.token });
  });
}
