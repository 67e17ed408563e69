/**
 * Standard Webhooks and Svix (the same scheme under two header prefixes): HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` keyed with the base64-decoded part of a `whsec_` secret, sent as a
 * space-separated list of `v1,<base64>` (one per active secret); other versions such as the
 * asymmetric `v1a` are skipped. The timestamp must be within ±5 minutes. GitLab's signing tokens
 * use it too, hence `verifyStandardWebhook`.
 */
import { secretKey } from '../../signing/standard-webhooks';
import { DEFAULT_TOLERANCE_SECONDS, accepted, anySignatureMatches, decodeSignature, header, hmac, rejected, timestampProblem } from './signature-checks';
import type { InboundRequest, Preset, Verification } from './types';

const SECRET_SHAPE = "is not a 'whsec_' secret holding the base64 of 24 to 64 bytes";

/** The `v1` signatures of a signature header, decoded. */
function v1Signatures(value: string): Buffer[] {
  return value
    .split(/\s+/)
    .map((entry) => entry.replace(/,$/, '')) // a repeated header arrives joined with ', '
    .filter((entry) => entry.startsWith('v1,'))
    .flatMap((entry) => decodeSignature(entry.slice('v1,'.length), 'base64') ?? []);
}

/**
 * Verifies the `${prefix}-id`, `-timestamp` and `-signature` headers against the secrets that are
 * `whsec_` secrets (the others are skipped: GitLab mixes plain tokens and signing tokens).
 */
export function verifyStandardWebhook(prefix: string, secrets: readonly string[], request: InboundRequest, nowMs: number, toleranceSeconds: number): Verification {
  const id = header(request, `${prefix}-id`);
  const timestamp = header(request, `${prefix}-timestamp`);
  const signature = header(request, `${prefix}-signature`);
  if (!signature) return rejected(`missing ${prefix}-signature header`);
  if (!id) return rejected(`missing ${prefix}-id header`);
  const stale = timestampProblem(`${prefix}-timestamp`, timestamp, nowMs, toleranceSeconds);
  if (stale) return rejected(stale);
  const keys = secrets.flatMap((secret) => secretKey(secret) ?? []);
  if (keys.length === 0) return rejected(`no configured secret is a whsec_ signing secret, so ${prefix}-signature cannot be checked`);
  const candidates = v1Signatures(signature);
  if (candidates.length === 0) return rejected(`${prefix}-signature holds no v1 signature`);
  const matches = anySignatureMatches(keys, candidates, (key) => hmac('sha256', key, `${id}.${timestamp}.`, request.body));
  if (!matches) return rejected(`no ${prefix}-signature v1 signature matches any configured secret`);
  return accepted(id);
}

function whsecProblem(secret: string): string | undefined {
  return secretKey(secret) ? undefined : SECRET_SHAPE;
}

export const standardWebhooks: Preset = {
  verify(config, request, nowMs) {
    return verifyStandardWebhook('webhook', config.secrets, request, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  },
  secretProblem: whsecProblem,
};

/** Svix sends `svix-*` headers; deliveries relayed or re-signed in the unbranded form carry `webhook-*`. */
export const svix: Preset = {
  verify(config, request, nowMs) {
    const prefix = header(request, 'svix-signature') || !header(request, 'webhook-signature') ? 'svix' : 'webhook';
    return verifyStandardWebhook(prefix, config.secrets, request, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  },
  secretProblem: whsecProblem,
};
