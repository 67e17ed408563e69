/** /v1/kafka-sources: the topics a project's events are consumed from, and how far behind they are. */
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import type { KafkaOffsets } from '../../kafka/offsets';
import { createKafkaSourceSchema, updateKafkaSourceSchema } from '../../kafka/source-schema';
import {
  createKafkaSource,
  deleteKafkaSource,
  findKafkaSource,
  GroupTakenError,
  TopicNotAllowedError,
  listKafkaSources,
  recentConsumerReports,
  updateKafkaSource,
  type KafkaSource,
} from '../../kafka/sources-repository';
import { errorMessage } from '../../log';
import { projectOf } from '../auth';
import { ApiError, found, notFound, type ResourceKind } from '../errors';
import { pageOf, pageQuery } from '../pagination';
import { parseBody, parseQuery } from '../validation';

const KAFKA_SOURCE: ResourceKind = { code: 'kafka_source_not_found', noun: 'Kafka source' };

export const listKafkaSourcesQuery = z.object(pageQuery);

function asApiError(error: unknown): unknown {
  if (error instanceof GroupTakenError) return new ApiError(409, 'kafka_group_taken', error.message, { groupId: error.groupId });
  if (error instanceof TopicNotAllowedError) return new ApiError(400, 'kafka_topic_not_allowed', error.message, { topics: error.topics });
  return error;
}

export function kafkaSourceRoutes(db: Db, offsets: KafkaOffsets): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = parseBody(createKafkaSourceSchema, req.body);
    const { id, kafkaTopicPrefixes } = projectOf(req);
    res.status(201).json(await createKafkaSource(db, id, kafkaTopicPrefixes, input).catch((error) => Promise.reject(asApiError(error))));
  });

  router.get('/', async (req, res) => {
    const { limit, cursor } = parseQuery(listKafkaSourcesQuery, req.query);
    res.json(pageOf(await listKafkaSources(db, projectOf(req).id, limit + 1, cursor), limit));
  });

  /**
   * The source, and how its consumption goes: per partition the group's committed offset and
   * lag (from the broker), and per consumer process its partitions, state and throughput (from
   * the reports they write). Kafka not answering still shows the rest.
   */
  router.get('/:id', async (req, res) => {
    const source = found(await findKafkaSource(db, projectOf(req).id, req.params.id), KAFKA_SOURCE, req.params.id);
    const [lag, consumers] = await Promise.all([
      offsets.lag(source.groupId, source.topic).then(
        (partitions) => ({ partitions }),
        (error) => ({ partitions: null, error: `Kafka did not answer: ${errorMessage(error)}` }),
      ),
      recentConsumerReports(db, source.id),
    ]);
    const totalLag = lag.partitions?.reduce((sum, p) => sum + BigInt(p.lag), 0n).toString() ?? null;
    const messagesPerSecond = Math.round(consumers.reduce((sum, c) => sum + c.messagesPerSecond, 0) * 10) / 10;
    res.json({ ...source, consumption: { ...lag, totalLag, messagesPerSecond, consumers } });
  });

  router.patch('/:id', async (req, res) => {
    const input = parseBody(updateKafkaSourceSchema, req.body ?? {});
    const { id, kafkaTopicPrefixes } = projectOf(req);
    const updated = await updateKafkaSource(db, id, kafkaTopicPrefixes, req.params.id, input).catch((error) => Promise.reject(asApiError(error)));
    res.json(found(updated, KAFKA_SOURCE, req.params.id));
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteKafkaSource(db, projectOf(req).id, req.params.id))) throw notFound(KAFKA_SOURCE, req.params.id);
    res.status(204).end();
  });

  return router;
}
