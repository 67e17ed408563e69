/** What an endpoint is, as the API accepts it: the single source for validation and types. */
import { z } from 'zod';
import { customerRef } from '../customers/schema';
import { parseDuration } from '../durations';
import { MAX_RETRY_WAIT } from '../deliveries/retry-schedule';
import { CIRCUIT_DURATION_LIMITS, MAX_AUTO_DISABLE_AFTER, rateLimitProblems, withBurst, type RateLimitInput } from '../endpoint-health/settings';
import { HEADER_NAME } from '../http';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json';
import { REDACTED } from '../redaction';
import { eventTypePatternProblem } from '../routing/event-types';
import { filterProblems } from '../routing/payload-filter';
import { isValidSecret } from '../signing/standard-webhooks';
import { clientTlsSchema, endpointAuthSchema } from './credentials';
import { regionName } from '../regions';

/**
 * Headers Switchyard sets itself, and the ones that govern the connection or the message's
 * framing rather than its content (hop-by-hop, RFC 9110 7.6.1; Expect and Upgrade change how the
 * exchange goes): with any of them an endpoint's every attempt would fail or misbehave.
 */
const reservedHeaders = new Set([
  'content-type', 'content-length', 'host', 'connection', 'transfer-encoding', 'user-agent',
  'webhook-id', 'webhook-timestamp', 'webhook-signature',
  'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'expect',
]);

/**
 * A header value may hold visible characters, spaces and tabs (RFC 9110 5.5), nothing else below
 * 0x20. NUL too is checked here: values are sealed (secrets/), so PostgreSQL never sees the text.
 */
const HEADER_VALUE = /^[^\x00-\x08\x0a-\x1f\x7f]*$/;

/**
 * An endpoint's custom headers as they may be sent: a row stored before a name or value was
 * refused may still hold one, and it would fail every attempt, so it is left out.
 */
export function sendableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => !reservedHeaders.has(name.toLowerCase()) && HEADER_VALUE.test(value)));
}

/** An HTTP header name (an RFC 9110 token). */
export const httpHeaderName = z.string().max(256, 'not a valid header name').regex(HEADER_NAME, 'not a valid header name');


export const endpointUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2048)
  // zod runs refinements even after the URL check failed; that failure has already been reported.
  .refine((url) => !URL.canParse(url) || (!new URL(url).username && !new URL(url).password), 'must not carry credentials; use headers');

const eventTypePattern = z.string().superRefine((value, ctx) => {
  const problem = eventTypePatternProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const payloadFilter = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  if (nestsDeeperThan(value)) return ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_JSON_DEPTH} levels` });
  for (const problem of filterProblems(value)) ctx.addIssue({ code: 'custom', message: `${problem.path}: ${problem.message}` });
});

/** A duration setting, with its bound (each setting's own, kept beside what uses it). */
export const durationUpTo = (max: string) =>
  z.string().refine((value) => (parseDuration(value) ?? Infinity) <= parseDuration(max)!, `must be a duration like "30s", "5m", "2h" or "1d", at most ${max}`);

/**
 * Deliveries per second; the burst defaults to one second's worth. Checked by the rules the
 * entity's `setRateLimit` command is checked by (src/endpoint-health/settings.ts).
 */
export const rateLimitSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const { path, message } of rateLimitProblems(value)) ctx.addIssue({ code: 'custom', message, path: path ? path.split('.') : [] });
  })
  .transform((value) => withBurst(value as RateLimitInput));

/** Overrides of the circuit breaker's defaults (src/endpoint-health/settings.ts); null: the defaults. */
const circuitBreakerSchema = z
  .object({
    failureRatio: z.number().gt(0).max(1),
    minAttempts: z.number().int().min(1).max(100_000),
    window: durationUpTo(CIRCUIT_DURATION_LIMITS.window),
    consecutiveFailures: z.number().int().min(1).max(100_000),
    coolDown: durationUpTo(CIRCUIT_DURATION_LIMITS.coolDown),
    maxCoolDown: durationUpTo(CIRCUIT_DURATION_LIMITS.maxCoolDown),
    probes: z.number().int().min(1).max(100),
  })
  .partial()
  .strict();

/** Standard Webhooks' two schemes (src/signing/standard-webhooks.ts); `both` sends a signature of each. */
export const SIGNATURE_SCHEMES = ['v1', 'v1a', 'both'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

export function signsWith(scheme: SignatureScheme): { v1: boolean; v1a: boolean } {
  return { v1: scheme !== 'v1a', v1a: scheme !== 'v1' };
}

const fields = {
  url: endpointUrl,
  description: z.string().max(1000),
  eventTypes: z.array(eventTypePattern).min(1).max(100),
  filter: payloadFilter.nullable(),
  headers: z
    .record(httpHeaderName, z.string().max(4096).regex(HEADER_VALUE, 'must not contain line breaks or other control characters'))
    .superRefine((headers, ctx) => {
      for (const [name, value] of Object.entries(headers)) {
        if (reservedHeaders.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: 'is set by Switchyard or governs the connection; it cannot be set' });
        // Answers show header values masked; one sent back as it was shown would replace the real value.
        if (value === REDACTED) ctx.addIssue({ code: 'custom', path: [name], message: 'is the mask the API shows in place of a value; send the value itself' });
      }
    })
    .refine((h) => Object.keys(h).length <= 50, 'at most 50 headers'),
  timeoutMs: z.number().int().min(1_000).max(60_000),
  retrySchedule: z.array(durationUpTo(MAX_RETRY_WAIT)).max(50).nullable(),
  rateLimit: rateLimitSchema.nullable(),
  circuitBreaker: circuitBreakerSchema.nullable(),
  /** No success for this long while attempts keep failing disables the endpoint; null: never. */
  autoDisableAfter: durationUpTo(MAX_AUTO_DISABLE_AFTER).nullable(),
  /** v1: HMAC with the whsec_ secret; v1a: ed25519, verified with the endpoint's public key; both. */
  signatureScheme: z.enum(SIGNATURE_SCHEMES),
  /** A client certificate for mutual TLS (write-only); null: none. */
  tls: clientTlsSchema.nullable(),
  /** The endpoint's own authentication, besides the signature (write-only); null: none. */
  auth: endpointAuthSchema.nullable(),
  /** Where its deliveries leave from (src/deliveries/regions.ts); null: the default workers. */
  region: regionName.nullable(),
  /**
   * The customer it belongs to, by id or uid; null: one of the provider's own endpoints. Set at
   * creation only: what it was sent stays that customer's to see.
   */
  customerId: customerRef.nullable(),
};

export const createEndpointSchema = z
  .object({
    ...fields,
    description: fields.description.optional(),
    eventTypes: fields.eventTypes.optional(),
    filter: fields.filter.optional(),
    headers: fields.headers.optional(),
    timeoutMs: fields.timeoutMs.optional(),
    retrySchedule: fields.retrySchedule.optional(),
    rateLimit: fields.rateLimit.optional(),
    circuitBreaker: fields.circuitBreaker.optional(),
    autoDisableAfter: fields.autoDisableAfter.optional(),
    signatureScheme: fields.signatureScheme.optional(),
    tls: fields.tls.optional(),
    auth: fields.auth.optional(),
    region: fields.region.optional(),
    customerId: fields.customerId.optional(),
    secret: z.string().refine(isValidSecret, 'must be a whsec_ secret of 24 to 64 base64 bytes').optional(),
  })
  .strict();

export const updateEndpointSchema = z
  .object({
    url: fields.url,
    description: fields.description,
    eventTypes: fields.eventTypes,
    filter: fields.filter,
    headers: fields.headers,
    timeoutMs: fields.timeoutMs,
    retrySchedule: fields.retrySchedule,
    rateLimit: fields.rateLimit,
    circuitBreaker: fields.circuitBreaker,
    autoDisableAfter: fields.autoDisableAfter,
    signatureScheme: fields.signatureScheme,
    tls: fields.tls,
    auth: fields.auth,
    region: fields.region,
  })
  .partial()
  .strict();

export type CreateEndpoint = z.output<typeof createEndpointSchema>;
export type UpdateEndpoint = z.output<typeof updateEndpointSchema>;
