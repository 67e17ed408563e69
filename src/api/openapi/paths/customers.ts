/** /v1/customers: the provider's own customers, each owning endpoints, and their portal links. */
import { z } from 'zod';
import { createCustomerSchema, updateCustomerSchema } from '../../../customers/schema';
import { createPortalSessionSchema } from '../../../portal/session-schema';
import { listCustomersQuery } from '../../routes/customers';
import type { Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';

export const customer = z
  .object({
    id: z.string(),
    uid: z.string().nullable().meta({ description: "The provider's own id for the customer; null: none given." }),
    name: z.string(),
    metadata: z.record(z.string(), z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict()
  .meta({ id: 'Customer' });

const portalSession = z
  .object({
    url: z.string().meta({ description: 'Opens the portal once; its token is in the URL fragment.' }),
    expiresAt: timestamp,
    permissions: z.enum(['read', 'manage']),
  })
  .strict()
  .meta({ id: 'PortalSession' });

const id = { id: "The customer's id or uid." };
const tag = 'Customers';

export const customerOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/customers',
    id: 'createCustomer',
    summary: 'Create a customer',
    tag,
    auth: 'apiKey',
    body: createCustomerSchema,
    answers: { 201: { description: 'The customer.', schema: customer } },
    errors: ['customer_uid_taken'],
  },
  {
    method: 'get',
    path: '/v1/customers',
    id: 'listCustomers',
    summary: 'List customers',
    tag,
    auth: 'apiKey',
    query: listCustomersQuery,
    answers: { 200: { description: 'A page of customers, newest first.', schema: pageOf(customer) } },
  },
  { method: 'get', path: '/v1/customers/{id}', id: 'getCustomer', summary: 'Get a customer', tag, auth: 'apiKey', pathParams: id, answers: { 200: { description: 'The customer.', schema: customer } }, errors: ['customer_not_found'] },
  {
    method: 'patch',
    path: '/v1/customers/{id}',
    id: 'updateCustomer',
    summary: 'Change a customer',
    description: 'Only the fields sent change; a null uid removes it.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: updateCustomerSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The customer as changed.', schema: customer } },
    errors: ['customer_not_found', 'customer_uid_taken'],
  },
  {
    method: 'delete',
    path: '/v1/customers/{id}',
    id: 'deleteCustomer',
    summary: 'Delete a customer',
    description: 'Its endpoints are deleted with it; their deliveries stay readable.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 204: { description: 'Deleted.' } },
    errors: ['customer_not_found'],
  },
  {
    method: 'post',
    path: '/v1/customers/{id}/portal-sessions',
    id: 'createPortalSession',
    summary: 'Make a customer portal link',
    description: 'A link that opens the customer portal for this customer, once, until it expires (in an hour unless given).',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: createPortalSessionSchema,
    bodyOptional: true,
    answers: { 201: { description: 'The link.', schema: portalSession } },
    errors: ['customer_not_found'],
  },
  {
    method: 'delete',
    path: '/v1/customers/{id}/portal-sessions',
    id: 'revokePortalSessions',
    summary: "Revoke a customer's portal sessions",
    description: 'Ends every live portal session of the customer, and its unused links.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 200: { description: 'How many sessions were revoked.', schema: z.object({ revoked: z.number().int() }).strict() } },
    errors: ['customer_not_found'],
  },
];
