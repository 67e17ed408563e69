/** /v1/customers: the provider's own customers, each owning endpoints. */
import { Router } from 'express';
import { z } from 'zod';
import { createCustomer, deleteCustomer, findCustomer, listCustomers, UidTaken, updateCustomer } from '../../customers/repository';
import { createCustomerSchema, updateCustomerSchema } from '../../customers/schema';
import type { Db } from '../../db/pool';
import type { EndpointControl } from '../../endpoint-health/entity-client';
import { refreshEntity } from '../../endpoints/entity';
import { endpointById } from '../../endpoints/repository';
import { projectOf } from '../auth';
import { CUSTOMER } from '../customer-lookup';
import { ApiError, found, notFound } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

export const listCustomersQuery = z.object(pageQuery);

function asApiError(error: unknown): unknown {
  return error instanceof UidTaken ? new ApiError(409, 'customer_uid_taken', error.message, { uid: error.uid }) : error;
}

export function customerRoutes(db: Db, control: EndpointControl): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createCustomerSchema, req.body);
    res.status(201).json(await createCustomer(db, projectOf(req).id, input).catch((error) => Promise.reject(asApiError(error))));
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listCustomersQuery, req.query);
    res.json(pageOf(await listCustomers(db, projectOf(req).id, limit + 1, cursor), limit));
  });

  router.get('/:id', async (req, res) => {
    res.json(found(await findCustomer(db, projectOf(req).id, req.params.id), CUSTOMER, req.params.id));
  });

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateCustomerSchema, req.body ?? {});
    const customer = await updateCustomer(db, projectOf(req).id, req.params.id, input).catch((error) => Promise.reject(asApiError(error)));
    res.json(found(customer, CUSTOMER, req.params.id));
  });

  // Its endpoints go with it; their deliveries stay on record, and their entities are told.
  router.delete('/:id', async (req, res) => {
    const endpointIds = await deleteCustomer(db, projectOf(req).id, req.params.id);
    if (!endpointIds) throw notFound(CUSTOMER, req.params.id);
    for (const id of endpointIds) {
      const endpoint = await endpointById(db, id);
      if (endpoint) await refreshEntity(control, endpoint);
    }
    res.status(204).end();
  });

  return router;
}
