/**
 * How far behind a broker source is, from its broker: the API asks this for GET
 * /v1/broker-sources/:id.
 */
import { createKafkaOffsets, type KafkaOffsets } from './kafka/offsets';
import type { PartitionLag } from './kafka/consumption';
import { natsBacklog } from './nats/channel';
import { pubsubBacklog } from './pubsub/channel';
import { rabbitmqBacklog } from './rabbitmq/channel';
import { connectRedis, fieldsOf } from './redis/channel';
import { sqsBacklog } from './sqs/channel';
import type { BrokerConnections } from './supervisor';
import type { BrokerSource } from './sources-repository';

/** A source's backlog, as its broker counts it. */
export interface Backlog {
  /** Messages in the stream or queue (RabbitMQ: those ready, not those handed out); null when the broker cannot tell (Kafka, Pub/Sub). */
  length: number | null;
  /** Handed to a consumer and not yet acknowledged; null when the broker cannot tell (Kafka, RabbitMQ without its management plugin, Pub/Sub). */
  pending: number | null;
  /** Not yet handed to the source's group (Kafka: not yet committed by it); null when the broker cannot tell (Redis, after entries were deleted). */
  lag: number | null;
  /** The last message handed to the group (a Redis entry id, a NATS stream sequence); null until there is one (and for Kafka: see partitions). */
  lastDelivered: string | null;
  /** Kafka: per partition, the group's committed offset, the high watermark and the lag between them. */
  partitions?: PartitionLag[];
}

export interface BrokerBacklogs {
  /** Throws when the broker does not answer. */
  backlog(source: BrokerSource): Promise<Backlog>;
  close(): Promise<void>;
}

/** A Kafka group's backlog from its partitions' lag. */
export function kafkaBacklogOf(partitions: PartitionLag[]): Backlog {
  const lag = partitions.reduce((sum, p) => sum + BigInt(p.lag), 0n);
  return { length: null, pending: null, lag: Number(lag), lastDelivered: null, partitions };
}

/** From XLEN and XINFO GROUPS (RESP2: each group a flat list of names and values). */
export function redisBacklogOf(length: number, groups: readonly unknown[][], group: string): Backlog {
  const info = groups.map((flat) => fieldsOf(flat.map((value) => (value === null ? '' : String(value))))).find((fields) => fields.name === group);
  if (!info) return { length, pending: 0, lag: length, lastDelivered: null };
  const lag = info.lag === undefined || info.lag === '' ? null : Number(info.lag);
  return { length, pending: Number(info.pending), lag: Number.isFinite(lag) ? lag : null, lastDelivered: info['last-delivered-id'] && info['last-delivered-id'] !== '0-0' ? info['last-delivered-id'] : null };
}

/**
 * A connection per question: GET of a source is rare, and a fresh connection cannot be one left
 * broken by a Redis restart. Kafka's admin connection is the exception, kept once opened.
 */
export function createBrokerBacklogs(connections: BrokerConnections): BrokerBacklogs {
  let kafka: KafkaOffsets | undefined;
  return {
    async close() {
      await kafka?.close().catch(() => undefined);
    },
    async backlog(source) {
      if (source.broker === 'kafka') return kafkaBacklogOf(await (kafka ??= createKafkaOffsets(connections.kafkaBrokers)).lag(source.group, source.address));
      if (source.broker === 'nats') return natsBacklog(connections.natsUrl, source);
      if (source.broker === 'sqs') return sqsBacklog(connections.sqs, source);
      if (source.broker === 'rabbitmq') return rabbitmqBacklog(connections.rabbitmqUrl, source);
      if (source.broker === 'pubsub') return pubsubBacklog(connections.pubsub, source);
      const client = await connectRedis(connections.redisUrl, 'switchyard-api', { failFast: true });
      try {
        const [length, groups] = await Promise.all([
          client.sendCommand(['XLEN', source.address]) as Promise<number>,
          (client.sendCommand(['XINFO', 'GROUPS', source.address]) as Promise<unknown[][]>).catch((error: Error) => {
            // No such key: the stream does not exist yet.
            if (/no such key/i.test(error.message)) return [];
            throw error;
          }),
        ]);
        return redisBacklogOf(Number(length), groups, source.group);
      } finally {
        client.destroy();
      }
    },
  };
}
