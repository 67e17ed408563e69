/**
 * A webhook receiver for tests: a real HTTP server on loopback that records every request and
 * answers as each path's script says (a list of responses, the last one repeating).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  /** The address the request came from: the proxy's, when it came through one. */
  peer: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Hold the response this long (to trigger timeouts). */
  delayMs?: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What the next requests to `path` get, in order; the last reply repeats. */
  script(path: string, replies: Reply[]): void;
  /** Resolves once `count` requests have reached `path`. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Reply[]>();
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, peer: req.socket.remoteAddress ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      waiters.forEach((wake) => wake());
      const replies = scripts.get(path) ?? [{ status: 200 }];
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body ?? '');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, replies) => scripts.set(path, [...replies]),
    waitFor(path, count, timeoutMs = 30_000) {
      const matching = () => received.filter((r) => r.path === path);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${path}: ${matching().length} of ${count} requests after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (matching().length >= count) {
            clearTimeout(timer);
            resolve(matching());
          }
        };
        waiters.push(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
