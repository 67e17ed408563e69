/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `${t}.${body}` keyed
 * with the whole `whsec_…` string as text (Stripe does not base64-decode it, unlike Standard
 * Webhooks). One `v1` per active secret while a secret is rolled; `v0` and other schemes are ignored.
 */
import { DEFAULT_TOLERANCE_SECONDS, accepted, anySignatureMatches, decodeSignature, header, hmac, jsonStringField, rejected, timestampProblem } from './signature-checks';
import type { Preset } from './types';

interface StripeSignatureHeader {
  timestamps: string[];
  v1: string[];
}

function parseStripeSignature(value: string): StripeSignatureHeader {
  const parsed: StripeSignatureHeader = { timestamps: [], v1: [] };
  for (const item of value.split(',')) {
    const at = item.indexOf('=');
    if (at < 0) continue;
    const key = item.slice(0, at).trim();
    const text = item.slice(at + 1).trim();
    if (key === 't') parsed.timestamps.push(text);
    else if (key === 'v1') parsed.v1.push(text);
  }
  return parsed;
}

export const stripe: Preset = {
  verify(config, request, nowMs) {
    const value = header(request, 'stripe-signature');
    if (!value) return rejected('missing Stripe-Signature header');
    const { timestamps, v1 } = parseStripeSignature(value);
    // Two timestamps would leave it open which one the signature covers.
    if (timestamps.length > 1) return rejected('Stripe-Signature has more than one t=');
    const timestamp = timestamps[0];
    const stale = timestampProblem('Stripe-Signature t=', timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
    if (stale) return rejected(stale);
    if (v1.length === 0) return rejected('Stripe-Signature has no v1= signature');
    const candidates = v1.flatMap((text) => decodeSignature(text, 'hex') ?? []);
    const matches = anySignatureMatches(config.secrets, candidates, (secret) => hmac('sha256', secret, `${timestamp}.`, request.body));
    if (!matches) return rejected('no Stripe-Signature v1 signature matches any configured secret');
    return accepted(jsonStringField(request.body, 'id'));
  },
  secretProblem(secret) {
    // The most common mistake is pasting the account's API key (sk_…/rk_…) instead of the endpoint's signing secret.
    return secret.startsWith('whsec_') ? undefined : "is not a Stripe endpoint signing secret (they start with 'whsec_')";
  },
};
