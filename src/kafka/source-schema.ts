/** What a Kafka source is, as the API accepts it: the single source for validation and types. */
import { z } from 'zod';

// Kafka's own rule for topic names: at most 249 of these characters, and not "." or "..".
const topicName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1 to 249 letters, digits, ".", "_" or "-"')
  .refine((name) => name !== '.' && name !== '..', 'cannot be "." or ".."');

const fields = {
  topic: topicName,
  // Printable, no spaces: it shows in broker tools and logs.
  groupId: z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable characters without spaces'),
  format: z.enum(['envelope', 'raw']),
  // A Kafka header name: any string, but a line break or a very long one is surely a mistake.
  eventTypeHeader: z.string().regex(/^[^\r\n]{1,255}$/, 'must be 1 to 255 characters on one line').nullable(),
  deadLetterTopic: topicName,
};

export const createKafkaSourceSchema = z
  .object({
    ...fields,
    groupId: fields.groupId.optional(),
    eventTypeHeader: fields.eventTypeHeader.optional(),
    deadLetterTopic: fields.deadLetterTopic.optional(),
  })
  .strict();

export const updateKafkaSourceSchema = z.object(fields).partial().strict();

export type CreateKafkaSource = z.output<typeof createKafkaSourceSchema>;
export type UpdateKafkaSource = z.output<typeof updateKafkaSourceSchema>;

/**
 * A topic prefix an operator grants a project: the characters of a topic name, and "" for every
 * topic.
 */
export const topicPrefix = z.string().regex(/^[A-Za-z0-9._-]{0,249}$/, 'must be up to 249 letters, digits, ".", "_" or "-"');

/** The topics, of those given, that none of the project's prefixes allows. */
export function topicsOutside(prefixes: readonly string[], topics: readonly string[]): string[] {
  return topics.filter((topic) => !prefixes.some((prefix) => topic.startsWith(prefix)));
}

/**
 * The Kafka consumer group a source joins: the name its project chose, inside the project's own
 * namespace, so no project can join another's group or any group outside Switchyard. A name
 * already inside the namespace (as answers show it) is kept as it is.
 */
export function namespacedGroupId(projectId: string, name: string): string {
  const namespace = `switchyard.${projectId}.`;
  return name.startsWith(namespace) ? name : `${namespace}${name}`;
}

/** A source without a dead-letter topic of its own gets one beside its topic. */
export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`.slice(0, 249);
}
