/**
 * The HTTP send: one POST to an endpoint, with a connect timeout and a total deadline, no
 * redirects followed (a 3xx is the endpoint's answer, recorded and retried like any non-2xx), and
 * at most 64 KiB of the response body kept for the attempt log.
 */
import { Agent, request } from 'undici';
import type { SendErrorClass, SendResult } from '../src/deliveries/send-result';

export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;
/** What every webhook Switchyard sends (deliveries and notices) says it comes from. */
export const USER_AGENT = 'Switchyard-Webhooks/0.1';
const CONNECT_TIMEOUT_MS = 10_000;

/** One pool of keep-alive connections per origin, shared by every delivery in this worker. */
const agent = new Agent({ connect: { timeout: CONNECT_TIMEOUT_MS }, keepAliveTimeout: 30_000 });

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Total deadline: connect, send, response headers and the body we read. */
  timeoutMs: number;
}


/** Names a failed send for the attempt log and the operator; the message never holds secrets. */
export function classifySendError(error: unknown): { errorClass: SendErrorClass; error: string } {
  const err = error as { name?: string; code?: string; message?: string; cause?: unknown };
  const code = err?.code ?? (err?.cause as { code?: string } | undefined)?.code ?? '';
  const name = err?.name ?? '';
  const message = String(err?.message ?? error);
  const describe = (errorClass: SendErrorClass) => ({ errorClass, error: code ? `${code}: ${message}` : message });
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) return describe('timeout');
  if (code === 'ECONNREFUSED') return describe('connect_refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return describe('dns');
  if (/CERT|TLS|SSL/.test(code)) return describe('tls');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return describe('connection_reset');
  return describe('other');
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export async function sendWebhook(req: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    const response = await request(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      dispatcher: agent,
      signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let kept = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY_BYTES - kept));
        kept += chunks.at(-1)!.length;
        // Enough for the log: leaving the loop destroys the rest of the stream (and its connection).
        if (kept >= MAX_RESPONSE_BODY_BYTES) break;
      }
    } catch {
      // The status line and headers arrived, so the endpoint has answered; a body cut short by the
      // deadline or a reset leaves what was read.
    }
    return {
      ok: true,
      statusCode: response.statusCode,
      headers: flatHeaders(response.headers),
      // PostgreSQL text cannot hold NUL; the log is for reading, so it gets the replacement character.
      body: Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '\uFFFD'),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ok: false, ...classifySendError(signal.aborted ? signal.reason : error), durationMs: Math.round(performance.now() - started) };
  }
}
