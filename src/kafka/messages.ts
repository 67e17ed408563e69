/**
 * What a Kafka message means for Switchyard: an event to ingest, or a reason it cannot be one
 * (it then goes to the dead-letter topic). Pure; the consumer does the I/O around it.
 *
 * Two formats, chosen per Kafka source:
 * - `envelope`: the value is JSON `{eventType, payload, idempotencyKey?, endpointIds?, customerId?}`, the same
 *   schema as `POST /v1/events`;
 * - `raw`: the value is the JSON payload itself, and the event type comes from a header.
 * The event's idempotency key is the envelope's own, or else the message's place in the log, so a
 * message consumed twice (a crash before the commit, a rebalance) makes no second event.
 */
import { eventInputSchema, type EventInput } from '../events/schema';

export type KafkaFormat = 'envelope' | 'raw';

export const DEFAULT_EVENT_TYPE_HEADER = 'event-type';

export interface KafkaSourceFormat {
  format: KafkaFormat;
  /** raw only: the header that names the event type. */
  eventTypeHeader?: string | null;
}

export interface KafkaMessage {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export type Decoded = { ok: true; input: EventInput } | { ok: false; reason: string };

/** Where a message sits in the log: its identity when the producer gave it none. */
export function messageKey(message: Pick<KafkaMessage, 'topic' | 'partition' | 'offset'>): string {
  return `kafka:${message.topic}:${message.partition}:${message.offset}`;
}

function headerText(message: KafkaMessage, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const entry = Object.entries(message.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
  const value = Array.isArray(entry) ? entry[0] : entry;
  return value === undefined ? undefined : value.toString();
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`).join('; ');
}

export function decodeMessage(source: KafkaSourceFormat, message: KafkaMessage): Decoded {
  if (message.value === null || message.value.length === 0) return { ok: false, reason: 'the message has no value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the value is not JSON' };
  }

  const candidate =
    source.format === 'envelope'
      ? json
      : { eventType: headerText(message, source.eventTypeHeader ?? DEFAULT_EVENT_TYPE_HEADER), payload: json };
  if (source.format === 'raw' && (candidate as { eventType?: string }).eventType === undefined) {
    return { ok: false, reason: `the ${source.eventTypeHeader ?? DEFAULT_EVENT_TYPE_HEADER} header naming the event type is missing` };
  }
  const parsed = eventInputSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: `not a valid event: ${issuesOf(parsed.error)}` };
  return { ok: true, input: { ...parsed.data, idempotencyKey: parsed.data.idempotencyKey ?? messageKey(message) } };
}

/** Headers a dead-lettered message carries: why, and where it came from. */
export function deadLetterHeaders(message: KafkaMessage, reason: string, sourceId: string): Record<string, string> {
  return {
    'switchyard-dlq-reason': reason.slice(0, 1000),
    'switchyard-source-id': sourceId,
    'switchyard-original-topic': message.topic,
    'switchyard-original-partition': String(message.partition),
    'switchyard-original-offset': message.offset,
  };
}
