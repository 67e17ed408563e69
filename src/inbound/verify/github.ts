/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the body keyed with the secret's text.
 * Nothing time-bound is signed, so replays are caught by dedupe on `X-GitHub-Delivery`. The legacy
 * SHA-1 `X-Hub-Signature` is not accepted: GitHub always sends the SHA-256 one beside it.
 */
import { accepted, anySignatureMatches, decodeSignature, header, hmac, rejected } from './signature-checks';
import type { Preset } from './types';

const PREFIX = 'sha256=';

export const github: Preset = {
  verify(config, request) {
    const value = header(request, 'x-hub-signature-256');
    if (!value) return rejected('missing X-Hub-Signature-256 header');
    if (!value.startsWith(PREFIX)) return rejected("X-Hub-Signature-256 does not start with 'sha256='");
    const candidate = decodeSignature(value.slice(PREFIX.length), 'hex');
    const matches = anySignatureMatches(config.secrets, candidate ? [candidate] : [], (secret) => hmac('sha256', secret, request.body));
    if (!matches) return rejected('X-Hub-Signature-256 matches no configured secret');
    return accepted(header(request, 'x-github-delivery'));
  },
};
