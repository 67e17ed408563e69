/** /v1/events: producers publish here; every matching endpoint gets a delivery. */
import { z } from 'zod';
import { eventBatchSchema, eventInputSchema } from '../../../events/schema';
import { listQuery } from '../../routes/events';
import { TRACEPARENT, type Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';
import { delivery } from './deliveries';

/** What ingest answers for each event: the first answer again for a repeated idempotency key. */
const acceptedEvent = z
  .object({
    id: z.string(),
    eventType: z.string(),
    deliveries: z
      .array(z.object({ id: z.string(), endpointId: z.string() }).strict())
      .meta({ description: "One per endpoint the event goes to; a disabled endpoint's is recorded as cancelled." }),
  })
  .strict()
  .meta({ id: 'AcceptedEvent' });

export const event = z
  .object({
    id: z.string(),
    eventType: z.string(),
    customerId: z.string().nullable().meta({ description: "The customer whose endpoints it went to; null: the provider's own." }),
    payload: z.unknown().meta({ description: 'JSON as JSON; an inbound body in another format (a form post) as its text.' }),
    idempotencyKey: z.string().nullable(),
    createdAt: timestamp,
    inbound: z
      .object({
        sourceId: z.string().nullable().meta({ description: 'The source it came in at; null: that source was deleted.' }),
        providerEventId: z.string().nullable().meta({ description: "The provider's delivery id, when it sends one." }),
        verification: z.object({ provider: z.string(), verified: z.boolean(), dedupeKey: z.string() }).strict(),
        headers: z.record(z.string(), z.string()).meta({ description: 'The headers it came with; secrets redacted.' }),
        contentType: z.string(),
      })
      .strict()
      .optional()
      .meta({ description: 'Inbound webhooks only: where and how it came in.' }),
  })
  .strict()
  .meta({ id: 'Event' });

const tag = 'Events';

const ingestErrors: Operation['errors'] = ['rate_limited', 'over_capacity', 'invalid_payload', 'idempotency_conflict', 'endpoint_not_found', 'customer_not_found'];

export const eventOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/events',
    id: 'publishEvent',
    summary: 'Publish an event',
    description:
      "Answered once the event and its deliveries are committed, before their workflows start. Goes to the customer's endpoints (`customerId`) or the provider's own, those named (`endpointIds`) or those subscribed to its type. A repeated `idempotencyKey` with the same body answers the first event again and creates nothing.",
    tag,
    auth: 'apiKey',
    headers: TRACEPARENT,
    body: eventInputSchema,
    answers: { 202: { description: 'The event, accepted, with its deliveries.', schema: acceptedEvent } },
    errors: ingestErrors,
  },
  {
    method: 'post',
    path: '/v1/events/batch',
    id: 'publishEvents',
    summary: 'Publish events in a batch',
    description: 'All or none: one event refused refuses the batch, and `details` paths name it (`events.3.payload`). Each event counts against the ingest rate.',
    tag,
    auth: 'apiKey',
    headers: TRACEPARENT,
    body: eventBatchSchema,
    answers: { 202: { description: 'The events, accepted, in the order sent.', schema: z.object({ data: z.array(acceptedEvent) }).strict() } },
    errors: ingestErrors,
  },
  {
    method: 'get',
    path: '/v1/events',
    id: 'listEvents',
    summary: 'List events',
    description: "`customerId` (a customer's id or uid) selects that customer's events.",
    tag,
    auth: 'apiKey',
    query: listQuery,
    answers: { 200: { description: 'A page of events, newest first.', schema: pageOf(event) } },
    errors: ['invalid_date'],
  },
  {
    method: 'get',
    path: '/v1/events/{id}',
    id: 'getEvent',
    summary: 'Get an event',
    tag,
    auth: 'apiKey',
    pathParams: { id: "The event's id." },
    answers: {
      200: {
        description: 'The event, with its deliveries (up to 1000, newest first).',
        schema: event.extend({ deliveries: z.array(delivery) }).strict(),
      },
    },
    errors: ['event_not_found'],
  },
];
