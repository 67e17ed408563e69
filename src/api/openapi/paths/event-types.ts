/** /v1/event-types: the project's catalogue of event types, with their schemas and examples. */
import { z } from 'zod';
import { createEventTypeSchema, updateEventTypeSchema } from '../../../event-types/schema';
import { listQuery, noOptions } from '../../routes/event-types';
import type { Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';

export const eventType = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    schema: z.record(z.string(), z.unknown()).nullable().meta({ description: "A JSON Schema (2020-12) the type's payloads must pass when the project validates payloads; null: none." }),
    example: z.unknown().meta({ description: 'A payload of this type (it passes the schema); null: none.' }),
    deprecated: z.boolean(),
    archived: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict()
  .meta({ id: 'EventType' });

const name = { name: "The event type's name (or its id)." };
const tag = 'Event types';

const archiving = (path: string, opId: string, summary: string, description: string): Operation => ({
  method: 'post',
  path: `/v1/event-types/{name}/${path}`,
  id: opId,
  summary,
  description,
  tag,
  auth: 'apiKey',
  pathParams: name,
  body: noOptions,
  bodyOptional: true,
  answers: { 200: { description: 'The event type as changed.', schema: eventType } },
  errors: ['event_type_not_found'],
});

export const eventTypeOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/event-types',
    id: 'createEventType',
    summary: 'Create an event type',
    description: 'An example, when given, must pass the schema (a 400 `invalid_request` names where it does not).',
    tag,
    auth: 'apiKey',
    body: createEventTypeSchema,
    answers: { 201: { description: 'The event type.', schema: eventType } },
    errors: ['event_type_exists'],
  },
  {
    method: 'get',
    path: '/v1/event-types',
    id: 'listEventTypes',
    summary: 'List event types',
    description: 'Archived ones only with `includeArchived=true`.',
    tag,
    auth: 'apiKey',
    query: listQuery,
    answers: { 200: { description: 'A page of event types, newest first.', schema: pageOf(eventType) } },
  },
  {
    method: 'get',
    path: '/v1/event-types/{name}',
    id: 'getEventType',
    summary: 'Get an event type',
    tag,
    auth: 'apiKey',
    pathParams: name,
    answers: { 200: { description: 'The event type.', schema: eventType } },
    errors: ['event_type_not_found'],
  },
  {
    method: 'patch',
    path: '/v1/event-types/{name}',
    id: 'updateEventType',
    summary: 'Change an event type',
    description: 'Only the fields sent change; null clears the schema or the example. The example must pass the schema, each as it will be after the change.',
    tag,
    auth: 'apiKey',
    pathParams: name,
    body: updateEventTypeSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The event type as changed.', schema: eventType } },
    errors: ['event_type_not_found'],
  },
  archiving('archive', 'archiveEventType', 'Archive an event type', 'Out of the list, and its schema no longer checked; the name stays taken. Unarchiving undoes it.'),
  archiving('unarchive', 'unarchiveEventType', 'Unarchive an event type', 'Back in the list, its schema checked again.'),
];
