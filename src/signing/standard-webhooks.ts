/**
 * Standard Webhooks signatures (spec 1.0.0), both schemes:
 * - `v1`, symmetric: secrets are `whsec_` and the base64 of 24 to 64 random bytes; a signature is
 *   `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the decoded secret.
 *   Verified in tests with the official `standardwebhooks` package.
 * - `v1a`, asymmetric: the signing key is `whsk_` and the base64 of a 32-byte ed25519 seed, its
 *   public key `whpk_` and the base64 of the 32 raw public bytes; a signature is `v1a,` and the
 *   base64 ed25519 signature of the same `{id}.{timestamp}.{body}`. A receiver verifies with the
 *   public key alone, so it holds nothing that could forge a webhook.
 * Several signatures (one per active secret or key, during a rotation, and one per scheme) go in
 * one `webhook-signature` header separated by spaces.
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

export const SIGNING_KEY_PREFIX = 'whsk_';
export const PUBLIC_KEY_PREFIX = 'whpk_';
const ED25519_SEED_BYTES = 32;
/** DER framing of a bare ed25519 seed as PKCS#8, and of a bare public key as SPKI (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The 32-byte base64 payload behind a prefix, or undefined. */
function prefixedBytes(text: string, prefix: string): Buffer | undefined {
  if (!text.startsWith(prefix)) return undefined;
  const encoded = text.slice(prefix.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  return bytes.length === ED25519_SEED_BYTES ? bytes : undefined;
}

export function generateSigningKey(seed: Buffer = crypto.randomBytes(ED25519_SEED_BYTES)): string {
  return SIGNING_KEY_PREFIX + seed.toString('base64');
}

export function isValidSigningKey(key: string): boolean {
  return prefixedBytes(key, SIGNING_KEY_PREFIX) !== undefined;
}

/** Parsing a key costs more than signing with it: each signing key is parsed once per process. */
const privateKeys = new Map<string, crypto.KeyObject>();
const PRIVATE_KEY_CACHE = 10_000;

function privateKeyOf(signingKey: string): crypto.KeyObject {
  const cached = privateKeys.get(signingKey);
  if (cached) return cached;
  const seed = prefixedBytes(signingKey, SIGNING_KEY_PREFIX);
  if (!seed) throw new Error('not a whsk_ signing key');
  const key = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  if (privateKeys.size >= PRIVATE_KEY_CACHE) privateKeys.delete(privateKeys.keys().next().value!);
  privateKeys.set(signingKey, key);
  return key;
}

/** The `whpk_` public key that verifies what a `whsk_` key signs. */
export function publicKeyOf(signingKey: string): string {
  const spki = crypto.createPublicKey(privateKeyOf(signingKey)).export({ format: 'der', type: 'spki' });
  return PUBLIC_KEY_PREFIX + spki.subarray(SPKI_ED25519_PREFIX.length).toString('base64');
}

/** A `whpk_` public key as Node's crypto takes it, or undefined when it is not one. */
export function publicKeyObject(publicKey: string): crypto.KeyObject | undefined {
  const raw = prefixedBytes(publicKey, PUBLIC_KEY_PREFIX);
  return raw && crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** One `v1a,<base64>` signature of a message. */
export function signAsymmetric(signingKey: string, messageId: string, timestampSeconds: number, body: string | Buffer): string {
  const message = Buffer.concat([Buffer.from(`${messageId}.${timestampSeconds}.`), typeof body === 'string' ? Buffer.from(body) : body]);
  return `v1a,${crypto.sign(null, message, privateKeyOf(signingKey)).toString('base64')}`;
}

/** What signs a message: v1 secrets and v1a keys, each newest first; either list may be empty. */
export interface SigningMaterial {
  secrets: string[];
  signingKeys: string[];
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers, signed with every secret and key given. */
export function signedHeaders(material: SigningMaterial, messageId: string, timestampSeconds: number, body: string | Buffer): SignedHeaders {
  if (material.secrets.length + material.signingKeys.length === 0) throw new Error('at least one secret or signing key is needed to sign');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': [
      ...material.secrets.map((secret) => sign(secret, messageId, timestampSeconds, body)),
      ...material.signingKeys.map((key) => signAsymmetric(key, messageId, timestampSeconds, body)),
    ].join(' '),
  };
}
