/** /v1/endpoints: where a project's events go. */
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { parseDuration } from '../../delivery/retry-schedule';
import {
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listEndpoints,
  publicEndpoint,
  rotateSecret,
  updateEndpoint,
  type EndpointWithSecrets,
} from '../../endpoints/repository';
import { createEndpointSchema, updateEndpointSchema } from '../../endpoints/schema';
import { projectOf } from '../auth';
import { ApiError } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const DEFAULT_ROTATION_GRACE = '24h';

const rotateSchema = z
  .object({ gracePeriod: z.string().refine((v) => parseDuration(v) !== undefined, 'must be a duration like "1h" or "24h"').optional() })
  .strict();

function notFound(id: string): ApiError {
  return new ApiError(404, 'endpoint_not_found', `No endpoint ${id} in this project.`);
}

function found(endpoint: EndpointWithSecrets | undefined, id: string): EndpointWithSecrets {
  if (!endpoint) throw notFound(id);
  return endpoint;
}

export function endpointRoutes(db: Db): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createEndpointSchema, req.body);
    const endpoint = await createEndpoint(db, projectOf(req).id, input);
    res.status(201).json({ ...publicEndpoint(endpoint), secret: endpoint.secret });
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(z.object(pageQuery), req.query);
    const rows = await listEndpoints(db, projectOf(req).id, limit + 1, cursor);
    const page = pageOf(rows, limit);
    res.json({ data: page.data.map(publicEndpoint), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    res.json(publicEndpoint(found(await findEndpoint(db, projectOf(req).id, req.params.id), req.params.id)));
  });

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateEndpointSchema, req.body ?? {});
    res.json(publicEndpoint(found(await updateEndpoint(db, projectOf(req).id, req.params.id, input), req.params.id)));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteEndpoint(db, projectOf(req).id, req.params.id))) throw notFound(req.params.id);
    res.status(204).end();
  });

  router.post('/:id/rotate-secret', async (req, res) => {
    const { gracePeriod } = parseBody(rotateSchema, req.body ?? {});
    const graceMs = parseDuration(gracePeriod ?? DEFAULT_ROTATION_GRACE)!;
    const endpoint = found(await rotateSecret(db, projectOf(req).id, req.params.id, graceMs), req.params.id);
    res.json({ secret: endpoint.secret, previousSecretsExpireAt: endpoint.previousSecrets.map((p) => p.expiresAt) });
  });

  return router;
}
