/** What one HTTP send to an endpoint came to, as the attempt's decision and its log read it. */
export type SendResult =
  | { ok: true; statusCode: number; headers: Record<string, string>; body: string; durationMs: number }
  | { ok: false; errorClass: SendErrorClass; error: string; durationMs: number };

/**
 * `egress_blocked`: the egress policy refused the address, and no connection was made.
 * `proxy`: the egress proxy refused or failed the tunnel (its answer is in the error).
 */
export type SendErrorClass = 'timeout' | 'connect_refused' | 'dns' | 'tls' | 'connection_reset' | 'egress_blocked' | 'proxy' | 'other';
