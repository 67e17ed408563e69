/**
 * Kafka's messages in the terms of every broker source (src/brokers/messages.ts): the value is
 * the body, headers are the attributes, and the message's place in the log is its identity, so
 * one consumed twice (a crash before the commit, a rebalance) makes no second event. Pure.
 */
import { decodeBrokerMessage, MESSAGE_TERMS, type Decoded, type FormatSettings } from '../messages';

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

/** `eventTypeAttribute` names a header. */
export function decodeMessage(source: FormatSettings, message: KafkaMessage): Decoded {
  return decodeBrokerMessage(
    source,
    { body: message.value, attribute: (name) => headerText(message, name), identity: messageKey(message) },
    MESSAGE_TERMS.kafka,
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
