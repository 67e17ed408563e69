/**
 * A CONNECT tunnel through the egress proxy (src/egress/proxy.ts) to an address the egress policy
 * has already allowed. What comes back is a plain socket to the destination; TLS, when the
 * destination is https, is layered on it by the caller with the destination's own name.
 */
import net from 'node:net';
import { connectRequest, parseConnectAnswer, type EgressProxy } from '../src/egress/proxy';

/** The proxy answered the CONNECT with something other than 2xx (407: its credentials). */
export class ProxyRefused extends Error {
  readonly code = 'PROXY_REFUSED';
  constructor(proxy: EgressProxy, status: number, reason: string) {
    super(`the egress proxy ${proxy.display} answered the tunnel request with ${status} ${reason}`);
    this.name = 'ProxyRefused';
  }
}

/** Answers larger than this before the blank line are not a proxy's. */
const MAX_ANSWER_HEAD = 16 * 1024;

export function openTunnel(proxy: EgressProxy, address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: proxy.host, port: proxy.port });
    let head = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(Object.assign(new Error(`the egress proxy ${proxy.display} did not open a tunnel within ${timeoutMs} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' })),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const answer = parseConnectAnswer(head);
      if (!answer) {
        if (head.length > MAX_ANSWER_HEAD) fail(new ProxyRefused(proxy, 0, 'an answer too long to be a proxy\'s'));
        return;
      }
      cleanUp();
      if (answer.status < 200 || answer.status > 299) return fail(new ProxyRefused(proxy, answer.status, answer.reason));
      // Bytes after the head are the destination's: hand them back to whoever reads the tunnel.
      if (head.length > answer.headBytes) socket.unshift(head.subarray(answer.headBytes));
      resolve(socket);
    };
    const onError = (error: Error) => {
      cleanUp();
      fail(error);
    };
    const onClose = () => {
      cleanUp();
      fail(new ProxyRefused(proxy, 0, 'closed the connection before answering'));
    };
    function cleanUp() {
      clearTimeout(timer);
      // Nothing may flow before the HTTP client or TLS takes the socket over.
      socket.pause();
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    }
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.once('connect', () => socket.write(connectRequest(proxy, address, port)));
  });
}
