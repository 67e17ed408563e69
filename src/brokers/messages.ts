/**
 * What a broker's message means for Switchyard, whatever the broker: an event to ingest, or a
 * reason it cannot be one (it then goes to the source's dead-letter destination). Pure; the
 * consumers do the I/O around it.
 *
 * Two formats, chosen per source:
 * - `envelope`: the body is JSON `{eventType, payload, idempotencyKey?, endpointIds?, customerId?}`,
 *   the same schema as `POST /v1/events`;
 * - `raw`: the body is the JSON payload itself, and the event type comes from an attribute (a
 *   Kafka header, a Redis stream entry's field, ...).
 * The event's idempotency key is the envelope's own, or else the message's identity in its broker
 * (where it sits in the log, or the broker's message id), so a message consumed twice (a crash
 * before the acknowledgement) makes no second event. A message with neither (RabbitMQ gives a
 * message no id unless its publisher does) is refused rather than risk that second event.
 */
import { eventInputSchema, type EventInput } from '../events/schema';
import type { Broker } from './source-schema';

export type SourceFormat = 'envelope' | 'raw';

export const DEFAULT_EVENT_TYPE_ATTRIBUTE = 'event-type';

export interface FormatSettings {
  format: SourceFormat;
  /** raw only: the attribute that names the event type (null: `event-type`). */
  eventTypeAttribute?: string | null;
}

export interface BrokerMessage {
  body: Buffer | null;
  /** An attribute's value by name (case as the broker keeps it), if the message has it. */
  attribute(name: string): string | undefined;
  /** What identifies the message in its broker, however often it is delivered; undefined when its broker gives it nothing. */
  identity: string | undefined;
}

export type Decoded = { ok: true; input: EventInput } | { ok: false; reason: string };

/** What the broker calls a message's body and its attributes, for the reasons a person reads. */
export interface BrokerTerms {
  body: string;
  attribute: string;
  /** Where a message's id would be, for a broker whose messages have one only when their publisher gives it. */
  identity?: string;
}

/** What each broker calls a message's body and attributes, in the reasons of its dead letters. */
export const MESSAGE_TERMS: Record<Broker, BrokerTerms> = {
  kafka: { body: 'value', attribute: 'header' },
  redis: { body: 'body field', attribute: 'field' },
  nats: { body: 'data', attribute: 'header' },
  sqs: { body: 'body', attribute: 'message attribute' },
  rabbitmq: { body: 'body', attribute: 'header', identity: 'message_id property' },
  pubsub: { body: 'data', attribute: 'attribute' },
};

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`).join('; ');
}

export function decodeBrokerMessage(source: FormatSettings, message: BrokerMessage, terms: BrokerTerms = { body: 'body', attribute: 'attribute' }): Decoded {
  if (message.body === null || message.body.length === 0) return { ok: false, reason: `the message has no ${terms.body}` };
  let json: unknown;
  try {
    json = JSON.parse(message.body.toString('utf8'));
  } catch {
    return { ok: false, reason: `the ${terms.body} is not JSON` };
  }

  const typeAttribute = source.eventTypeAttribute ?? DEFAULT_EVENT_TYPE_ATTRIBUTE;
  const candidate = source.format === 'envelope' ? json : { eventType: message.attribute(typeAttribute), payload: json };
  if (source.format === 'raw' && (candidate as { eventType?: string }).eventType === undefined) {
    return { ok: false, reason: `the ${typeAttribute} ${terms.attribute} naming the event type is missing` };
  }
  const parsed = eventInputSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: `not a valid event: ${issuesOf(parsed.error)}` };
  const idempotencyKey = parsed.data.idempotencyKey ?? message.identity;
  if (idempotencyKey === undefined) {
    return { ok: false, reason: `the message has no ${terms.identity ?? 'id'} and its event no idempotencyKey: consumed twice, it would be two events` };
  }
  return { ok: true, input: { ...parsed.data, idempotencyKey } };
}
