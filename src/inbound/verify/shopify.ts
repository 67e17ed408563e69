/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64>` (`shopify-hmac-sha256` on the newer event deliveries),
 * HMAC-SHA256 of the body keyed with the app's client secret (or the store's webhook secret) as text.
 * Nothing time-bound is signed; dedupe on the webhook id, else the event id. Event deliveries
 * drop the `x-` from every header name (so @shopify/shopify-api's header table says), ids included.
 */
import { accepted, anySignatureMatches, decodeSignature, header, hmac, rejected } from './signature-checks';
import type { Preset } from './types';

export const shopify: Preset = {
  verify(config, request) {
    const value = header(request, 'x-shopify-hmac-sha256') ?? header(request, 'shopify-hmac-sha256');
    if (!value) return rejected('missing X-Shopify-Hmac-Sha256 header');
    const candidate = decodeSignature(value, 'base64');
    const matches = anySignatureMatches(config.secrets, candidate ? [candidate] : [], (secret) => hmac('sha256', secret, request.body));
    if (!matches) return rejected('X-Shopify-Hmac-Sha256 matches no configured secret');
    const deliveryId =
      header(request, 'x-shopify-webhook-id') ?? header(request, 'shopify-webhook-id') ?? header(request, 'x-shopify-event-id') ?? header(request, 'shopify-event-id');
    return accepted(deliveryId);
  },
};
