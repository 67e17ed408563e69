/**
 * An HTTP forward proxy that outbound requests leave through, so receivers see one known address
 * (a static egress IP) whatever worker sends. Every destination, http or https, is reached
 * through a CONNECT tunnel to the address the gateway resolved and the egress policy allowed: the
 * proxy never resolves a tenant's hostname itself, so the policy judges the address actually
 * reached. Pure: the tunnel is opened in activities/proxy-tunnel.ts.
 */

export interface EgressProxy {
  host: string;
  port: number;
  /** The Proxy-Authorization header's value (Basic), when the URL carries credentials. */
  authorization?: string;
  /** The proxy as it may be printed and logged: no credentials. */
  display: string;
}

/**
 * Parses `http://[user:password@]host:port`. Errors never quote the text: it may hold the
 * proxy's password.
 */
export function parseProxyUrl(text: string): EgressProxy | { error: string } {
  if (!URL.canParse(text)) return { error: 'expected http://[user:password@]host:port' };
  const url = new URL(text);
  if (url.protocol !== 'http:') return { error: 'must be an http:// proxy URL (https destinations go through it in a CONNECT tunnel)' };
  if (!url.hostname) return { error: 'names no host' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return { error: 'must be the proxy alone, without a path, query or fragment' };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    ...(user || password ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {}),
    display: `http://${url.host}${user ? ' (with credentials)' : ''}`,
  };
}

/** The CONNECT request for a tunnel to `address:port` (an IPv6 address in brackets, RFC 9110 7.2). */
export function connectRequest(proxy: EgressProxy, address: string, port: number): string {
  const authority = `${address.includes(':') ? `[${address}]` : address}:${port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The proxy's answer to a CONNECT, once its head is complete: the status, and how many bytes the
 * head took (anything after it already belongs to the tunnel). Undefined while incomplete.
 */
export function parseConnectAnswer(head: Buffer): { status: number; reason: string; headBytes: number } | undefined {
  const end = head.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  return { status: match ? Number(match[1]) : 0, reason: match?.[2]?.slice(0, 200) ?? 'not an HTTP answer', headBytes: end + 4 };
}
