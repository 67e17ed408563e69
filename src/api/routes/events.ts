/** /v1/events: producers publish here; every matching endpoint gets a delivery. */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { customerRef } from '../../customers/schema';
import type { Db } from '../../db/pool';
import { listDeliveries } from '../../deliveries/repository';
import type { DeliveryStarter } from '../../deliveries/starter';
import { payloadProblems } from '../../event-types/payload-schemas';
import { payloadSchemasOf } from '../../event-types/repository';
import { acceptEvents, IngestError } from '../../events/ingest';
import { findEvent, listEvents } from '../../events/repository';
import { eventBatchSchema, eventInputSchema, type EventInput } from '../../events/schema';
import { errorMessage, log } from '../../log';
import type { IngestRateLimit } from '../../projects/ingest-rate';
import { TokenBuckets } from '../../token-buckets';
import { projectOf } from '../auth';
import { ApiError, rateLimited } from '../errors';
import { noteIngest, observeIngest } from '../ingest-observation';
import { pageOf, pageQuery, timeBound } from '../pagination';
import { parseBody, parseQuery } from '../validation';

export const listQuery = z.object({
  ...pageQuery,
  eventType: z.string().max(255).optional(),
  since: timeBound('Events accepted at or after this time'),
  until: timeBound('Events accepted before this time'),
  customerId: customerRef.optional(),
});

function asApiError(error: unknown): unknown {
  if (!(error instanceof IngestError)) return error;
  return new ApiError(error.kind === 'idempotency_conflict' ? 409 : 404, error.kind, error.message, error.details);
}

/** `defaultRate`: a project's ingest rate when the operator set none for it. */
export function eventRoutes(db: Db, starter: DeliveryStarter, defaultRate: IngestRateLimit): Router {
  const router = Router();
  const buckets = new TokenBuckets();

  // Counted by events, after parsing and before anything is written: a refused request leaves no trace.
  const admit = (req: Request, events: number) => {
    const project = projectOf(req);
    const rate = project.ingestRateLimit ?? defaultRate;
    const wait = buckets.take(project.id, rate, events, Date.now());
    if (wait > 0) throw rateLimited(wait, `This project may publish ${rate.perSecond} events a second.`);
  };

  // The 202 goes out once the events are committed, before their workflows have started: from
  // the commit on, the reconciler guarantees the starts, so the producer need not wait for them.
  const accept = async (req: Request, res: Response, inputs: EventInput[], where: (index: number) => string) => {
    noteIngest(res, { events: inputs.length });
    admit(req, inputs.length);
    if (projectOf(req).validatePayloads) await refuseInvalidPayloads(projectOf(req).id, inputs, where);
    return acceptEvents(db, starter, projectOf(req).id, inputs).catch((error) => {
      throw asApiError(error);
    });
  };

  /** With the project's validatePayloads on: a 400 naming each payload's failing paths, nothing recorded. */
  async function refuseInvalidPayloads(projectId: string, inputs: EventInput[], where: (index: number) => string): Promise<void> {
    const schemas = await payloadSchemasOf(db, projectId, [...new Set(inputs.map((input) => input.eventType))]);
    const problems = inputs.flatMap((input, index) => {
      const catalogued = schemas.get(input.eventType);
      if (!catalogued) return [];
      return payloadProblems(catalogued.key, catalogued.schema, input.payload).map((problem) => ({
        path: `${where(index)}payload${problem.path === '/' ? '' : problem.path.split('/').slice(1).map((part) => `.${part.replaceAll('~1', '/').replaceAll('~0', '~')}`).join('')}`,
        message: problem.message,
      }));
    });
    if (problems.length > 0) throw new ApiError(400, 'invalid_payload', "A payload does not pass its event type's schema; see details.", problems);
  }
  const startAfterAnswering = (starting: Promise<string[]>) =>
    starting.catch((error) => log.warn('could not record starts; the reconciler will start what is missing', { error: errorMessage(error) }));

  router.post('/', observeIngest('api'), async (req, res) => {
    const { events, starting } = await accept(req, res, [parseBody(eventInputSchema, req.body)], () => '');
    res.status(202).json(events[0]);
    await startAfterAnswering(starting);
  });

  router.post('/batch', observeIngest('api'), async (req, res) => {
    const { events, starting } = await accept(req, res, parseBody(eventBatchSchema, req.body).events, (index) => `events.${index}.`);
    res.status(202).json({ data: events });
    await startAfterAnswering(starting);
  });

  router.get('/', async (req, res) => {
    const { limit, cursor, ...filters } = parseQuery(listQuery, req.query);
    res.json(pageOf(await listEvents(db, projectOf(req).id, filters, limit + 1, cursor), limit));
  });

  router.get('/:id', async (req, res) => {
    const projectId = projectOf(req).id;
    const event = await findEvent(db, projectId, req.params.id);
    if (!event) throw new ApiError(404, 'event_not_found', `No event ${req.params.id} in this project.`);
    const deliveries = await listDeliveries(db, projectId, { eventId: event.id }, 1000);
    res.json({ ...event, deliveries });
  });

  return router;
}
