/** What an event is, as producers send it (HTTP now, Kafka later): one schema for both. */
import { z } from 'zod';
import { customerRef } from '../customers/schema';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json';
import { eventTypeProblem } from '../routing/event-types';

export const MAX_BATCH = 500;

export const eventInputSchema = z
  .object({
    eventType: z.string().superRefine((value, ctx) => {
      const problem = eventTypeProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    // express.json() already parsed it, so it is JSON; only its presence and depth need checking.
    payload: z.unknown().refine((value) => value !== undefined, 'is required').refine((value) => !nestsDeeperThan(value), `nests deeper than ${MAX_JSON_DEPTH} levels`),
    idempotencyKey: z.string().min(1).max(255).optional(),
    endpointIds: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
    /** The customer (id or uid) whose endpoints get the event; without one, the provider's own endpoints do. */
    customerId: customerRef.optional(),
  })
  .strict();

export const eventBatchSchema = z.object({ events: z.array(eventInputSchema).min(1).max(MAX_BATCH) }).strict();

export type EventInput = z.output<typeof eventInputSchema>;
