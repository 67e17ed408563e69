/** /v1/kafka-sources: the Kafka topics a project's events are consumed from, and how far behind they are. */
import { z } from 'zod';
import { createKafkaSourceSchema, updateKafkaSourceSchema } from '../../../kafka/source-schema';
import { listKafkaSourcesQuery } from '../../routes/kafka-sources';
import type { Operation } from '../operation';
import { consumerReport } from './broker-sources';
import { pageOf, timestamp } from '../shapes';

export const kafkaSource = z
  .object({
    id: z.string(),
    projectId: z.string(),
    topic: z.string(),
    groupId: z.string().meta({ description: 'The consumer group, inside the project\'s namespace: `switchyard.<projectId>.<name>`.' }),
    format: z.enum(['envelope', 'raw']),
    eventTypeHeader: z.string().nullable().meta({ description: 'raw only: the header naming the event type; null: `event-type`.' }),
    deadLetterTopic: z.string(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict()
  .meta({ id: 'KafkaSource' });

const partition = z
  .object({
    partition: z.number().int(),
    committedOffset: z.string().nullable().meta({ description: 'The next offset the group will read; null until it commits one.' }),
    highWatermark: z.string().meta({ description: 'The offset the next produced message will get.' }),
    lag: z.string().meta({ description: 'Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit).' }),
  })
  .strict();

const consumer = consumerReport.extend({ assigned: z.array(z.number().int()).meta({ description: 'The partitions it holds.' }) }).strict();

const consumption = z
  .object({
    partitions: z.array(partition).nullable().meta({ description: 'Per partition, from the broker; null when Kafka did not answer.' }),
    error: z.string().optional().meta({ description: 'Why there are no partitions: Kafka did not answer.' }),
    totalLag: z.string().nullable(),
    messagesPerSecond: z.number(),
    consumers: z.array(consumer).meta({ description: 'The consumer processes that reported in the last 30 seconds.' }),
  })
  .strict();

const id = { id: "The Kafka source's id." };
const tag = 'Kafka sources';

export const kafkaSourceOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/kafka-sources',
    id: 'createKafkaSource',
    summary: 'Create a Kafka source',
    description: "A topic consumed as events of this project. Its topic and dead-letter topic must start with one of the project's allowed topic prefixes.",
    tag,
    auth: 'apiKey',
    body: createKafkaSourceSchema,
    answers: { 201: { description: 'The Kafka source.', schema: kafkaSource } },
    errors: ['kafka_topic_not_allowed', 'kafka_group_taken'],
  },
  {
    method: 'get',
    path: '/v1/kafka-sources',
    id: 'listKafkaSources',
    summary: 'List Kafka sources',
    tag,
    auth: 'apiKey',
    query: listKafkaSourcesQuery,
    answers: { 200: { description: 'A page of Kafka sources, newest first.', schema: pageOf(kafkaSource) } },
  },
  {
    method: 'get',
    path: '/v1/kafka-sources/{id}',
    id: 'getKafkaSource',
    summary: 'Get a Kafka source and its consumption',
    description: "Adds how consumption goes: per partition the group's committed offset and lag (from the broker), and per consumer process its partitions, state and throughput. Kafka not answering still shows the rest.",
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 200: { description: 'The Kafka source, with its consumption.', schema: kafkaSource.extend({ consumption }).strict() } },
    errors: ['kafka_source_not_found'],
  },
  {
    method: 'patch',
    path: '/v1/kafka-sources/{id}',
    id: 'updateKafkaSource',
    summary: 'Change a Kafka source',
    description: 'Only the fields sent change.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: updateKafkaSourceSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The Kafka source as changed.', schema: kafkaSource } },
    errors: ['kafka_source_not_found', 'kafka_topic_not_allowed', 'kafka_group_taken'],
  },
  {
    method: 'delete',
    path: '/v1/kafka-sources/{id}',
    id: 'deleteKafkaSource',
    summary: 'Delete a Kafka source',
    description: 'Its consumers leave the group; the events it brought in stay.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 204: { description: 'Deleted.' } },
    errors: ['kafka_source_not_found'],
  },
];
