/** /v1/deliveries: one event to one endpoint, attempt by attempt, and resending it. */
import { z } from 'zod';
import { listQuery, noOptions } from '../../routes/deliveries';
import type { Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';

export const delivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    endpointId: z.string(),
    status: z.enum(['pending', 'retrying', 'held', 'succeeded', 'failed', 'cancelled']),
    statusReason: z.string().nullable(),
    attemptCount: z.number().int(),
    nextAttemptAt: timestamp.nullable().meta({ description: 'When the next attempt is due; null: none is scheduled.' }),
    workflowId: z.string().meta({ description: "The delivery's Temporal workflow." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict()
  .meta({ id: 'Delivery' });

const attempt = z
  .object({
    n: z.number().int().meta({ description: 'The attempt number, from 1.' }),
    startedAt: timestamp,
    durationMs: z.number().int(),
    requestHeaders: z.record(z.string(), z.string()).meta({ description: "The headers sent; the endpoint's custom header values are redacted." }),
    statusCode: z.number().int().nullable().meta({ description: "The endpoint's HTTP status; null: no answer came (see errorClass). A status with an errorClass: the answer broke off, and the attempt failed." }),
    responseHeaders: z.record(z.string(), z.string()).nullable(),
    responseBody: z.string().nullable(),
    errorClass: z.string().nullable().meta({ description: "Why no answer came, or why the answer that began (statusCode) did not count: timeout, connect_refused, dns, tls, connection_reset, invalid_response, egress_blocked, proxy, auth, other." }),
    error: z.string().nullable(),
  })
  .strict()
  .meta({ id: 'Attempt' });

const id = { id: "The delivery's id." };
const tag = 'Deliveries';

export const deliveryOperations: Operation[] = [
  {
    method: 'get',
    path: '/v1/deliveries',
    id: 'listDeliveries',
    summary: 'List deliveries',
    tag,
    auth: 'apiKey',
    query: listQuery,
    answers: { 200: { description: 'A page of deliveries, newest first.', schema: pageOf(delivery) } },
    errors: ['invalid_date'],
  },
  {
    method: 'get',
    path: '/v1/deliveries/{id}',
    id: 'getDelivery',
    summary: 'Get a delivery',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 200: { description: 'The delivery, with its attempts in order.', schema: delivery.extend({ attempts: z.array(attempt) }).strict() } },
    errors: ['delivery_not_found'],
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/resend',
    id: 'resendDelivery',
    summary: 'Resend a delivery',
    description: 'A new delivery of the same event to the same endpoint, with its own workflow and attempts; the original stays as it was.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: noOptions,
    bodyOptional: true,
    answers: { 202: { description: 'The new delivery, started.', schema: delivery } },
    errors: ['delivery_not_found', 'endpoint_gone', 'endpoint_disabled'],
  },
];
