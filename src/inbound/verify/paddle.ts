/**
 * Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]`, HMAC-SHA256 of
 * `${ts}:${body}` keyed with the endpoint's secret key as text. Paddle's docs promise at least one
 * h1, so any matching h1 is accepted (its Node SDK only looks at the last). Its SDK allows 5 s of
 * age; we default to the 300 s of everyone else, so queueing and clock skew do not drop real
 * events, and `toleranceSeconds` can tighten it.
 */
import { DEFAULT_TOLERANCE_SECONDS, accepted, anySignatureMatches, decodeSignature, header, hmac, jsonStringField, rejected, timestampProblem } from './signature-checks';
import type { Preset } from './types';

export const paddle: Preset = {
  verify(config, request, nowMs) {
    const value = header(request, 'paddle-signature');
    if (!value) return rejected('missing Paddle-Signature header');
    const timestamps: string[] = [];
    const signatures: string[] = [];
    for (const item of value.split(';')) {
      const at = item.indexOf('=');
      if (at < 0) continue;
      const key = item.slice(0, at).trim();
      const text = item.slice(at + 1).trim();
      if (key === 'ts') timestamps.push(text);
      else if (key === 'h1') signatures.push(text);
    }
    if (timestamps.length > 1) return rejected('Paddle-Signature has more than one ts=');
    const timestamp = timestamps[0];
    const stale = timestampProblem('Paddle-Signature ts=', timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
    if (stale) return rejected(stale);
    if (signatures.length === 0) return rejected('Paddle-Signature has no h1= signature');
    const candidates = signatures.flatMap((text) => decodeSignature(text, 'hex') ?? []);
    const matches = anySignatureMatches(config.secrets, candidates, (secret) => hmac('sha256', secret, `${timestamp}:`, request.body));
    if (!matches) return rejected('no Paddle-Signature h1 signature matches any configured secret');
    return accepted(jsonStringField(request.body, 'event_id', 'notification_id'));
  },
};
