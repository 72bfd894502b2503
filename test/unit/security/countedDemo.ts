import { request } from 'node:http';
import { type DemoServer, type DemoServerOptions, startDemoServer } from '../../../src/demo/server';
import { type LocalServer, localServer } from './localServer';

/** The demo server behind a front on 127.0.0.1 that records every request reaching it, then passes it on. */
export interface CountedDemo {
  readonly demo: DemoServer;
  /** The front: what a source is pointed at. */
  readonly front: LocalServer;
  close(): Promise<void>;
}

export async function countedDemo(options: DemoServerOptions = {}): Promise<CountedDemo> {
  const demo = await startDemoServer(options);
  const target = new URL(demo.url);
  const front = await localServer((req, res) => {
    // The demo answers only to its own Host, so the front names it.
    const headers = { ...req.headers, host: target.host };
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return { demo, front, close: async () => void (await Promise.all([front.close(), demo.close()])) };
}
