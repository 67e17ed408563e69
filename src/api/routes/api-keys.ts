/** /v1/api-keys: a project's own keys, each shown once when it is made and revocable. */
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { createApiKeySchema } from '../../projects/api-keys';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKey } from '../../projects/api-keys-repository';
import { projectOf } from '../auth';
import { ApiError, notFound, type ResourceKind } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const API_KEY: ResourceKind = { code: 'api_key_not_found', noun: 'API key' };

export const listApiKeysQuery = z.object(pageQuery);

const view = (key: ApiKey) => ({
  id: key.id,
  name: key.name,
  scope: key.scope,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
});

export function apiKeyRoutes(db: Db): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createApiKeySchema, req.body);
    const { key, ...made } = await createApiKey(db, projectOf(req).id, input);
    res.status(201).json({ ...view(made), key });
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listApiKeysQuery, req.query);
    const page = pageOf(await listApiKeys(db, projectOf(req).id, limit + 1, cursor), limit);
    res.json({ ...page, data: page.data.map(view) });
  });

  router.delete('/:id', async (req, res) => {
    const outcome = await revokeApiKey(db, projectOf(req).id, req.params.id);
    if (outcome === 'not_found') throw notFound(API_KEY, req.params.id);
    if (outcome === 'last_full_key') {
      throw new ApiError(409, 'last_full_key', 'This is the project\'s last key with the full scope; make another before revoking it.');
    }
    res.status(204).end();
  });

  return router;
}
