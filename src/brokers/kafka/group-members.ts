/**
 * Kafka's part of a process's broker consumers (src/brokers/supervisor.ts): one consumer group
 * member per live Kafka source, on one Kafka client, with one producer for every source's
 * dead-letter topic.
 *
 * Until a Kafka source starts it never connects to Kafka, so a process without Kafka in its life
 * carries it idle.
 */
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { BrokerSourceConsumer } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';
import type { Db } from '../../db/pool';
import type { DeliveryStarter } from '../../deliveries/starter';
import { errorMessage, log } from '../../log';
import { startKafkaSourceConsumer } from './source-consumer';

export interface KafkaMembers {
  /** Joins the source's group (its dead-letter topic made first, when missing). */
  start(source: BrokerSource): Promise<BrokerSourceConsumer>;
  /** After every member has stopped: lets go of the dead-letter producer. */
  close(): Promise<void>;
}

/** kafkajs's warnings and errors in our log; its info lines (joins, commits) only at debug. */
function kafkaLog() {
  return ({ level, namespace, log: entry }: LogEntry) => {
    const fields = { namespace, ...(entry.error ? { error: String(entry.error) } : {}), ...(entry.groupId ? { groupId: entry.groupId } : {}) };
    if (level <= logLevel.WARN) log.warn(`kafkajs: ${entry.message}`, fields);
    else log.debug(`kafkajs: ${entry.message}`, fields);
  };
}

/**
 * Creates the dead-letter topic when it is missing (the broker's default partitions), so that
 * readers can subscribe before the first message fails. A cluster that refuses (no rights) may
 * still create it on first write, or its operators did: a warning, not a failure.
 */
async function ensureTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } catch (error) {
    log.warn('could not create the dead-letter topic', { topic, error: errorMessage(error) });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** `name`: this process's, as the other brokers' consumers are named. */
export function createKafkaMembers(brokers: string[], name: string, db: Db, starter: DeliveryStarter): KafkaMembers {
  const kafka = new Kafka({ clientId: `switchyard-${name}`, brokers, logLevel: logLevel.INFO, logCreator: kafkaLog });
  let producer: Promise<Producer> | undefined;

  const deadLetterProducer = () =>
    (producer ??= (async () => {
      const created = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await created.connect();
      return created;
    })().catch((error) => {
      producer = undefined;
      throw error;
    }));

  return {
    async start(source) {
      await ensureTopic(kafka, source.deadLetter);
      const member = await startKafkaSourceConsumer({ kafka, producer: await deadLetterProducer(), db, starter }, source);
      return {
        ...member,
        update(next) {
          if (next.deadLetter !== source.deadLetter) void ensureTopic(kafka, next.deadLetter);
          source = next;
          member.update(next);
        },
      };
    },
    async close() {
      const created = await producer?.catch(() => undefined);
      await created?.disconnect().catch(() => undefined);
    },
  };
}
