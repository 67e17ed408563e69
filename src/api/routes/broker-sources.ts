/**
 * /v1/broker-sources: the broker streams and queues (beyond Kafka) a project's events are
 * consumed from, and how far behind they are.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { BrokerBacklogs } from '../../brokers/backlog';
import type { Db } from '../../db/pool';
import { brokerTerms, createBrokerSourceSchema, updateBrokerSourceSchema } from '../../brokers/source-schema';
import {
  createBrokerSource,
  DeadLetterInvalidError,
  deleteBrokerSource,
  findBrokerSource,
  GroupTakenError,
  listBrokerSources,
  NameNotAllowedError,
  recentBrokerConsumerReports,
  updateBrokerSource,
  type BrokerSource,
} from '../../brokers/sources-repository';
import { errorMessage } from '../../log';
import { projectOf } from '../auth';
import { ApiError, found, notFound, type ResourceKind } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const BROKER_SOURCE: ResourceKind = { code: 'broker_source_not_found', noun: 'broker source' };

export const listBrokerSourcesQuery = z.object(pageQuery);

function asApiError(error: unknown): unknown {
  if (error instanceof GroupTakenError) return new ApiError(409, 'broker_group_taken', error.message, { group: error.group });
  if (error instanceof DeadLetterInvalidError) {
    return new ApiError(400, 'invalid_request', 'The request body does not match the schema; see details.', [{ path: 'deadLetter', message: error.problem }]);
  }
  if (error instanceof NameNotAllowedError) return new ApiError(400, 'broker_name_not_allowed', error.message, { broker: error.broker, names: error.names });
  return error;
}

/** A source as answers show it: in its broker's own words (a Redis source has a `stream` and a `group`, an SQS source a `queue`). */
export function brokerSourceView(source: BrokerSource) {
  const terms = brokerTerms[source.broker];
  return {
    id: source.id,
    projectId: source.projectId,
    broker: source.broker,
    [terms.address]: source.address,
    ...(terms.group === undefined ? {} : { [terms.group]: source.group }),
    format: source.format,
    eventTypeAttribute: source.eventTypeAttribute,
    deadLetter: source.deadLetter,
    version: source.version,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

export function brokerSourceRoutes(db: Db, backlogs: BrokerBacklogs): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createBrokerSourceSchema, req.body);
    const { id, brokerPrefixes } = projectOf(req);
    const created = await createBrokerSource(db, id, brokerPrefixes, input).catch((error) => Promise.reject(asApiError(error)));
    res.status(201).json(brokerSourceView(created));
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listBrokerSourcesQuery, req.query);
    const page = pageOf(await listBrokerSources(db, projectOf(req).id, limit + 1, cursor), limit);
    res.json({ ...page, data: page.data.map(brokerSourceView) });
  });

  /**
   * The source, and how its consumption goes: the backlog as its broker sees it, and per consumer
   * process its state and throughput (from the reports they write). The broker not answering
   * still shows the rest.
   */
  router.get('/:id', async (req, res) => {
    const source = found(await findBrokerSource(db, projectOf(req).id, req.params.id), BROKER_SOURCE, req.params.id);
    const [backlog, consumers] = await Promise.all([
      backlogs.backlog(source).then(
        (figures) => ({ backlog: figures }),
        (error) => ({ backlog: null, error: `${source.broker} did not answer: ${errorMessage(error)}` }),
      ),
      recentBrokerConsumerReports(db, source.id),
    ]);
    const messagesPerSecond = Math.round(consumers.reduce((sum, c) => sum + c.messagesPerSecond, 0) * 10) / 10;
    res.json({ ...brokerSourceView(source), consumption: { ...backlog, messagesPerSecond, consumers } });
  });

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateBrokerSourceSchema, req.body ?? {});
    const { id, brokerPrefixes } = projectOf(req);
    const updated = await updateBrokerSource(db, id, brokerPrefixes, req.params.id, input).catch((error) => Promise.reject(asApiError(error)));
    res.json(brokerSourceView(found(updated, BROKER_SOURCE, req.params.id)));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteBrokerSource(db, projectOf(req).id, req.params.id))) throw notFound(BROKER_SOURCE, req.params.id);
    res.status(204).end();
  });

  return router;
}
