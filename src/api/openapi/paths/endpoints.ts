/** /v1/endpoints: where a project's events go, their health, and the operator's commands. */
import { z } from 'zod';
import { customerRef } from '../../../customers/schema';
import { createEndpointSchema, updateEndpointSchema } from '../../../endpoints/schema';
import { pageQuery } from '../../pagination';
import { rotateSchema } from '../../routes/endpoints';
import type { Operation } from '../operation';
import { noFields, pageOf, rateLimit, timestamp } from '../shapes';

const status = z.enum(['active', 'paused', 'disabled']);
const previousPublicKey = z.object({ publicKey: z.string(), expiresAt: timestamp }).strict();

export const endpoint = z
  .object({
    id: z.string(),
    projectId: z.string(),
    customerId: z.string().nullable().meta({ description: "The customer's id; null: one of the provider's own endpoints." }),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    filter: z.record(z.string(), z.unknown()).nullable(),
    headers: z.record(z.string(), z.string()).meta({ description: 'Header names; values are masked.' }),
    timeoutMs: z.number().int(),
    retrySchedule: z.array(z.string()).nullable(),
    rateLimit: rateLimit.nullable(),
    circuitBreaker: z.record(z.string(), z.union([z.number(), z.string()])).meta({ description: "Overrides of the circuit breaker's defaults." }),
    autoDisableAfter: z.string().nullable(),
    signatureScheme: z.enum(['v1', 'v1a', 'both']).meta({ description: 'v1: HMAC-SHA256 with the whsec_ secret; v1a: ed25519, verified with publicKey; both: a signature of each.' }),
    publicKey: z.string().nullable().meta({ description: 'The whpk_ key that verifies v1a signatures; null on an endpoint made before v1a until its scheme asks for it.' }),
    previousPublicKeys: z.array(previousPublicKey).meta({ description: 'Rotated-out keys that still sign, until their grace period ends.' }),
    tls: z
      .object({
        certificate: z.object({ subject: z.string(), issuer: z.string(), validTo: timestamp, fingerprint256: z.string() }).strict().nullable(),
        customCa: z.boolean().meta({ description: "Whether the endpoint's server certificate is checked against CAs of its own rather than the system's." }),
      })
      .strict()
      .nullable()
      .meta({ description: 'Mutual TLS: the client certificate presented (its key is never shown); null: none.' }),
    auth: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('basic'), username: z.string() }).strict(),
        z.object({ type: z.literal('bearer') }).strict(),
        z.object({ type: z.literal('oauth2'), tokenUrl: z.string(), clientId: z.string(), scope: z.string().nullable(), audience: z.string().nullable() }).strict(),
      ])
      .nullable()
      .meta({ description: "The endpoint's authentication, without its password, token or client secret; null: none." }),
    region: z.string().nullable().meta({ description: "Where its deliveries leave from: workers started with SWITCHYARD_REGION set to it; null: the default workers." }),
    status,
    statusReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict()
  .meta({ id: 'Endpoint' });

const replay = z
  .object({
    id: z.string(),
    since: z.string(),
    until: z.string().nullable(),
    statuses: z.array(z.enum(['failed', 'cancelled', 'succeeded'])),
    requestedAt: z.number().meta({ description: 'Milliseconds since the epoch.' }),
    state: z.enum(['running', 'done', 'failed']),
    matched: z.number().int().optional(),
    error: z.string().optional(),
  })
  .strict()
  .meta({ id: 'Replay' });

const health = z
  .object({
    endpointId: z.string(),
    status,
    statusReason: z.string().nullable(),
    circuit: z
      .object({ state: z.enum(['closed', 'open', 'half_open']), trips: z.number().int(), consecutiveFailures: z.number().int(), openedAt: timestamp.nullable(), halfOpensAt: timestamp.nullable() })
      .strict(),
    rate: z
      .object({
        perSecond: z.number().nullable(),
        burst: z.number().nullable(),
        effectivePerSecond: z.number().nullable(),
        retryAfterUntil: timestamp.nullable(),
        slowDowns: z.object({ count: z.number().int(), lowestPerSecond: z.number().nullable(), lastAt: timestamp.nullable() }).strict(),
      })
      .strict(),
    recent: z
      .object({
        windowSeconds: z.number(),
        attempts: z.number().int(),
        successes: z.number().int(),
        failures: z.number().int(),
        throttled: z.number().int(),
        failureRatio: z.number(),
        lastSuccessAt: timestamp.nullable(),
        lastFailureAt: timestamp.nullable(),
        failingSince: timestamp.nullable(),
      })
      .strict(),
    totals: z.object({ successes: z.number().int(), failures: z.number().int(), throttled: z.number().int(), exchanges: z.number().int() }).strict(),
    workers: z.number().int(),
    replays: z.array(replay),
    runs: z.number().int(),
  })
  .strict()
  .meta({ id: 'EndpointHealth' });

const reason = z.object({ reason: z.string().min(1).max(500).optional() }).strict();
const replayRequest = z
  .object({
    since: z.iso.datetime({ offset: true }).meta({ description: 'Replays deliveries of events accepted from this time on.' }),
    until: z.iso.datetime({ offset: true }).optional(),
    statuses: z.array(z.enum(['failed', 'cancelled', 'succeeded'])).min(1).optional().meta({ description: 'Which deliveries to replay; failed and cancelled ones by default.' }),
    key: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional().meta({ description: 'Replays are idempotent by range and statuses; a new key runs the same range again.' }),
  })
  .strict();

const id = { id: "The endpoint's id." };
const tag = 'Endpoints';
const withSecret = endpoint.extend({ secret: z.string().meta({ description: 'The signing secret (whsec_…); shown only here and at rotation.' }) }).strict();

const command = (path: string, opId: string, summary: string, body: z.ZodType, errors: Operation['errors'] = []): Operation => ({
  method: 'post',
  path: `/v1/endpoints/{id}/${path}`,
  id: opId,
  summary,
  tag,
  auth: 'apiKey',
  pathParams: id,
  body,
  bodyOptional: true,
  answers: { 200: { description: "The endpoint's health after the command.", schema: health } },
  errors: ['endpoint_not_found', 'endpoint_command_refused', 'temporal_unavailable', ...errors],
});

export const endpointOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/endpoints',
    id: 'createEndpoint',
    summary: 'Create an endpoint',
    description: 'A URL that receives the events it subscribes to, signed with its secret (generated unless given).',
    tag,
    auth: 'apiKey',
    body: createEndpointSchema,
    answers: { 201: { description: 'The endpoint, with its signing secret.', schema: withSecret } },
    errors: ['address_not_allowed', 'customer_not_found'],
  },
  {
    method: 'get',
    path: '/v1/endpoints',
    id: 'listEndpoints',
    summary: 'List endpoints',
    tag,
    auth: 'apiKey',
    query: z.object({ ...pageQuery, customerId: customerRef.optional() }),
    answers: { 200: { description: 'A page of endpoints, newest first.', schema: pageOf(endpoint) } },
  },
  { method: 'get', path: '/v1/endpoints/{id}', id: 'getEndpoint', summary: 'Get an endpoint', tag, auth: 'apiKey', pathParams: id, answers: { 200: { description: 'The endpoint.', schema: endpoint } }, errors: ['endpoint_not_found'] },
  {
    method: 'patch',
    path: '/v1/endpoints/{id}',
    id: 'updateEndpoint',
    summary: 'Change an endpoint',
    description: 'Only the fields sent change. Its entity workflow takes the new settings at once.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: updateEndpointSchema,
    answers: { 200: { description: 'The endpoint as changed.', schema: endpoint } },
    errors: ['endpoint_not_found', 'address_not_allowed'],
  },
  {
    method: 'delete',
    path: '/v1/endpoints/{id}',
    id: 'deleteEndpoint',
    summary: 'Delete an endpoint',
    description: 'Its pending deliveries are cancelled; its past deliveries stay readable.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 204: { description: 'Deleted.' } },
    errors: ['endpoint_not_found'],
  },
  {
    method: 'get',
    path: '/v1/endpoints/{id}/health',
    id: 'getEndpointHealth',
    summary: "An endpoint's health",
    description: 'Circuit state, rate, recent outcomes and replays, as its entity workflow holds them.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: {
      200: {
        description: 'The health.',
        schema: health
          .extend({
            region: z
              .object({ name: z.string(), workers: z.number().int().meta({ description: "Workers polling the region's queue now; 0: its deliveries wait until one starts." }) })
              .strict()
              .nullable()
              .meta({ description: "The endpoint's region; null: the default workers deliver to it." }),
          })
          .strict(),
      },
    },
    errors: ['endpoint_not_found', 'temporal_unavailable'],
  },
  command('pause', 'pauseEndpoint', 'Pause deliveries (they wait, nothing is dropped)', reason),
  command('resume', 'resumeEndpoint', 'Resume a paused endpoint', noFields),
  command('disable', 'disableEndpoint', 'Disable an endpoint (its pending deliveries are cancelled)', reason),
  command('enable', 'enableEndpoint', 'Enable a disabled endpoint', noFields),
  command('reset-circuit', 'resetEndpointCircuit', "Close an endpoint's circuit breaker", noFields),
  {
    method: 'post',
    path: '/v1/endpoints/{id}/replay',
    id: 'replayEndpoint',
    summary: 'Replay past deliveries',
    description: 'Re-delivers the deliveries of events accepted in the range as new deliveries, in the background, at the endpoint\'s pace.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: replayRequest,
    answers: { 202: { description: 'The replay, started (or the one already run for this request), and the health.', schema: z.object({ replay: replay.nullable(), health }).strict() } },
    errors: ['endpoint_not_found', 'endpoint_command_refused', 'temporal_unavailable'],
  },
  {
    method: 'post',
    path: '/v1/endpoints/{id}/rotate-secret',
    id: 'rotateEndpointSecret',
    summary: "Rotate an endpoint's signing secret",
    description: 'The old secret keeps signing too (a second signature) for the grace period, 24 hours unless given.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: rotateSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The new secret, and when each old one stops signing.', schema: z.object({ secret: z.string(), previousSecretsExpireAt: z.array(timestamp) }).strict() } },
    errors: ['endpoint_not_found'],
  },
  {
    method: 'post',
    path: '/v1/endpoints/{id}/rotate-signing-key',
    id: 'rotateEndpointSigningKey',
    summary: "Rotate an endpoint's v1a signing key",
    description:
      'A new ed25519 key signs the v1a signatures; the old one keeps signing too for the grace period, 24 hours unless given. The private key never leaves Switchyard: the answer is the public keys receivers verify with.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: rotateSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The new public key, and the old ones still signing.', schema: z.object({ publicKey: z.string(), previousPublicKeys: z.array(previousPublicKey) }).strict() } },
    errors: ['endpoint_not_found'],
  },
];
