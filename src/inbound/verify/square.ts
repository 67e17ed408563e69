/**
 * Square: `x-square-hmacsha256-signature: <base64>`, HMAC-SHA256 of the notification URL (exactly
 * as configured in the subscription) followed by the body, keyed with the signature key as text.
 * The legacy SHA-1 `x-square-signature` is not accepted. Nothing time-bound is signed; dedupe on
 * the body's `event_id`.
 */
import { accepted, anySignatureMatches, decodeSignature, header, hmac, jsonStringField, rejected } from './signature-checks';
import type { Preset } from './types';

export const square: Preset = {
  verify(config, request) {
    const value = header(request, 'x-square-hmacsha256-signature');
    if (!value) {
      return rejected(
        header(request, 'x-square-signature')
          ? 'only the legacy x-square-signature (HMAC-SHA1) is present; x-square-hmacsha256-signature is required'
          : 'missing x-square-hmacsha256-signature header',
      );
    }
    const candidate = decodeSignature(value, 'base64');
    const matches = anySignatureMatches(config.secrets, candidate ? [candidate] : [], (secret) => hmac('sha256', secret, request.url, request.body));
    if (!matches) return rejected('x-square-hmacsha256-signature matches no configured secret (check that the source URL is exactly the subscription URL)');
    return accepted(jsonStringField(request.body, 'event_id'));
  },
};
