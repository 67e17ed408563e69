/**
 * What a portal session's browser carries. A portal link holds a token signed under a key derived
 * from the encryption keys, so a forged or altered link is refused without a database read; the
 * session it opens lives in a random cookie stored only as its hash, like an API key.
 */
import crypto from 'node:crypto';
import type { EncryptionKey } from '../secrets/sealing';

const LINK_VERSION = 'v1';

function linkMac(key: Buffer, sessionId: string): string {
  const derived = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'switchyard portal link', 32));
  return crypto.createHmac('sha256', derived).update(sessionId).digest('base64url');
}

/** `v1:<key id>:<session id>:<mac>`: key ids hold no ':', nor do session ids. */
export function signLinkToken(key: EncryptionKey, sessionId: string): string {
  return [LINK_VERSION, key.id, sessionId, linkMac(key.key, sessionId)].join(':');
}

/** The session a link token names, when one of the keys signed it; undefined otherwise. */
export function verifyLinkToken(keys: readonly EncryptionKey[], token: string): string | undefined {
  const [version, keyId, sessionId, mac, ...rest] = token.split(':');
  const key = keys.find((candidate) => candidate.id === keyId);
  if (version !== LINK_VERSION || !key || !sessionId || !mac || rest.length > 0) return undefined;
  const expected = Buffer.from(linkMac(key.key, sessionId));
  const given = Buffer.from(mac);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? sessionId : undefined;
}

export const newCookieToken = (): string => crypto.randomBytes(32).toString('base64url');

export const cookieHash = (token: string): Buffer => crypto.createHash('sha256').update(token).digest();

/**
 * The token every form of a session carries back (CSRF). Derived from the cookie, which another
 * site can neither read nor compute it from, so no state is kept for it.
 */
export const csrfToken = (cookie: string): string => crypto.createHash('sha256').update(`csrf:${cookie}`).digest('base64url');
