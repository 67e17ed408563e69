/** /v1/endpoints: where a project's events go. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { EgressPolicy } from '../../egress/address-policy';
import type { Db } from '../../db/pool';
import { parseDuration } from '../../durations';
import { commandProblems, type Command } from '../../endpoint-health/commands';
import type { EndpointHealth } from '../../endpoint-health/health-view';
import { replayId } from '../../endpoint-health/replays';
import { CommandRefused, type EndpointControl, type EntityRef } from '../../endpoint-health/entity-client';
import {
  createEndpoint,
  deleteEndpoint,
  endpointById,
  findEndpoint,
  listEndpoints,
  publicEndpoint,
  rotateSecret,
  rotateSigningKey,
  updateEndpoint,
  type EndpointWithSecrets,
} from '../../endpoints/repository';
import { createEndpointSchema, durationUpTo, updateEndpointSchema } from '../../endpoints/schema';
import { customerRef } from '../../customers/schema';
import { projectOf } from '../auth';
import { CUSTOMER, customerIdOf } from '../customer-lookup';
import { ApiError, found, notFound, type ResourceKind } from '../errors';
import { log, errorMessage } from '../../log';
import { entityRef, refreshEntity } from '../../endpoints/entity';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery, refuseBlockedUrl, refuseProblems } from '../validation';

const DEFAULT_ROTATION_GRACE = '24h';
/** How long a rotated-out secret may keep signing, at most. */
const MAX_ROTATION_GRACE = '30d';

export const rotateSchema = z.object({ gracePeriod: durationUpTo(MAX_ROTATION_GRACE).optional() }).strict();

/** A command's body, checked by the rules its entity checks it by again (commands.ts). */
function commandOf<T extends Command['type']>(type: T, body: unknown): Extract<Command, { type: T }> {
  refuseProblems(commandProblems(type, body));
  return { ...(body as object), type } as Extract<Command, { type: T }>;
}

/** The endpoint's entity could not be reached: Temporal is down or overloaded. */
function entityUnavailable(error: unknown): ApiError {
  log.warn('endpoint entity unreachable', { error: errorMessage(error) });
  return new ApiError(503, 'temporal_unavailable', "The endpoint's workflow could not be reached; try again shortly.");
}

const ENDPOINT: ResourceKind = { code: 'endpoint_not_found', noun: 'endpoint' };

export function endpointRoutes(db: Db, control: EndpointControl, egress: EgressPolicy): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createEndpointSchema, req.body);
    refuseBlockedUrl(egress, 'url', input.url);
    if (input.auth?.type === 'oauth2') refuseBlockedUrl(egress, 'auth.tokenUrl', input.auth.tokenUrl);
    const customerId = await customerIdOf(db, projectOf(req).id, input.customerId);
    const endpoint = found(await createEndpoint(db, projectOf(req).id, { ...input, customerId }), CUSTOMER, input.customerId!);
    res.status(201).json({ ...publicEndpoint(endpoint), secret: endpoint.secret });
  });

  router.get('/', async (req, res) => {
    const { limit, cursor, customerId } = parseQuery(z.object({ ...pageQuery, customerId: customerRef.optional() }), req.query);
    const rows = await listEndpoints(db, projectOf(req).id, limit + 1, cursor, customerId);
    const page = pageOf(rows, limit);
    res.json({ data: page.data.map((endpoint) => publicEndpoint(endpoint)), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    res.json(publicEndpoint(found(await findEndpoint(db, projectOf(req).id, req.params.id), ENDPOINT, req.params.id)));
  });

  const refresh = (endpoint: EndpointWithSecrets & { deleted?: boolean }) => refreshEntity(control, endpoint);

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateEndpointSchema, req.body ?? {});
    refuseBlockedUrl(egress, 'url', input.url);
    if (input.auth?.type === 'oauth2') refuseBlockedUrl(egress, 'auth.tokenUrl', input.auth.tokenUrl);
    const endpoint = found(await updateEndpoint(db, projectOf(req).id, req.params.id, input), ENDPOINT, req.params.id);
    await refresh(endpoint);
    res.json(publicEndpoint(endpoint));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteEndpoint(db, projectOf(req).id, req.params.id))) throw notFound(ENDPOINT, req.params.id);
    const deleted = await endpointById(db, req.params.id);
    if (deleted) await refresh(deleted);
    res.status(204).end();
  });

  // Health and the operator's commands: the endpoint's entity workflow carries them out.
  const entityOf = async (req: Request<{ id: string }>): Promise<EntityRef> => {
    return entityRef(found(await findEndpoint(db, projectOf(req).id, req.params.id), ENDPOINT, req.params.id));
  };
  const command = async (entity: EntityRef, c: Command): Promise<EndpointHealth> => {
    try {
      return await control.command(entity, c);
    } catch (error) {
      if (error instanceof CommandRefused) throw new ApiError(409, 'endpoint_command_refused', error.message);
      throw entityUnavailable(error);
    }
  };

  // With the endpoint's region, whether any worker serves it: without one its deliveries wait.
  router.get('/:id/health', async (req, res) => {
    const endpoint = found(await findEndpoint(db, projectOf(req).id, req.params.id), ENDPOINT, req.params.id);
    const [health, workers] = await Promise.all([
      control.health(entityRef(endpoint)),
      endpoint.region === null ? undefined : control.regionWorkers(endpoint.region),
    ]).catch((error) => Promise.reject(entityUnavailable(error)));
    res.json({ ...health, region: endpoint.region === null ? null : { name: endpoint.region, workers: workers! } });
  });

  const simple: [path: string, type: Command['type']][] = [
    ['pause', 'pause'],
    ['resume', 'resume'],
    ['disable', 'disable'],
    ['enable', 'enable'],
    ['reset-circuit', 'resetCircuit'],
  ];
  for (const [path, type] of simple) {
    router.post(`/:id/${path}`, async (req, res) => {
      const c = commandOf(type, req.body ?? {});
      res.json(await command(await entityOf(req), c));
    });
  }

  /** Re-delivers past deliveries as new ones, in the background, at the endpoint's pace. */
  router.post('/:id/replay', async (req, res) => {
    const request = commandOf('replay', req.body ?? {});
    const entity = await entityOf(req);
    const health = await command(entity, request);
    const id = replayId(entity.id, request);
    res.status(202).json({ replay: health.replays.find((r) => r.id === id) ?? null, health });
  });

  router.post('/:id/rotate-secret', async (req, res) => {
    const { gracePeriod } = parseBody(rotateSchema, req.body ?? {});
    const graceMs = parseDuration(gracePeriod ?? DEFAULT_ROTATION_GRACE)!;
    const endpoint = found(await rotateSecret(db, projectOf(req).id, req.params.id, graceMs), ENDPOINT, req.params.id);
    res.json({ secret: endpoint.secret, previousSecretsExpireAt: endpoint.previousSecrets.map((p) => p.expiresAt) });
  });

  // The v1a key itself never leaves the gateway: the answer is its public half, for receivers.
  router.post('/:id/rotate-signing-key', async (req, res) => {
    const { gracePeriod } = parseBody(rotateSchema, req.body ?? {});
    const graceMs = parseDuration(gracePeriod ?? DEFAULT_ROTATION_GRACE)!;
    const endpoint = publicEndpoint(found(await rotateSigningKey(db, projectOf(req).id, req.params.id, graceMs), ENDPOINT, req.params.id));
    res.json({ publicKey: endpoint.publicKey!, previousPublicKeys: endpoint.previousPublicKeys });
  });

  return router;
}
