/** /v1/deliveries: what happened to each (event, endpoint), attempt by attempt. */
import { customerRef } from '../../customers/schema';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { attemptsOf, findDelivery, listDeliveries } from '../../deliveries/repository';
import type { DeliveryStarter } from '../../deliveries/starter';
import { resendDelivery, ResendRefused } from '../../deliveries/resend';
import { projectOf } from '../auth';
import { ApiError } from '../errors';
import { pageOf, pageQuery, timeBound } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const deliveryNotFound = (id: string) => new ApiError(404, 'delivery_not_found', `No delivery ${id} in this project.`);

/** Resend takes no options: anything in its body is a mistake worth saying so. */
export const noOptions = z.object({}).strict();

export const listQuery = z.object({
  ...pageQuery,
  status: z.enum(['pending', 'retrying', 'held', 'succeeded', 'failed', 'cancelled']).optional(),
  endpointId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  eventType: z.string().max(255).optional(),
  since: timeBound('Deliveries made at or after this time'),
  until: timeBound('Deliveries made before this time'),
  customerId: customerRef.optional().meta({ description: "A customer's deliveries (to its endpoints, deleted ones included), by its id or uid." }),
  payloadContains: z.string().min(1).max(200).optional().meta({ description: 'Deliveries of events whose payload contains this text (case-sensitive).' }),
});

export function deliveryRoutes(db: Db, starter: DeliveryStarter): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { limit, cursor, ...filters } = parseQuery(listQuery, req.query);
    res.json(pageOf(await listDeliveries(db, projectOf(req).id, filters, limit + 1, cursor), limit));
  });

  router.get('/:id', async (req, res) => {
    const delivery = await findDelivery(db, projectOf(req).id, req.params.id);
    if (!delivery) throw deliveryNotFound(req.params.id);
    res.json({ ...delivery, attempts: await attemptsOf(db, delivery.id) });
  });

  /** A new delivery of the same event to the same endpoint, with its own workflow and attempts. */
  router.post('/:id/resend', async (req, res) => {
    parseBody(noOptions, req.body ?? {});
    const resent = await resendDelivery(db, starter, projectOf(req).id, req.params.id).catch((error) =>
      Promise.reject(error instanceof ResendRefused ? new ApiError(409, error.code, error.message) : error),
    );
    if (!resent) throw deliveryNotFound(req.params.id);
    res.status(202).json(resent);
  });

  return router;
}
