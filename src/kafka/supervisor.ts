/**
 * The Kafka consumers of one process: one consumer group member per live Kafka source. Every
 * couple of seconds it reads the sources from Postgres and starts, replaces or stops members to
 * match, so a source created, changed or deleted through the API takes effect without a restart.
 * Every few seconds it writes what each member is doing (assigned partitions, paused or running,
 * throughput) for GET /v1/kafka-sources/:id.
 *
 * With no sources it never connects to Kafka, so a worker without Kafka in its life runs it idle.
 */
import os from 'node:os';
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { Db } from '../db/pool';
import type { DeliveryStarter } from '../deliveries/starter';
import { startRounds } from '../brokers/rounds';
import { errorMessage, log } from '../log';
import { startSourceConsumer, type SourceConsumer } from './source-consumer';
import { forgetConsumerReports, liveKafkaSources, saveConsumerReports, type KafkaSource } from './sources-repository';

export interface KafkaConsumers {
  stop(): Promise<void>;
}

/** kafkajs's warnings and errors in our log; its info lines (joins, commits) only at debug. */
function kafkaLog() {
  return ({ level, namespace, log: entry }: LogEntry) => {
    const fields = { namespace, ...(entry.error ? { error: String(entry.error) } : {}), ...(entry.groupId ? { groupId: entry.groupId } : {}) };
    if (level <= logLevel.WARN) log.warn(`kafkajs: ${entry.message}`, fields);
    else log.debug(`kafkajs: ${entry.message}`, fields);
  };
}

/** A member is replaced (not just updated) when what it subscribes to or writes to changes. */
function sameMembership(a: KafkaSource, b: KafkaSource): boolean {
  return a.topic === b.topic && a.groupId === b.groupId && a.deadLetterTopic === b.deadLetterTopic;
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

export function startKafkaConsumers(brokers: string[], db: Db, starter: DeliveryStarter): KafkaConsumers {
  const name = `${os.hostname()}:${process.pid}`;
  const kafka = new Kafka({ clientId: `switchyard-${name}`, brokers, logLevel: logLevel.INFO, logCreator: kafkaLog });
  let producer: Producer | undefined;
  const members = new Map<string, { source: KafkaSource; consumer: SourceConsumer }>();
  const crashed = new Set<string>();
  let stopping = false;

  async function deadLetterProducer(): Promise<Producer> {
    if (!producer) {
      const created = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await created.connect();
      producer = created;
    }
    return producer;
  }

  async function startMember(source: KafkaSource): Promise<void> {
    await ensureTopic(kafka, source.deadLetterTopic);
    const consumer = await startSourceConsumer({ kafka, producer: await deadLetterProducer(), db, starter }, source);
    members.set(source.id, { source, consumer });
    void consumer.crashed.then(() => crashed.add(source.id));
  }

  async function stopMember(id: string): Promise<void> {
    const member = members.get(id);
    members.delete(id);
    crashed.delete(id);
    await member?.consumer.stop().catch((error) => log.warn('Kafka consumer did not stop cleanly', { source: id, error: errorMessage(error) }));
  }

  async function refresh(): Promise<void> {
    const live = new Map((await liveKafkaSources(db)).map((source) => [source.id, source]));
    for (const [id, member] of members) {
      const wanted = live.get(id);
      if (!wanted || crashed.has(id) || !sameMembership(member.source, wanted)) await stopMember(id);
      else if (wanted.version !== member.source.version) {
        member.consumer.update(wanted);
        member.source = wanted;
      }
    }
    for (const [id, source] of live) {
      if (stopping) return;
      if (members.has(id)) continue;
      // One source that cannot start (Kafka down) must not hold up the others: next round.
      await startMember(source).catch((error) => log.warn('Kafka source could not start; retrying', { source: id, error: errorMessage(error) }));
    }
  }

  async function report(): Promise<void> {
    const now = Date.now();
    await saveConsumerReports(
      db,
      name,
      [...members.entries()].map(([sourceId, member]) => ({ sourceId, report: member.consumer.report(now) })),
    );
  }

  const rounds = startRounds('Kafka', refresh, report);

  return {
    async stop() {
      stopping = true;
      await rounds.stop();
      await Promise.all([...members.keys()].map(stopMember));
      await producer?.disconnect().catch(() => undefined);
      // Gone, not silent: the API stops listing this process at once.
      await forgetConsumerReports(db, name).catch(() => undefined);
    },
  };
}
