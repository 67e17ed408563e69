/** /v1/sources: where third parties post webhooks in, how they are checked, where they go, and what was refused. */
import { z } from 'zod';
import { createSourceSchema, PROVIDERS, updateSourceSchema } from '../../../inbound/source-schema';
import { listSourcesQuery, sourceFailuresQuery } from '../../routes/sources';
import type { Operation } from '../operation';
import { pageOf, rateLimit, timestamp } from '../shapes';

const filter = z.record(z.string(), z.unknown());

export const source = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    provider: z.enum(PROVIDERS),
    routes: z.array(
      z
        .object({
          match: z.object({ headers: filter.optional(), body: filter.optional() }).strict().optional(),
          endpointIds: z.array(z.string()),
        })
        .strict(),
    ),
    toleranceSeconds: z.number().int().nullable().meta({ description: "Allowed timestamp age in seconds; null: the provider preset's default." }),
    publicUrl: z.string().nullable().meta({ description: 'The URL as the provider has it, for providers that sign the URL (Twilio, Square).' }),
    response: z
      .object({ status: z.number().int(), body: z.string().optional(), contentType: z.string().optional() })
      .strict()
      .nullable()
      .meta({ description: 'What an accepted request is answered; null: 202 {"ok": true, "eventId"}.' }),
    hmac: z
      .object({
        algorithm: z.enum(['sha256', 'sha512']),
        encoding: z.enum(['hex', 'base64']),
        header: z.string(),
        prefix: z.string().optional(),
        timestampHeader: z.string().optional(),
      })
      .strict()
      .nullable(),
    apiKey: z.object({ header: z.string() }).strict().nullable(),
    allowedIps: z.array(z.string()).nullable().meta({ description: 'CIDRs requests must come from; null: anywhere.' }),
    rateLimit: rateLimit.nullable().meta({ description: 'Requests a second this source takes, verified or not; null: no limit of its own.' }),
    dedupeWindow: z.string(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    secretCount: z.number().int().meta({ description: 'How many secrets verify requests; the secrets themselves are never shown.' }),
    ingestUrl: z.string().meta({ description: 'Where the provider posts: POST /in/{sourceId}.' }),
  })
  .strict()
  .meta({ id: 'Source' });

const failure = z
  .object({
    at: timestamp,
    reason: z.string(),
    headerNames: z.array(z.string()).meta({ description: "The request's header names; values are not kept." }),
    bodyBytes: z.number().int(),
  })
  .strict()
  .meta({ id: 'SourceFailure' });

const id = { id: "The source's id." };
const tag = 'Inbound';

export const sourceOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/sources',
    id: 'createSource',
    summary: 'Create a source',
    description: 'A URL third parties post webhooks to, verified with the secrets by the provider preset and routed to endpoints of this project.',
    tag,
    auth: 'apiKey',
    body: createSourceSchema,
    answers: { 201: { description: 'The source, with the URL to give the provider.', schema: source } },
    errors: ['endpoint_not_found'],
  },
  {
    method: 'get',
    path: '/v1/sources',
    id: 'listSources',
    summary: 'List sources',
    tag,
    auth: 'apiKey',
    query: listSourcesQuery,
    answers: { 200: { description: 'A page of sources, newest first.', schema: pageOf(source) } },
  },
  { method: 'get', path: '/v1/sources/{id}', id: 'getSource', summary: 'Get a source', tag, auth: 'apiKey', pathParams: id, answers: { 200: { description: 'The source.', schema: source } }, errors: ['source_not_found'] },
  {
    method: 'patch',
    path: '/v1/sources/{id}',
    id: 'updateSource',
    summary: 'Change a source',
    description: 'Only the fields sent change; `secrets`, when sent, replaces all of them.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: updateSourceSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The source as changed.', schema: source } },
    errors: ['source_not_found', 'endpoint_not_found'],
  },
  {
    method: 'delete',
    path: '/v1/sources/{id}',
    id: 'deleteSource',
    summary: 'Delete a source',
    description: 'Its URL stops taking requests; the events it brought in stay.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 204: { description: 'Deleted.' } },
    errors: ['source_not_found'],
  },
  {
    method: 'get',
    path: '/v1/sources/{id}/failures',
    id: 'listSourceFailures',
    summary: "A source's refused requests",
    description: 'Why recent requests were refused (a signature that did not verify, an address outside the allow-list), newest first; the provider only hears a 401 or 403. The latest hundred are kept.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    query: sourceFailuresQuery,
    answers: { 200: { description: 'The most recent refusals, newest first.', schema: z.object({ data: z.array(failure) }).strict() } },
    errors: ['source_not_found'],
  },
];
