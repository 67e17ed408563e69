/**
 * The HTTP send: one POST to an endpoint, with a connect timeout and a total deadline, no
 * redirects followed (a 3xx is the endpoint's answer, recorded and retried like any non-2xx), and
 * at most 64 KiB of the response body kept for the attempt log.
 *
 * Every connection passes the egress policy first (src/egress/address-policy.ts): a literal
 * address before the socket is made, a name on the addresses it resolves to, inside the socket's
 * own lookup, so the address checked is the address connected to (a DNS answer that changes
 * between a check and the connect cannot slip past). Through an egress proxy, the gateway
 * resolves and judges the destination itself and asks the proxy for a tunnel to that address.
 *
 * A request may name a route of its own (a proxy, a client certificate): each route gets its own
 * pool of connections, so a certificate never rides a connection opened for another endpoint.
 */
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { LRUCache } from 'lru-cache';
import { Agent, buildConnector, request } from 'undici';
import type { SendErrorClass, SendResult } from '../src/deliveries/send-result';
import type { EgressPolicy } from '../src/egress/address-policy';
import type { EgressProxy } from '../src/egress/proxy';
import { openTunnel } from './proxy-tunnel';
import { SpanKind, SpanStatusCode, traceHeaders, traced } from '../src/tracing/tracing';

export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;
/** What every webhook Switchyard sends (deliveries and notices) says it comes from. */
export const USER_AGENT = 'Switchyard-Webhooks/0.1';
const CONNECT_TIMEOUT_MS = 10_000;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Total deadline: connect, send, response headers and the body we read. */
  timeoutMs: number;
  /** How to reach the endpoint when not as every other request does. */
  route?: SendRoute;
}

/** PEM text: a client certificate (chain) and its key, and the CAs to trust instead of the system's. */
export interface ClientTls {
  cert?: string;
  key?: string;
  ca?: string;
}

export interface SendRoute {
  /** Names the route's connection pool: the same key must mean the same proxy and TLS settings. */
  key: string;
  /** Through this proxy instead of the sender's own; null: straight to the endpoint. */
  proxy?: EgressProxy | null;
  tls?: ClientTls;
}


/** What the connector resolves names with: dns.lookup's `all` form. Tests answer with their own. */
export type Resolve = (hostname: string, family: number) => Promise<dns.LookupAddress[]>;

const systemResolve: Resolve = (hostname, family) => dns.promises.lookup(hostname, { all: true, family });

/** A connection the egress policy refused; no socket was connected. */
export class EgressBlocked extends Error {
  readonly code = 'EGRESS_BLOCKED';
  constructor(what: string, range: string) {
    super(`${what} in the ${range} range, which the egress policy does not allow (SWITCHYARD_EGRESS_ALLOW); no connection was made`);
    this.name = 'EgressBlocked';
  }
}

/**
 * net's `lookup` hook, answering only the addresses the policy allows. The resolved addresses are
 * not named in the error: they would tell a tenant about the network behind the gateway.
 */
function guardedLookup(policy: EgressPolicy, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options.family === 4 || options.family === 6 ? options.family : 0).then(
      (addresses) => {
        const allowed = addresses.filter((entry) => policy.blockedRange(entry.address) === undefined);
        const [first] = allowed;
        if (!first) {
          const range = addresses[0] ? policy.blockedRange(addresses[0].address) : undefined;
          return callback(new EgressBlocked(`${hostname} resolves only to blocked addresses, the first`, range ?? 'unresolved'), '', 0);
        }
        if (options.all) return (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, allowed);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** The address a connection to `hostname` may use: the first the policy allows, or EgressBlocked. */
async function allowedAddress(hostname: string, policy: EgressPolicy, resolve: Resolve): Promise<string> {
  if (net.isIP(hostname)) {
    const range = policy.blockedRange(hostname);
    if (range !== undefined) throw new EgressBlocked(`${hostname} is an address`, range);
    return hostname;
  }
  const addresses = await resolve(hostname, 0);
  const allowed = addresses.find((entry) => policy.blockedRange(entry.address) === undefined);
  if (allowed) return allowed.address;
  const range = addresses[0] ? policy.blockedRange(addresses[0].address) : undefined;
  throw new EgressBlocked(`${hostname} resolves only to blocked addresses, the first`, range ?? 'unresolved');
}

/**
 * undici's connector with the policy in front: literal addresses are judged here (net skips the
 * lookup for them), names in the lookup above. Through a proxy, the destination is resolved and
 * judged here, and the proxy tunnels to the address allowed; TLS then runs inside the tunnel,
 * checking the certificate against the endpoint's name.
 */
function guardedConnector(policy: EgressPolicy, resolve: Resolve, proxy: EgressProxy | undefined, tls: ClientTls = {}): buildConnector.connector {
  const connectTls = buildConnector({ timeout: CONNECT_TIMEOUT_MS, lookup: guardedLookup(policy, resolve), ...tls });
  const connect: buildConnector.connector = (options, callback) =>
    connectTls(options, (...[error, socket]: Parameters<buildConnector.Callback>) => {
      if (socket && options.protocol === 'https:') watchTlsAlerts(socket);
      (callback as (error: Error | null, socket: net.Socket | null) => void)(error, socket);
    });
  if (proxy) {
    return (options, callback) => {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      allowedAddress(options.hostname, policy, resolve)
        .then((address) => openTunnel(proxy, address, port, CONNECT_TIMEOUT_MS))
        .then(
          (tunnel) => (options.protocol === 'https:' ? connect({ ...options, httpSocket: tunnel }, callback) : callback(null, tunnel)),
          (error: Error) => callback(error, null),
        );
    };
  }
  return (options, callback) => {
    const range = net.isIP(options.hostname) ? policy.blockedRange(options.hostname) : undefined;
    if (range !== undefined) {
      queueMicrotask(() => callback(new EgressBlocked(`${options.hostname} is an address`, range), null));
      return;
    }
    connect(options, callback);
  };
}

/**
 * A TLS alert that arrives after the handshake (TLS 1.3 servers refuse a client certificate that
 * way: certificate_required, unknown_ca) reaches undici's socket as an error, but undici reports
 * the close that follows ("other side closed"). The alert is kept here, by the connection's local
 * port, for a minute, so the failure is named for what it was.
 */
const tlsAlerts = new LRUCache<number, { code: string; message: string }>({ max: 10_000, ttl: 60_000 });

function watchTlsAlerts(socket: net.Socket): void {
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (socket.localPort !== undefined && /^ERR_SSL_/.test(error.code ?? '')) tlsAlerts.set(socket.localPort, { code: error.code!, message: error.message });
  });
}

/** The TLS alert behind a socket error undici reported as a plain close, if one came. */
function tlsAlertBehind(error: unknown): unknown {
  const socket = (error as { code?: string; socket?: { localPort?: number } })?.code === 'UND_ERR_SOCKET' ? (error as { socket?: { localPort?: number } }).socket : undefined;
  const alert = socket?.localPort === undefined ? undefined : tlsAlerts.get(socket.localPort);
  return alert ? Object.assign(new Error(alert.message), { code: alert.code }) : error;
}

/** Names a failed send for the attempt log and the operator; the message never holds secrets. */
export function classifySendError(error: unknown): { errorClass: SendErrorClass; error: string } {
  const err = error as { name?: string; code?: string; message?: string; cause?: unknown };
  const code = err?.code ?? (err?.cause as { code?: string } | undefined)?.code ?? '';
  const name = err?.name ?? '';
  const message = String(err?.message ?? error);
  const describe = (errorClass: SendErrorClass) => ({ errorClass, error: code ? `${code}: ${message}` : message });
  if (code === 'EGRESS_BLOCKED') return { errorClass: 'egress_blocked', error: message };
  if (code === 'PROXY_REFUSED') return { errorClass: 'proxy', error: message };
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) return describe('timeout');
  if (code === 'ECONNREFUSED') return describe('connect_refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return describe('dns');
  // OpenSSL's verification codes (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN...) and Node's own TLS ones.
  if (/CERT|TLS|SSL|UNABLE_TO_|SELF_SIGNED|SIGNATURE_FAILURE|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH|UNTRUSTED/.test(code)) return describe('tls');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return describe('connection_reset');
  // llhttp's parse errors, and answers undici refuses to read: not HTTP as the receiver sent it.
  if (name === 'HTTPParserError' || /^HPE_/.test(code) || code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return describe('invalid_response');
  return describe('other');
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export type Send = (request: SendRequest) => Promise<SendResult>;

export interface SenderOptions {
  /** How names are resolved before the policy judges them; the system's resolver unless a test answers. */
  resolve?: Resolve;
  /** Every request leaves through this proxy unless its route says otherwise (SWITCHYARD_EGRESS_PROXY). */
  proxy?: EgressProxy;
}

/** Routes with pools of their own, at most; the least recently used one is closed beyond it. */
const ROUTE_POOLS = 500;
const KEEP_ALIVE_MS = 30_000;

/**
 * The send every outbound request goes through (deliveries and notices), with one pool of
 * keep-alive connections per origin shared by every delivery in this worker, and one per route.
 */
export function createHttpSender(policy: EgressPolicy, options: SenderOptions = {}): Send {
  const { resolve = systemResolve, proxy } = options;
  const shared = new Agent({ connect: guardedConnector(policy, resolve, proxy), keepAliveTimeout: KEEP_ALIVE_MS });
  const routes = new LRUCache<string, Agent>({
    max: ROUTE_POOLS,
    dispose: (agent) => void agent.close().catch(() => undefined),
  });
  const agentFor = (route: SendRoute | undefined): Agent => {
    if (!route) return shared;
    let agent = routes.get(route.key);
    if (!agent) {
      const routeProxy = route.proxy === undefined ? proxy : (route.proxy ?? undefined);
      agent = new Agent({ connect: guardedConnector(policy, resolve, routeProxy, route.tls), keepAliveTimeout: KEEP_ALIVE_MS });
      routes.set(route.key, agent);
    }
    return agent;
  };
  return (req) => sendWith(agentFor(req.route), req);
}

/** A span of the current trace (with tracing on), whose context the receiver gets as `traceparent`. */
function sendWith(agent: Agent, req: SendRequest): Promise<SendResult> {
  const url = URL.canParse(req.url) ? new URL(req.url) : undefined;
  const attributes = { 'http.request.method': 'POST', ...(url && { 'server.address': url.hostname, 'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80) }) };
  return traced('POST', SpanKind.CLIENT, attributes, async (span) => {
    const result = await sendOnce(agent, { ...req, headers: { ...req.headers, ...traceHeaders() } });
    if (result.ok) span.setAttribute('http.response.status_code', result.statusCode);
    else span.setStatus({ code: SpanStatusCode.ERROR, message: result.errorClass });
    return result;
  });
}

async function sendOnce(agent: Agent, req: SendRequest): Promise<SendResult> {
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
    let broken: unknown;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        chunks.push(chunk.subarray(0, MAX_RESPONSE_BODY_BYTES - kept));
        kept += chunks.at(-1)!.length;
        // Enough for the log: leaving the loop destroys the rest of the stream (and its connection).
        if (kept >= MAX_RESPONSE_BODY_BYTES) break;
      }
    } catch (error) {
      broken = error;
    }
    const answer = {
      statusCode: response.statusCode,
      headers: flatHeaders(response.headers),
      // PostgreSQL text cannot hold NUL; the log is for reading, so it gets the replacement character.
      body: Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, '\uFFFD'),
      durationMs: Math.round(performance.now() - started),
    };
    // An answer counts only whole: one whose body broke off (a reset, bad chunking, the deadline)
    // may not be what the receiver meant, so the attempt fails, keeping what did arrive.
    if (broken !== undefined) return { ok: false, ...classifySendError(signal.aborted ? signal.reason : broken), ...answer };
    return { ok: true, ...answer };
  } catch (error) {
    return { ok: false, ...classifySendError(signal.aborted ? signal.reason : tlsAlertBehind(error)), durationMs: Math.round(performance.now() - started) };
  }
}
