/**
 * What one HTTP send to an endpoint came to, as the attempt's decision and its log read it. A
 * failed send has a status code (and what came of the answer) when the endpoint began to answer
 * and the answer broke off: its body was reset, malformed, or outlived the deadline.
 */
export type SendResult =
  | { ok: true; statusCode: number; headers: Record<string, string>; body: string; durationMs: number }
  | { ok: false; errorClass: SendErrorClass; error: string; durationMs: number; statusCode?: number; headers?: Record<string, string>; body?: string };

/**
 * `egress_blocked`: the egress policy refused the address, and no connection was made.
 * `proxy`: the egress proxy refused or failed the tunnel (its answer is in the error).
 * `auth`: the endpoint's authentication could not be had (its OAuth 2.0 token request failed);
 * nothing was sent to the endpoint.
 * `invalid_response`: the answer was not HTTP that can be read (a malformed status line, headers
 * or chunked encoding, headers beyond undici's limit, a body shorter than its Content-Length).
 */
export type SendErrorClass = 'timeout' | 'connect_refused' | 'dns' | 'tls' | 'connection_reset' | 'invalid_response' | 'egress_blocked' | 'proxy' | 'auth' | 'other';
