/**
 * Standard Webhooks signatures (spec 1.0.0): secrets are `whsec_` and the base64 of 24 to 64
 * random bytes; a signature is `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under
 * the decoded secret; several signatures (one per active secret, during a rotation) go in one
 * `webhook-signature` header separated by spaces. Verified in tests with the official
 * `standardwebhooks` package.
 */
import crypto from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

export function generateSecret(random: Buffer = crypto.randomBytes(32)): string {
  return SECRET_PREFIX + random.toString('base64');
}

/** The key bytes of a `whsec_` secret, or undefined when it is not one. */
export function secretKey(secret: string): Buffer | undefined {
  if (!secret.startsWith(SECRET_PREFIX)) return undefined;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length >= MIN_SECRET_BYTES && key.length <= MAX_SECRET_BYTES ? key : undefined;
}

export function isValidSecret(secret: string): boolean {
  return secretKey(secret) !== undefined;
}

/** One `v1,<base64>` signature of a message. */
export function sign(secret: string, messageId: string, timestampSeconds: number, body: string | Buffer): string {
  const key = secretKey(secret);
  if (!key) throw new Error('not a whsec_ secret');
  const mac = crypto.createHmac('sha256', key);
  mac.update(`${messageId}.${timestampSeconds}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers, signed with every secret given (newest first). */
export function signedHeaders(secrets: string[], messageId: string, timestampSeconds: number, body: string | Buffer): SignedHeaders {
  if (secrets.length === 0) throw new Error('at least one secret is needed to sign');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((secret) => sign(secret, messageId, timestampSeconds, body)).join(' '),
  };
}
