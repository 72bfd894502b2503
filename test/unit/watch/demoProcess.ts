// A demo server in a process of its own, so a test measures the client's event loop and not the server's
// page building. The parent sends { append: n }; the child answers { url, token } once listening.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startDemoServer } from '../../../src/demo/server';

export interface RemoteDemo {
  readonly url: string;
  readonly token: string;
  append(n: number): void;
  close(): Promise<void>;
}

export async function startRemoteDemo(eventCount: number): Promise<RemoteDemo> {
  const child: ChildProcess = fork(__filename, [String(eventCount)], { stdio: 'inherit' });
  const [{ url, token }] = (await once(child, 'message')) as [{ url: string; token: string }];
  return {
    url,
    token,
    append: (n) => void child.send({ append: n }),
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
      if (typeof m.append === 'number') server.appendEvents(m.append);
    });
    process.send?.({ url: server.url, token: server.token });
  });
}
