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

/** Defaults that depend on the source: its own consumer group, and a dead-letter topic beside its topic. */
export function defaultGroupId(sourceId: string): string {
  return `switchyard-${sourceId}`;
}

export function defaultDeadLetterTopic(topic: string): string {
  return `${topic}.dlq`.slice(0, 249);
}
