/**
 * What a broker source is, as the API accepts it: one model for every broker. A source names its
 * broker, what it reads there (the broker's own word for it: a Redis stream, ...), the format of
 * its messages and where the ones that cannot be events go. The single source for validation and
 * types.
 */
import { z } from 'zod';

export const BROKERS = ['kafka', 'redis', 'nats', 'sqs', 'rabbitmq', 'pubsub'] as const;
export type Broker = (typeof BROKERS)[number];

/**
 * Each broker's words for what a source reads (`address`) and the group it reads with, as the
 * API's fields name them (a queue has no group: its consumers share it), what its dead-letter
 * destination is, and what may join the parts of a group's name (NATS allows no "." in a
 * consumer's).
 */
export const brokerTerms: Record<Broker, { address: string; group?: string; deadLetter: string; separator: string }> = {
  kafka: { address: 'topic', group: 'group', deadLetter: 'a Kafka topic', separator: '.' },
  redis: { address: 'stream', group: 'group', deadLetter: 'a Redis stream', separator: '.' },
  nats: { address: 'stream', group: 'consumer', deadLetter: 'a NATS subject', separator: '_' },
  sqs: { address: 'queue', deadLetter: 'an SQS queue', separator: '.' },
  rabbitmq: { address: 'queue', deadLetter: 'a RabbitMQ exchange', separator: '.' },
  pubsub: { address: 'subscription', deadLetter: 'a Pub/Sub topic', separator: '.' },
};

/** A queue's (or subscription's) one "group": a second source of the same project on it is refused as taking it. */
const QUEUE_GROUP = 'queue';

// Printable, no spaces: names show in broker tools and logs, and a line break is surely a mistake.
const name = z.string().regex(/^[A-Za-z0-9._:/-]{1,255}$/, 'must be 1 to 255 letters, digits, ".", "_", ":", "/" or "-"');
const attributeName = z.string().regex(/^[^\r\n]{1,255}$/, 'must be 1 to 255 characters on one line');
// NATS's rules: a stream or consumer name has no ".", "*", ">" or spaces; a subject is tokens
// joined by ".", without the wildcards.
const natsName = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, 'must be 1 to 255 letters, digits, "_" or "-"');
const natsSubject = z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be tokens of letters, digits, "_" or "-" joined by "."').max(255);

const common = {
  format: z.enum(['envelope', 'raw']).meta({ description: 'envelope: the body is a POST /v1/events event; raw: the body is the payload and an attribute names the type.' }),
  eventTypeAttribute: attributeName.nullable().optional().meta({ description: 'raw only: the attribute naming the event type (null: event-type).' }),
  deadLetter: name.optional().meta({ description: 'Where messages that cannot be events go, with the reason (default: the address with .dlq appended).' }),
};

// Kafka's rules: a topic is at most 249 of these characters, and not "." or ".."; a consumer
// group's name is the cluster's, printable.
const kafkaTopic = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1 to 249 letters, digits, ".", "_" or "-"')
  .refine((topic) => topic !== '.' && topic !== '..', 'cannot be "." or ".."');
const kafkaGroup = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable characters without spaces');

const kafkaSource = z
  .object({
    broker: z.literal('kafka'),
    topic: kafkaTopic.meta({ description: 'The Kafka topic the source reads.' }),
    group: kafkaGroup.optional().meta({ description: "The consumer group it reads with, inside the project's namespace (default: the source's id); one source per group." }),
    ...common,
    eventTypeAttribute: attributeName.nullable().optional().meta({ description: 'raw only: the header naming the event type (null: event-type).' }),
    deadLetter: kafkaTopic.optional().meta({ description: "The topic messages that cannot be events are produced to, with the reason in a header (default: the topic's name with .dlq appended; made when missing)." }),
  })
  .strict();

const redisSource = z
  .object({
    broker: z.literal('redis'),
    stream: name.meta({ description: 'The Redis stream the source reads.' }),
    group: name.optional().meta({ description: "The consumer group it reads with, inside the project's namespace (default: the source's id)." }),
    ...common,
  })
  .strict();

const natsSource = z
  .object({
    broker: z.literal('nats'),
    stream: natsName.meta({ description: 'The JetStream stream the source reads.' }),
    consumer: natsName.optional().meta({ description: "The durable consumer it reads with, inside the project's namespace (default: the source's id)." }),
    ...common,
    deadLetter: natsSubject.optional().meta({ description: 'The subject messages that cannot be events are published to, with the reason (default: the stream\'s name with .dlq appended).' }),
  })
  .strict();

// SQS's rules: up to 80 letters, digits, "-" or "_", and a FIFO queue's ".fifo" after them.
const sqsQueue = z.string().regex(/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/, 'must be 1 to 80 letters, digits, "-" or "_" (and ".fifo" for a FIFO queue)');

const sqsSource = z
  .object({
    broker: z.literal('sqs'),
    queue: sqsQueue.meta({ description: 'The SQS queue the source reads (its name, on the operator\'s SQS endpoint).' }),
    ...common,
    deadLetter: sqsQueue.optional().meta({ description: 'The queue messages that cannot be events are sent to, with the reason as a message attribute (default: the queue\'s name with -dlq appended).' }),
  })
  .strict();

const rabbitmqSource = z
  .object({
    broker: z.literal('rabbitmq'),
    queue: name.meta({ description: 'The RabbitMQ queue the source reads.' }),
    ...common,
    deadLetter: name
      .optional()
      .meta({ description: 'The exchange messages that cannot be events are published to, with the reason in a header (default: the queue\'s name with .dlq appended; made, with a queue of the same name bound to it, when missing).' }),
  })
  .strict();

// Pub/Sub's rules for topic and subscription names: 3 to 255 characters, a letter first, no "goog" prefix.
const pubsubName = z
  .string()
  .regex(/^(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$/, 'must be 3 to 255 letters, digits, ".", "_", "~", "+", "%" or "-", starting with a letter (not "goog")');

const pubsubSource = z
  .object({
    broker: z.literal('pubsub'),
    subscription: pubsubName.meta({ description: "The Pub/Sub subscription the source reads (its id, in the operator's project); it must exist." }),
    ...common,
    deadLetter: pubsubName
      .optional()
      .meta({ description: "The topic messages that cannot be events are published to, with the reason as an attribute (default: the subscription's id with -dlq appended; made, with a subscription of the same name, when missing)." }),
  })
  .strict();

export const createBrokerSourceSchema = z.discriminatedUnion('broker', [kafkaSource, redisSource, natsSource, sqsSource, rabbitmqSource, pubsubSource]);

/** What a source's owner may change; what it reads and with which group stay (a new source reads elsewhere). */
export const updateBrokerSourceSchema = z
  .object({ format: common.format, eventTypeAttribute: attributeName.nullable(), deadLetter: name })
  .partial()
  .strict();

/** A dead-letter destination the source's broker accepts (the update schema cannot know the broker). */
export function deadLetterProblem(broker: Broker, deadLetter: string): string | undefined {
  const check = { kafka: kafkaTopic, nats: natsSubject, sqs: sqsQueue, pubsub: pubsubName, redis: name, rabbitmq: name }[broker];
  const parsed = check.safeParse(deadLetter);
  return parsed.success ? undefined : parsed.error.issues[0]!.message;
}

export type CreateBrokerSource = z.output<typeof createBrokerSourceSchema>;
export type UpdateBrokerSource = z.output<typeof updateBrokerSourceSchema>;

/** The source in the broker-neutral terms it is stored in. */
export function addressOf(input: CreateBrokerSource): { address: string; group: string | undefined } {
  switch (input.broker) {
    case 'kafka':
      return { address: input.topic, group: input.group };
    case 'redis':
      return { address: input.stream, group: input.group };
    case 'nats':
      return { address: input.stream, group: input.consumer };
    case 'sqs':
    case 'rabbitmq':
      return { address: input.queue, group: QUEUE_GROUP };
    case 'pubsub':
      return { address: input.subscription, group: QUEUE_GROUP };
  }
}

/** A name prefix an operator grants a project on one broker; "" for every name. */
export const namePrefix = z.string().regex(/^[A-Za-z0-9._:/-]{0,255}$/, 'must be up to 255 letters, digits, ".", "_", ":", "/" or "-"');

/** Per broker, the name prefixes a project's sources may read from and dead-letter to. */
export const brokerPrefixesSchema = z.partialRecord(z.enum(BROKERS), z.array(namePrefix).max(50));
export type BrokerPrefixes = z.output<typeof brokerPrefixesSchema>;

/** The names, of those given, that none of the project's prefixes for that broker allows. */
export function namesOutside(prefixes: BrokerPrefixes, broker: Broker, names: readonly string[]): string[] {
  const granted = prefixes[broker] ?? [];
  return [...new Set(names)].filter((n) => !granted.some((prefix) => n.startsWith(prefix)));
}

/**
 * The consumer group a source reads with: the name its project chose (or the source's id), inside
 * the project's own namespace, so no project can read with another's group. A name already inside
 * the namespace (as answers show it) is kept as it is.
 */
export function namespacedGroup(projectId: string, group: string, separator = '.'): string {
  const namespace = `switchyard${separator}${projectId}${separator}`;
  return group.startsWith(namespace) ? group : `${namespace}${group}`;
}

/** A source without a dead-letter destination of its own gets one beside what it reads. */
export function defaultDeadLetter(broker: Broker, address: string): string {
  if (broker === 'pubsub') return `${address}-dlq`.slice(0, 255);
  if (broker === 'kafka') return `${address}.dlq`.slice(0, 249);
  if (broker === 'sqs') {
    // A FIFO queue's dead letters go to a FIFO queue: SQS keeps the two kinds apart.
    const fifo = address.endsWith('.fifo');
    return `${(fifo ? address.slice(0, -'.fifo'.length) : address).slice(0, 76)}-dlq${fifo ? '.fifo' : ''}`;
  }
  return `${address}.dlq`.slice(0, 255);
}
