/**
 * Project API keys: `sk_` and 43 base64url characters (256 random bits). Only the SHA-256
 * digest is stored; the key is shown once, when it is made.
 */
import crypto from 'node:crypto';

export const API_KEY_PREFIX = 'sk_';
const keyShape = /^sk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  key: string;
  hash: Buffer;
  /** Enough of the key to recognise it in a listing, not enough to use it. */
  displayPrefix: string;
}

export function generateApiKey(random: Buffer = crypto.randomBytes(32)): NewApiKey {
  const key = API_KEY_PREFIX + random.toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}

export function hashApiKey(key: string): Buffer {
  return crypto.createHash('sha256').update(key).digest();
}

/** Rejects strings that cannot be keys before they cost a database round-trip. */
export function looksLikeApiKey(candidate: string): boolean {
  return keyShape.test(candidate);
}
