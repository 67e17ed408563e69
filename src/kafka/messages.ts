/**
 * Kafka's messages in the terms of every broker source (src/brokers/messages.ts): the value is
 * the body, headers are the attributes, and the message's place in the log is its identity, so
 * one consumed twice (a crash before the commit, a rebalance) makes no second event. Pure.
 */
import { decodeBrokerMessage, DEFAULT_EVENT_TYPE_ATTRIBUTE, type Decoded, type SourceFormat } from '../brokers/messages';

export type KafkaFormat = SourceFormat;

export const DEFAULT_EVENT_TYPE_HEADER = DEFAULT_EVENT_TYPE_ATTRIBUTE;

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

export function decodeMessage(source: KafkaSourceFormat, message: KafkaMessage): Decoded {
  return decodeBrokerMessage(
    { format: source.format, eventTypeAttribute: source.eventTypeHeader },
    { body: message.value, attribute: (name) => headerText(message, name), identity: messageKey(message) },
    { body: 'value', attribute: 'header' },
  );
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
