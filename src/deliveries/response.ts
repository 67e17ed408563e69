/** What an endpoint's answer means for the delivery. Pure: the HTTP send calls these. */

export type Outcome =
  /** 2xx: delivered. */
  | 'succeeded'
  /** 410 Gone: the receiver says the endpoint is no more; stop and disable it. */
  | 'gone'
  /** Anything else, 3xx included (redirects are not followed): try again on schedule. */
  | 'retry';

export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'succeeded';
  if (status === 410) return 'gone';
  return 'retry';
}

/**
 * A Retry-After header in milliseconds from `nowMs`: either delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/[A-Za-z]/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
