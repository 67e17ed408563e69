/**
 * GitLab: by default a plain shared token in `X-Gitlab-Token`, nothing signed, compared in
 * constant time. With a signing token (newer GitLab, behind a flag) it sends Standard Webhooks
 * headers instead, and then only that signature counts: a request that carries one is never let
 * through on the token alone.
 */
import { DEFAULT_TOLERANCE_SECONDS, accepted, header, rejected, sameToken } from './signature-checks';
import { verifyStandardWebhook } from './standard-webhooks';
import type { Preset } from './types';

export const gitlab: Preset = {
  verify(config, request, nowMs) {
    // Idempotency-Key stays the same across GitLab's retries of one delivery; the event UUID is older.
    const deliveryId = header(request, 'idempotency-key') ?? header(request, 'x-gitlab-event-uuid');
    if (header(request, 'webhook-signature')) {
      const signed = verifyStandardWebhook('webhook', config.secrets, request, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
      return signed.ok ? accepted(deliveryId ?? signed.deliveryId) : signed;
    }
    const token = header(request, 'x-gitlab-token');
    if (!token) return rejected('missing X-Gitlab-Token header (and no webhook-signature)');
    if (!config.secrets.some((secret) => sameToken(token, secret))) return rejected('X-Gitlab-Token matches no configured secret');
    return accepted(deliveryId);
  },
};
