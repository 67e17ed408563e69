/**
 * What an endpoint proves besides the signature: a client certificate for mutual TLS, and
 * credentials for its own authentication (Basic, a bearer token, or OAuth 2.0 client
 * credentials). Both are stored sealed and are write-only: answers show what they are, never the
 * key, password, token or client secret. Pure: checked here, used by activities/endpoint-auth.ts
 * and the HTTP send.
 */
import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * PEM text of a client certificate (chain) and its private key, and the CAs that vouch for the
 * endpoint's server certificate instead of the system's; either part may come alone.
 */
export interface ClientTlsInput {
  certificate?: string;
  key?: string;
  ca?: string;
}

export type EndpointAuth =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string; audience?: string };

/** What an answer shows of each. */
export type ShownAuth = { type: 'basic'; username: string } | { type: 'bearer' } | { type: 'oauth2'; tokenUrl: string; clientId: string; scope: string | null; audience: string | null };
export interface ShownTls {
  /** The client certificate; null when the endpoint only has CAs of its own. */
  certificate: { subject: string; issuer: string; validTo: string; fingerprint256: string } | null;
  /** Whether the endpoint's server certificate is checked against CAs of its own rather than the system's. */
  customCa: boolean;
}

const MAX_PEM = 64 * 1024;
const pem = z.string().min(1).max(MAX_PEM);

/** Why the certificate, key and CA cannot be used together; empty when they can. */
export function clientTlsProblems(input: ClientTlsInput): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if ((input.certificate === undefined) !== (input.key === undefined)) {
    return [{ path: input.certificate === undefined ? 'certificate' : 'key', message: 'a client certificate and its key come together' }];
  }
  if (input.certificate === undefined && input.ca === undefined) return [{ path: '', message: 'give a client certificate and key, a ca, or both' }];
  let certificate: crypto.X509Certificate | undefined;
  let key: crypto.KeyObject | undefined;
  if (input.certificate !== undefined) {
    try {
      certificate = new crypto.X509Certificate(input.certificate);
    } catch {
      problems.push({ path: 'certificate', message: 'is not a PEM certificate' });
    }
    try {
      key = crypto.createPrivateKey(input.key!);
    } catch {
      // Never quote it: it is the private key.
      problems.push({ path: 'key', message: 'is not an unencrypted PEM private key' });
    }
  }
  if (certificate && key && !certificate.checkPrivateKey(key)) problems.push({ path: 'key', message: "is not the certificate's private key" });
  if (input.ca !== undefined) {
    try {
      new crypto.X509Certificate(input.ca);
    } catch {
      problems.push({ path: 'ca', message: 'is not a PEM certificate (or bundle)' });
    }
  }
  return problems;
}

export const clientTlsSchema = z
  .object({ certificate: pem.optional(), key: pem.optional(), ca: pem.optional() })
  .strict()
  .superRefine((value, ctx) => {
    for (const problem of clientTlsProblems(value)) ctx.addIssue({ code: 'custom', path: problem.path ? [problem.path] : [], message: problem.message });
  });

const token = z.string().min(1).max(4096).regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters, without spaces');
const credentialText = z.string().min(1).max(1024).regex(/^[^\x00-\x1f\x7f]*$/, 'must not contain control characters');

/** `tokenUrl` is checked against the egress policy by the API, as endpoint URLs are. */
export const endpointAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), username: credentialText.refine((name) => !name.includes(':'), 'must not contain ":"'), password: credentialText }).strict(),
  z.object({ type: z.literal('bearer'), token }).strict(),
  z
    .object({
      type: z.literal('oauth2'),
      tokenUrl: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2048),
      clientId: credentialText,
      clientSecret: credentialText,
      scope: z.string().max(1024).regex(/^[\x21\x23-\x5b\x5d-\x7e ]*$/, 'must be scope tokens separated by spaces (RFC 6749 3.3)').optional(),
      audience: credentialText.optional(),
    })
    .strict(),
]);

export function shownAuth(auth: EndpointAuth): ShownAuth {
  switch (auth.type) {
    case 'basic':
      return { type: 'basic', username: auth.username };
    case 'bearer':
      return { type: 'bearer' };
    case 'oauth2':
      return { type: 'oauth2', tokenUrl: auth.tokenUrl, clientId: auth.clientId, scope: auth.scope ?? null, audience: auth.audience ?? null };
  }
}

export function shownTls(tls: ClientTlsInput): ShownTls {
  const certificate = tls.certificate === undefined ? undefined : new crypto.X509Certificate(tls.certificate);
  return {
    certificate: certificate
      ? {
          subject: certificate.subject.replace(/\n/g, ', '),
          issuer: certificate.issuer.replace(/\n/g, ', '),
          validTo: new Date(certificate.validTo).toISOString(),
          fingerprint256: certificate.fingerprint256,
        }
      : null,
    customCa: tls.ca !== undefined,
  };
}

/** The Authorization header of the static kinds; OAuth 2.0 needs a token first (tokenRequest). */
export function staticAuthorization(auth: EndpointAuth): string | undefined {
  if (auth.type === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}

/**
 * The client credentials grant's request (RFC 6749 4.4): the client authenticates with HTTP Basic
 * (2.3.1, its identifier and secret form-encoded first), the grant in a form body.
 */
export function tokenRequest(auth: Extract<EndpointAuth, { type: 'oauth2' }>): { headers: Record<string, string>; body: Buffer } {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (auth.scope) form.set('scope', auth.scope);
  if (auth.audience) form.set('audience', auth.audience);
  const basic = `${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`;
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${Buffer.from(basic).toString('base64')}` },
    body: Buffer.from(form.toString()),
  };
}

/** Tokens without `expires_in` are kept this long; tokens are refreshed this long before they expire. */
export const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;
export const REFRESH_AHEAD_MS = 60_000;

export interface CachedToken {
  accessToken: string;
  /** When to fetch a new one: ahead of its expiry, by a minute or a tenth of its lifetime, whichever is less. */
  refreshAt: number;
}

/** The token server's answer (RFC 6749 5.1), or why it cannot be used; the error never holds the token. */
export function parseTokenAnswer(statusCode: number, body: string, now: number): CachedToken | { error: string } {
  if (statusCode < 200 || statusCode > 299) return { error: `the token endpoint answered ${statusCode}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: 'the token endpoint answered with something other than JSON' };
  }
  const answer = z.object({ access_token: token, token_type: z.string().optional(), expires_in: z.coerce.number().positive().max(366 * 86_400).optional() }).safeParse(parsed);
  if (!answer.success) return { error: 'the token endpoint answered without a usable access_token' };
  if (answer.data.token_type && answer.data.token_type.toLowerCase() !== 'bearer') return { error: `the token endpoint gave a ${answer.data.token_type.slice(0, 40)} token; only bearer tokens are supported` };
  const lifetime = answer.data.expires_in === undefined ? DEFAULT_TOKEN_LIFETIME_MS : answer.data.expires_in * 1000;
  return { accessToken: answer.data.access_token, refreshAt: now + lifetime - Math.min(REFRESH_AHEAD_MS, lifetime / 10) };
}
