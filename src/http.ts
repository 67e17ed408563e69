/** Small facts of HTTP that several parts of the gateway share. */

/** RFC 9110 token characters: what a header name may hold. Anything else could never arrive as one. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Where a URL points (scheme, host and port), without the path and query, which often carry the
 * receiver's tokens (Slack keeps its secret in the path): for history, logs and notices.
 * Undefined for what is not a URL.
 */
export function urlOrigin(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).origin : undefined;
}
