/** /v1/broker-sources: the broker topics, streams and queues (Kafka, Redis Streams, NATS JetStream, SQS, RabbitMQ, Pub/Sub) a project's events are consumed from, and their backlog. */
import { z } from 'zod';
import { createBrokerSourceSchema, updateBrokerSourceSchema } from '../../../brokers/source-schema';
import { listBrokerSourcesQuery } from '../../routes/broker-sources';
import type { Operation } from '../operation';
import { pageOf, timestamp } from '../shapes';

const common = {
  id: z.string(),
  projectId: z.string(),
  format: z.enum(['envelope', 'raw']),
  eventTypeAttribute: z.string().nullable().meta({ description: 'raw only: the attribute naming the event type; null: `event-type`.' }),
  deadLetter: z.string().meta({ description: 'Where messages that cannot be events go, with the reason.' }),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

const kafkaSource = z
  .object({
    broker: z.literal('kafka'),
    topic: z.string(),
    group: z.string().meta({ description: "The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`." }),
    ...common,
  })
  .strict()
  .meta({ id: 'KafkaSource' });

const redisSource = z
  .object({
    broker: z.literal('redis'),
    stream: z.string(),
    group: z.string().meta({ description: "The consumer group, inside the project's namespace: `switchyard.<projectId>.<name>`." }),
    ...common,
  })
  .strict()
  .meta({ id: 'RedisSource' });

const natsSource = z
  .object({
    broker: z.literal('nats'),
    stream: z.string(),
    consumer: z.string().meta({ description: "The durable consumer, inside the project's namespace: `switchyard_<projectId>_<name>`." }),
    ...common,
  })
  .strict()
  .meta({ id: 'NatsSource' });

const sqsSource = z
  .object({ broker: z.literal('sqs'), queue: z.string(), ...common })
  .strict()
  .meta({ id: 'SqsSource' });

const rabbitmqSource = z
  .object({ broker: z.literal('rabbitmq'), queue: z.string(), ...common })
  .strict()
  .meta({ id: 'RabbitmqSource' });

const pubsubSource = z
  .object({ broker: z.literal('pubsub'), subscription: z.string(), ...common })
  .strict()
  .meta({ id: 'PubsubSource' });

export const brokerSource = z.discriminatedUnion('broker', [kafkaSource, redisSource, natsSource, sqsSource, rabbitmqSource, pubsubSource]).meta({ id: 'BrokerSource' });

const partition = z
  .object({
    partition: z.number().int(),
    committedOffset: z.string().nullable().meta({ description: 'The next offset the group will read; null until it commits one.' }),
    highWatermark: z.string().meta({ description: 'The offset the next produced message will get.' }),
    lag: z.string().meta({ description: 'Messages produced and not yet committed by the group (a decimal string: offsets are 64-bit).' }),
  })
  .strict();

const backlog = z
  .object({
    length: z.number().int().nullable().meta({ description: 'Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka; Pub/Sub: only Cloud Monitoring counts a backlog).' }),
    pending: z.number().int().nullable().meta({ description: 'Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub).' }),
    lag: z.number().int().nullable().meta({ description: "Not yet handed to the source's group (a queue: messages waiting; Kafka: produced and not yet committed by the group, over every partition); null when the broker cannot tell (Redis, after entries were deleted; Pub/Sub)." }),
    lastDelivered: z.string().nullable().meta({ description: 'The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one, and for queues and Kafka.' }),
    partitions: z.array(partition).optional().meta({ description: "Kafka only: per partition, the group's committed offset, the high watermark and the lag between them." }),
  })
  .strict();

/** What one consumer process last reported about one source (Kafka's add the partitions they hold). */
export const consumerReport = z
  .object({
    consumer: z.string().meta({ description: 'The consumer process.' }),
    reportedAt: timestamp,
    state: z.enum(['running', 'paused']),
    reason: z.string().optional().meta({ description: 'Why it is paused (the dependency that failed), when it is.' }),
    assigned: z.array(z.number().int()).optional().meta({ description: 'Kafka only: the partitions it holds.' }),
    ingested: z.number().int(),
    deadLettered: z.number().int(),
    messagesPerSecond: z.number(),
  })
  .strict();

const consumption = z
  .object({
    backlog: backlog.nullable().meta({ description: 'From the broker; null when it did not answer.' }),
    error: z.string().optional().meta({ description: 'Why there is no backlog: the broker did not answer.' }),
    messagesPerSecond: z.number(),
    consumers: z.array(consumerReport).meta({ description: 'The consumer processes that reported in the last 30 seconds.' }),
  })
  .strict();

const id = { id: "The broker source's id." };
const tag = 'Broker sources';

export const brokerSourceOperations: Operation[] = [
  {
    method: 'post',
    path: '/v1/broker-sources',
    id: 'createBrokerSource',
    summary: 'Create a broker source',
    description: "A Kafka topic, a Redis stream, a NATS JetStream stream, an SQS queue, a RabbitMQ queue or a Pub/Sub subscription consumed as events of this project. What it reads and its dead-letter destination must start with one of the project's allowed prefixes for its broker.",
    tag,
    auth: 'apiKey',
    body: createBrokerSourceSchema,
    answers: { 201: { description: 'The broker source.', schema: brokerSource } },
    errors: ['broker_name_not_allowed', 'broker_group_taken'],
  },
  {
    method: 'get',
    path: '/v1/broker-sources',
    id: 'listBrokerSources',
    summary: 'List broker sources',
    tag,
    auth: 'apiKey',
    query: listBrokerSourcesQuery,
    answers: { 200: { description: 'A page of broker sources, newest first.', schema: pageOf(brokerSource) } },
  },
  {
    method: 'get',
    path: '/v1/broker-sources/{id}',
    id: 'getBrokerSource',
    summary: 'Get a broker source and its consumption',
    description: 'Adds how consumption goes: the backlog as the broker sees it, and per consumer process its state and throughput. The broker not answering still shows the rest.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: {
      200: {
        description: 'The broker source, with its consumption.',
        schema: z.discriminatedUnion('broker', [
          kafkaSource.extend({ consumption }).strict(),
          redisSource.extend({ consumption }).strict(),
          natsSource.extend({ consumption }).strict(),
          sqsSource.extend({ consumption }).strict(),
          rabbitmqSource.extend({ consumption }).strict(),
          pubsubSource.extend({ consumption }).strict(),
        ]),
      },
    },
    errors: ['broker_source_not_found'],
  },
  {
    method: 'patch',
    path: '/v1/broker-sources/{id}',
    id: 'updateBrokerSource',
    summary: 'Change a broker source',
    description: 'Only the fields sent change. What it reads and its group stay: for another stream, make another source.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    body: updateBrokerSourceSchema,
    bodyOptional: true,
    answers: { 200: { description: 'The broker source as changed.', schema: brokerSource } },
    errors: ['broker_source_not_found', 'broker_name_not_allowed'],
  },
  {
    method: 'delete',
    path: '/v1/broker-sources/{id}',
    id: 'deleteBrokerSource',
    summary: 'Delete a broker source',
    description: 'Its consumers stop (a Kafka group member leaves its group); the events it brought in stay, and so does its consumer group in the broker.',
    tag,
    auth: 'apiKey',
    pathParams: id,
    answers: { 204: { description: 'Deleted.' } },
    errors: ['broker_source_not_found'],
  },
];
