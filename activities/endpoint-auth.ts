/**
 * The Authorization header an endpoint's own authentication asks for (src/endpoints/credentials.ts).
 * Basic and bearer are static. OAuth 2.0 client credentials fetch a token from the endpoint's
 * token URL through the same send as deliveries (so the egress policy and the egress proxy apply
 * to it too), keep it in this worker's memory until shortly before it expires, and share one
 * fetch among the attempts that want it at once. Tokens never leave memory: not the attempt log,
 * not Temporal's history.
 */
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { parseTokenAnswer, staticAuthorization, tokenRequest, type CachedToken, type EndpointAuth } from '../src/endpoints/credentials';
import type { Send, SendRoute } from './http-send';

export type Authorization = { header?: string } | { error: string };

export interface Authorizer {
  /** `route`: how to reach the token URL (the project's egress proxy), when not as every request does. */
  authorization(endpointId: string, auth: EndpointAuth | null, timeoutMs: number, route?: SendRoute): Promise<Authorization>;
  /** The endpoint answered 401: drops its OAuth 2.0 token. True when there was one, so a retry with a fresh one may help. */
  forget(endpointId: string, auth: EndpointAuth | null): boolean;
}

/** Endpoints whose tokens are kept, at most. */
const TOKENS = 10_000;

/** One key per endpoint and set of credentials: new credentials never get an old token. */
const tokenKey = (endpointId: string, auth: EndpointAuth) => `${endpointId}:${crypto.createHash('sha256').update(JSON.stringify(auth)).digest('base64url')}`;

export function createAuthorizer(send: Send, now: () => number = Date.now): Authorizer {
  const tokens = new LRUCache<string, CachedToken>({ max: TOKENS });
  const fetching = new Map<string, Promise<CachedToken | { error: string }>>();

  async function fetchToken(auth: Extract<EndpointAuth, { type: 'oauth2' }>, timeoutMs: number, route: SendRoute | undefined): Promise<CachedToken | { error: string }> {
    const { headers, body } = tokenRequest(auth);
    const result = await send({ url: auth.tokenUrl, headers, body, timeoutMs, route });
    if (!result.ok) return { error: `the OAuth 2.0 token request failed (${result.errorClass}): ${result.error}` };
    const answer = parseTokenAnswer(result.statusCode, result.body, now());
    return 'error' in answer ? { error: `the OAuth 2.0 token request failed: ${answer.error}` } : answer;
  }

  return {
    async authorization(endpointId, auth, timeoutMs, route) {
      if (!auth) return {};
      if (auth.type !== 'oauth2') return { header: staticAuthorization(auth) };
      const key = tokenKey(endpointId, auth);
      const cached = tokens.get(key);
      if (cached && cached.refreshAt > now()) return { header: `Bearer ${cached.accessToken}` };
      let pending = fetching.get(key);
      if (!pending) {
        pending = fetchToken(auth, timeoutMs, route).finally(() => fetching.delete(key));
        fetching.set(key, pending);
      }
      const token = await pending;
      if ('error' in token) return token;
      tokens.set(key, token);
      return { header: `Bearer ${token.accessToken}` };
    },
    forget(endpointId, auth) {
      return auth?.type === 'oauth2' && tokens.delete(tokenKey(endpointId, auth));
    },
  };
}
