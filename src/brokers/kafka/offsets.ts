/**
 * Where a source's consumer group stands on its topic, from the broker's admin API: the API asks
 * this for GET /v1/broker-sources/:id of a Kafka source. One admin connection per API process, opened on first use.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { lagOf, type PartitionLag } from './consumption';

export interface KafkaOffsets {
  /** Per-partition committed offset, high watermark and lag; throws when Kafka does not answer. */
  lag(groupId: string, topic: string): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

export function createKafkaOffsets(brokers: string[]): KafkaOffsets {
  // An API request waits on this: fail fast rather than hold the caller through long retries.
  const kafka = new Kafka({
    clientId: 'switchyard-api',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 1, initialRetryTime: 200 },
  });
  let admin: Promise<Admin> | undefined;
  const connected = () => {
    admin ??= (async () => {
      const created = kafka.admin();
      await created.connect();
      return created;
    })().catch((error) => {
      admin = undefined;
      throw error;
    });
    return admin;
  };

  return {
    async lag(groupId, topic) {
      const client = await connected();
      const [watermarks, [committed]] = await Promise.all([client.fetchTopicOffsets(topic), client.fetchOffsets({ groupId, topics: [topic] })]);
      return lagOf(committed?.partitions ?? [], watermarks);
    },
    async close() {
      const client = await admin?.catch(() => undefined);
      await client?.disconnect();
    },
  };
}
