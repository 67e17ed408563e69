/** /v1/api-keys: a project's own keys, each shown once when it is made, and revocable. */
import { z } from 'zod';
import { API_KEY_SCOPES, createApiKeySchema } from '../../../projects/api-keys';
import { listApiKeysQuery } from '../../routes/api-keys';
import type { Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';

export const apiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(API_KEY_SCOPES),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart.' }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable().meta({ description: 'Recorded at most once a minute; null: never used.' }),
  })
  .strict()
  .meta({ id: 'ApiKey' });

const tag = 'Project';

export const apiKeyOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/api-keys',
    id: 'createApiKey',
    summary: 'Create an API key',
    description: '`full`: every route; `read`: GET routes only; `ingest`: publishing events only.',
    tag,
    auth: 'apiKey',
    body: createApiKeySchema,
    answers: {
      201: { description: 'The key, with the key itself.', schema: apiKey.extend({ key: z.string().meta({ description: 'The key (sk_…); shown only here.' }) }).strict() },
    },
  },
  {
    method: 'get',
    path: '/v1/api-keys',
    id: 'listApiKeys',
    summary: 'List API keys',
    description: 'The unrevoked keys.',
    tag,
    auth: 'apiKey',
    query: listApiKeysQuery,
    answers: { 200: { description: 'A page of keys, newest first.', schema: pageOf(apiKey) } },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    id: 'revokeApiKey',
    summary: 'Revoke an API key',
    description: "The project's last key with the full scope cannot be revoked.",
    tag,
    auth: 'apiKey',
    pathParams: { id: "The key's id." },
    answers: { 204: { description: 'Revoked.' } },
    errors: ['api_key_not_found', 'last_full_key'],
  },
];
