/** /v1/event-types: the project's catalogue of event types, with their schemas and examples. */
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { problemsOnce } from '../../event-types/payload-schemas';
import { createEventType, EventTypeExists, findEventType, listEventTypes, updateEventType, type EventType } from '../../event-types/repository';
import { createEventTypeSchema, updateEventTypeSchema } from '../../event-types/schema';
import { projectOf } from '../auth';
import { ApiError, found, type ResourceKind } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const EVENT_TYPE: ResourceKind = { code: 'event_type_not_found', noun: 'event type' };

/** A 400 when the example does not pass the schema: a catalogued example is sent as a test event. */
function refuseBadExample(schema: Record<string, unknown> | null | undefined, example: unknown): void {
  if (!schema || example === null || example === undefined) return;
  const problems = problemsOnce(schema, example);
  if (problems.length > 0) {
    throw new ApiError(400, 'invalid_request', 'The example does not pass the schema; see details.', problems.map((p) => ({ path: `example${p.path === '/' ? '' : p.path.replaceAll('/', '.')}`, message: p.message })));
  }
}

function asApiError(error: unknown): unknown {
  return error instanceof EventTypeExists ? new ApiError(409, 'event_type_exists', error.message, { name: error.eventType }) : error;
}

export const listQuery = z.object({ ...pageQuery, includeArchived: z.enum(['true', 'false']).optional() });

/** Archive and unarchive take no options. */
export const noOptions = z.object({}).strict();

export function eventTypeRoutes(db: Db): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createEventTypeSchema, req.body);
    refuseBadExample(input.schema, input.example);
    res.status(201).json(await createEventType(db, projectOf(req).id, input).catch((error) => Promise.reject(asApiError(error))));
  });

  router.get('/', async (req, res) => {
    const { limit, cursor, includeArchived } = parseQuery(listQuery, req.query);
    res.json(pageOf(await listEventTypes(db, projectOf(req).id, limit + 1, cursor, includeArchived === 'true'), limit));
  });

  router.get('/:name', async (req, res) => {
    res.json(found(await findEventType(db, projectOf(req).id, req.params.name), EVENT_TYPE, req.params.name));
  });

  const change = (ref: string, projectId: string, input: Parameters<typeof updateEventType>[3]) =>
    updateEventType(db, projectId, ref, input, (current: EventType) =>
      refuseBadExample(input.schema === undefined ? current.schema : input.schema, input.example === undefined ? current.example : input.example),
    );

  router.patch('/:name', async (req, res) => {
    const input = parseBody(updateEventTypeSchema, req.body ?? {});
    res.json(found(await change(req.params.name, projectOf(req).id, input), EVENT_TYPE, req.params.name));
  });

  // Archived: out of the list and no longer checked; the name stays the project's. Reversible.
  for (const [path, archived] of [['archive', true], ['unarchive', false]] as const) {
    router.post(`/:name/${path}`, async (req, res) => {
      parseBody(noOptions, req.body ?? {});
      res.json(found(await change(req.params.name, projectOf(req).id, { archived }), EVENT_TYPE, req.params.name));
    });
  }

  return router;
}
