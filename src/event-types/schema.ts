/** What an event type of the catalogue is, as the API accepts it. */
import { z } from 'zod';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json';
import { eventTypeProblem } from '../routing/event-types';
import { schemaProblems } from './payload-schemas';

/** A schema is compiled into code: kept small, like the rest of a request's JSON kept shallow. */
export const MAX_SCHEMA_BYTES = 64 * 1024;

const eventTypeName = z.string().superRefine((value, ctx) => {
  const problem = eventTypeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const jsonValue = z.unknown().refine((value) => value !== undefined, 'is required').refine((value) => !nestsDeeperThan(value), `nests deeper than ${MAX_JSON_DEPTH} levels`);

const payloadSchema = z
  .record(z.string(), z.unknown())
  .superRefine((value, ctx) => {
    if (nestsDeeperThan(value)) return ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_JSON_DEPTH} levels` });
    if (JSON.stringify(value).length > MAX_SCHEMA_BYTES) return ctx.addIssue({ code: 'custom', message: `is larger than ${MAX_SCHEMA_BYTES} bytes` });
    for (const message of schemaProblems(value)) ctx.addIssue({ code: 'custom', message });
  });

const fields = {
  description: z.string().max(1000),
  /** A JSON Schema (2020-12) the type's payloads must pass when the project validates payloads. */
  schema: payloadSchema.nullable(),
  /** A payload of this type, shown in the portal and sent as a test event; it must pass the schema. */
  example: jsonValue.nullable(),
  deprecated: z.boolean(),
};

export const createEventTypeSchema = z
  .object({
    name: eventTypeName,
    description: fields.description.optional(),
    schema: fields.schema.optional(),
    example: fields.example.optional(),
    deprecated: fields.deprecated.optional(),
  })
  .strict();

export const updateEventTypeSchema = z.object(fields).partial().strict();

export type CreateEventType = z.output<typeof createEventTypeSchema>;
export type UpdateEventType = z.output<typeof updateEventTypeSchema>;
