/**
 * Project API keys: `sk_` and 43 base64url characters (256 random bits). Only the SHA-256
 * digest is stored; the key is shown once, when it is made. Each key has a scope, which decides
 * the requests it may make.
 */
import crypto from 'node:crypto';
import { z } from 'zod';

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

/**
 * `full`: every route of the project's API. `read`: GET routes only (a dashboard, a support
 * tool). `ingest`: publishing events only (a producer), so a leaked producer key cannot read
 * payloads or change endpoints.
 */
export const API_KEY_SCOPES = ['full', 'read', 'ingest'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const INGEST_PATHS = new Set(['/events', '/events/batch']);

/** Whether a key of `scope` may make this request; `path` is the route under /v1. */
export function scopeAllows(scope: ApiKeyScope, method: string, path: string): boolean {
  if (scope === 'full') return true;
  if (scope === 'read') return method === 'GET' || method === 'HEAD';
  return method === 'POST' && INGEST_PATHS.has(path.replace(/\/+$/, ''));
}

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    scope: z.enum(API_KEY_SCOPES),
  })
  .strict();
