/**
 * The small checks every preset is built from. Signatures are compared as decoded bytes with
 * `timingSafeEqual`, so hex case or base64 padding never matters and nothing leaks through timing
 * but the (public) signature length.
 */
import crypto from 'node:crypto';
import type { InboundRequest, Verification } from './types';

/** Every provider here that signs a timestamp documents, or its SDK uses, five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const accepted = (deliveryId?: string): Verification => (deliveryId === undefined ? { ok: true } : { ok: true, deliveryId });
export const rejected = (reason: string): Verification => ({ ok: false, reason });

/** A header's trimmed value; absent and blank are the same thing to a verifier. */
export function header(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]?.trim();
  return value ? value : undefined;
}

export function hmac(algorithm: 'sha1' | 'sha256' | 'sha512', key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = crypto.createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The bytes of an encoded signature, or undefined when the text is not that encoding at all. */
export function decodeSignature(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** Constant-time equality of two signatures; lengths are public (they follow from the algorithm). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Constant-time equality of a presented token with a configured one. Both are hashed first so the
 * comparison has a fixed length and the token's own length does not leak.
 */
export function sameToken(presented: string, configured: string): boolean {
  const digest = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest();
  return crypto.timingSafeEqual(digest(presented), digest(configured));
}

/**
 * Whether any candidate signature equals the one expected under any secret: providers send one
 * signature per active secret while they rotate, and we hold old and new secrets while we do.
 */
export function anySignatureMatches<Secret>(secrets: readonly Secret[], candidates: readonly Buffer[], expected: (secret: Secret) => Buffer): boolean {
  if (candidates.length === 0) return false;
  return secrets.some((secret) => {
    const want = expected(secret);
    return candidates.some((candidate) => sameBytes(candidate, want));
  });
}

/**
 * Why a signed Unix-seconds timestamp is unacceptable, or undefined when it is within the window.
 * The window is symmetric: a timestamp far in the future is as suspect as an old one, and every
 * official SDK's own signatures pass a symmetric check.
 */
export function timestampProblem(what: string, text: string | undefined, nowMs: number, toleranceSeconds: number): string | undefined {
  if (text === undefined) return `missing ${what}`;
  if (!/^\d{1,15}$/.test(text)) return `${what} is not a Unix time in seconds`;
  const skewSeconds = Math.abs(nowMs - Number(text) * 1000) / 1000;
  if (skewSeconds > toleranceSeconds) {
    return `${what} ${text} is ${Math.round(skewSeconds)} s from now, more than the ${toleranceSeconds} s allowed (stale, replayed or a skewed clock)`;
  }
  return undefined;
}

/** The first of these top-level string fields of a JSON body, or undefined (also for a body that is not JSON). */
export function jsonStringField(body: Buffer, ...keys: string[]): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const key of keys) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
