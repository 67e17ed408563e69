/**
 * What a broker source is, as the API accepts it: one model for every broker. A source names its
 * broker, what it reads there (the broker's own word for it: a Redis stream, ...), the format of
 * its messages and where the ones that cannot be events go. The single source for validation and
 * types.
 */
import { z } from 'zod';

export const BROKERS = ['redis', 'nats'] as const;
export type Broker = (typeof BROKERS)[number];

/**
 * Each broker's words for what a source reads (`address`) and the group it reads with, as the
 * API's fields name them, what its dead-letter destination is, and what may join the parts of a
 * group's name (NATS allows no "." in a consumer's).
 */
export const brokerTerms: Record<Broker, { address: string; group: string; deadLetter: string; separator: string }> = {
  redis: { address: 'stream', group: 'group', deadLetter: 'a Redis stream', separator: '.' },
  nats: { address: 'stream', group: 'consumer', deadLetter: 'a NATS subject', separator: '_' },
};

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

export const createBrokerSourceSchema = z.discriminatedUnion('broker', [redisSource, natsSource]);

/** What a source's owner may change; what it reads and with which group stay (a new source reads elsewhere). */
export const updateBrokerSourceSchema = z
  .object({ format: common.format, eventTypeAttribute: attributeName.nullable(), deadLetter: name })
  .partial()
  .strict();

/** A dead-letter destination the source's broker accepts (the update schema cannot know the broker). */
export function deadLetterProblem(broker: Broker, deadLetter: string): string | undefined {
  const check = broker === 'nats' ? natsSubject : name;
  const parsed = check.safeParse(deadLetter);
  return parsed.success ? undefined : parsed.error.issues[0]!.message;
}

export type CreateBrokerSource = z.output<typeof createBrokerSourceSchema>;
export type UpdateBrokerSource = z.output<typeof updateBrokerSourceSchema>;

/** The source in the broker-neutral terms it is stored in. */
export function addressOf(input: CreateBrokerSource): { address: string; group: string | undefined } {
  switch (input.broker) {
    case 'redis':
      return { address: input.stream, group: input.group };
    case 'nats':
      return { address: input.stream, group: input.consumer };
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
export function defaultDeadLetter(address: string): string {
  return `${address}.dlq`.slice(0, 255);
}
