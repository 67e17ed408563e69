/**
 * Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 of `v0:${X-Slack-Request-Timestamp}:${body}`
 * keyed with the signing secret as text; the timestamp must be within five minutes.
 */
import { DEFAULT_TOLERANCE_SECONDS, accepted, anySignatureMatches, decodeSignature, header, hmac, jsonStringField, rejected, timestampProblem } from './signature-checks';
import type { Preset } from './types';

const PREFIX = 'v0=';

export const slack: Preset = {
  verify(config, request, nowMs) {
    const value = header(request, 'x-slack-signature');
    if (!value) return rejected('missing X-Slack-Signature header');
    if (!value.startsWith(PREFIX)) return rejected("X-Slack-Signature is not a 'v0=' signature");
    const timestamp = header(request, 'x-slack-request-timestamp');
    const stale = timestampProblem('X-Slack-Request-Timestamp', timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
    if (stale) return rejected(stale);
    const candidate = decodeSignature(value.slice(PREFIX.length), 'hex');
    const matches = anySignatureMatches(config.secrets, candidate ? [candidate] : [], (secret) => hmac('sha256', secret, `v0:${timestamp}:`, request.body));
    if (!matches) return rejected('X-Slack-Signature matches no configured secret');
    // Events API bodies carry an event_id that stays the same across Slack's retries; slash
    // commands and interactivity (form bodies) have none, and fall back to the body hash.
    return accepted(jsonStringField(request.body, 'event_id'));
  },
};
