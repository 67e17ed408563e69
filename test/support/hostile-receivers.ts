/**
 * Receivers that misbehave on purpose, each a raw TCP server on loopback (node:http would not
 * let them): they read the request's head and then answer as badly as each is written to. Each
 * counts what it did, so a test can show the gateway cut it off.
 */
import net from 'node:net';

export interface HostileReceiver {
  url: string;
  /** Connections accepted, and the most open at once. */
  connections: number;
  open: number;
  mostOpen: number;
  /** Bytes written to the gateway before it went away, over all connections. */
  bytesWritten: number;
  /** Connections the gateway closed while this receiver still had more to send. */
  cutOff: number;
  close(): Promise<void>;
}

/**
 * What a receiver does once a request's head has arrived (or, with `atOnce`, its first bytes);
 * `write` respects back-pressure and answers false once the gateway has gone.
 */
export type Misbehaviour = (socket: net.Socket, write: (chunk: string | Buffer) => Promise<boolean>, receiver: HostileReceiver) => Promise<void> | void;

export async function startHostileReceiver(misbehave: Misbehaviour, { atOnce = false } = {}): Promise<HostileReceiver> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    state.connections++;
    state.open++;
    state.mostOpen = Math.max(state.mostOpen, state.open);
    let gone = false;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      gone = true;
      state.open--;
      sockets.delete(socket);
    });
    /** False once the gateway has gone: the receiver stops. */
    const write = (chunk: string | Buffer) =>
      new Promise<boolean>((resolve) => {
        if (gone || socket.destroyed) return resolve(false);
        const size = Buffer.byteLength(chunk);
        const flushed = socket.write(chunk, (error) => {
          if (!error) state.bytesWritten += size;
        });
        if (flushed) return resolve(true);
        const settle = () => {
          socket.off('drain', settle);
          socket.off('close', settle);
          resolve(!gone);
        };
        socket.on('drain', settle);
        socket.on('close', settle);
      });
    let head = '';
    const onData = (data: Buffer) => {
      head += data.toString('latin1');
      if (!atOnce && !head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      socket.resume();
      Promise.resolve(misbehave(socket, write, state)).then(
        () => undefined,
        () => undefined,
      );
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const state: HostileReceiver = {
    url: `http://127.0.0.1:${port}`,
    connections: 0,
    open: 0,
    mostOpen: 0,
    bytesWritten: 0,
    cutOff: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The misbehaviours the hostile-receiver tests name; each write loop ends when the gateway goes. */
export const misbehaviours = {
  /** Reads the request and never answers. */
  silent: (): Misbehaviour => () => undefined,
  /** Answers a byte a second, forever. */
  trickle: (): Misbehaviour => async (_socket, write) => {
    const answer = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    for (let i = 0; ; i++) {
      if (!(await write(answer[i % answer.length]!))) return;
      await sleep(1_000);
    }
  },
  /** A 200 with a long body, reset after its first kilobyte. */
  resetMidBody: (): Misbehaviour => async (socket, write) => {
    await write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n');
    await write('x'.repeat(1024));
    await sleep(50);
    socket.resetAndDestroy();
  },
  /** A 200 that says its body is 1 GiB, and sends it as fast as it is read. */
  gigabyte: (): Misbehaviour => async (_socket, write, receiver) => {
    const total = 1024 ** 3;
    await write(`HTTP/1.1 200 OK\r\nContent-Length: ${total}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (!(await write(chunk))) {
        receiver.cutOff++;
        return;
      }
    }
  },
  /** A 200 in chunked encoding that never ends. */
  endlessChunks: (): Misbehaviour => async (_socket, write, receiver) => {
    await write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `4000\r\n${'y'.repeat(0x4000)}\r\n`;
    for (;;) {
      if (!(await write(chunk))) {
        receiver.cutOff++;
        return;
      }
    }
  },
  /** A 200 in chunked encoding whose chunk size is not a number. */
  badChunks: (): Misbehaviour => async (socket, write) => {
    await write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n');
    await sleep(1_000);
    socket.end();
  },
  /** Not TLS at all where TLS is expected (start it `atOnce`): the handshake fails. */
  notTls: (): Misbehaviour => async (socket, write) => {
    await write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    socket.end();
  },
};
