/** What one HTTP send to an endpoint came to, as the attempt's decision and its log read it. */
export type SendResult =
  | { ok: true; statusCode: number; headers: Record<string, string>; body: string; durationMs: number }
  | { ok: false; errorClass: SendErrorClass; error: string; durationMs: number };

/**
 * `egress_blocked`: the egress policy refused the address, and no connection was made.
 * `proxy`: the egress proxy refused or failed the tunnel (its answer is in the error).
 * `auth`: the endpoint's authentication could not be had (its OAuth 2.0 token request failed);
 * nothing was sent to the endpoint.
 */
export type SendErrorClass = 'timeout' | 'connect_refused' | 'dns' | 'tls' | 'connection_reset' | 'egress_blocked' | 'proxy' | 'auth' | 'other';
