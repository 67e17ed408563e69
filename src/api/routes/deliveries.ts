/** /v1/deliveries: what happened to each (event, endpoint), attempt by attempt. */
import { customerRef } from '../../customers/schema';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { attemptsOf, findDelivery, listDeliveries } from '../../deliveries/repository';
import type { DeliveryStarter } from '../../deliveries/starter';
import { deliveryWorkflowId } from '../../deliveries/workflow-contract';
import { endpointById } from '../../endpoints/repository';
import { findEvent } from '../../events/repository';
import { nextId } from '../../ids';
import { projectOf } from '../auth';
import { ApiError } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

/** Resend takes no options: anything in its body is a mistake worth saying so. */
const noOptions = z.object({}).strict();

const listQuery = z.object({
  ...pageQuery,
  status: z.enum(['pending', 'retrying', 'held', 'succeeded', 'failed', 'cancelled']).optional(),
  endpointId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  customerId: customerRef.optional(),
});

export function deliveryRoutes(db: Db, starter: DeliveryStarter): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { limit, cursor, ...filters } = parseQuery(listQuery, req.query);
    res.json(pageOf(await listDeliveries(db, projectOf(req).id, filters, limit + 1, cursor), limit));
  });

  router.get('/:id', async (req, res) => {
    const delivery = await findDelivery(db, projectOf(req).id, req.params.id);
    if (!delivery) throw new ApiError(404, 'delivery_not_found', `No delivery ${req.params.id} in this project.`);
    res.json({ ...delivery, attempts: await attemptsOf(db, delivery.id) });
  });

  /** A new delivery of the same event to the same endpoint, with its own workflow and attempts. */
  router.post('/:id/resend', async (req, res) => {
    parseBody(noOptions, req.body ?? {});
    const projectId = projectOf(req).id;
    const original = await findDelivery(db, projectId, req.params.id);
    if (!original) throw new ApiError(404, 'delivery_not_found', `No delivery ${req.params.id} in this project.`);
    const [event, endpoint] = await Promise.all([findEvent(db, projectId, original.eventId), endpointById(db, original.endpointId)]);
    if (!event || !endpoint || endpoint.deleted) throw new ApiError(409, 'endpoint_gone', 'The endpoint of this delivery was deleted.');
    if (endpoint.status === 'disabled') throw new ApiError(409, 'endpoint_disabled', 'The endpoint is disabled; enable it before resending.');
    const id = nextId('dlv');
    const workflowId = deliveryWorkflowId(original.eventId, original.endpointId, id);
    await db.query('INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id) VALUES ($1, $2, $3, $4, $5)', [
      id,
      projectId,
      original.eventId,
      original.endpointId,
      workflowId,
    ]);
    await starter.start([
      { deliveryId: id, projectId, eventId: original.eventId, endpointId: original.endpointId, workflowId, eventType: event.eventType, endpointUrl: endpoint.url },
    ]);
    res.status(202).json(await findDelivery(db, projectId, id));
  });

  return router;
}
