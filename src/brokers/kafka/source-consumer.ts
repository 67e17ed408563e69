/**
 * One Kafka source's consumer group member: it reads the source's topic in batches, turns each
 * message into an event through the same ingest path as `POST /v1/events`, dead-letters the
 * messages that cannot be events, and commits a partition's offset only once every message up to
 * it is an event with started deliveries or sits in the dead-letter topic.
 *
 * When Postgres or Temporal fails (down, or slower than INGEST_TIMEOUT_MS) the partition pauses,
 * rests (see pauseAfter) and reads the same messages again: the event ids come from the
 * messages, so a second read makes no second event.
 */
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage as RawMessage, Producer } from 'kafkajs';
import { ingestChunk, pauseAfter, timeout } from '../ingest-chunk';
import { Throughput } from '../throughput';
import type { Db } from '../../db/pool';
import type { DeliveryStarter } from '../../deliveries/starter';
import { errorMessage, log } from '../../log';
import { metrics } from '../../metrics/metrics';
import { SpanKind, traced } from '../../tracing/tracing';
import { behindAfter, chunksOf, offsetAfter } from './consumption';
import { deadLetterHeaders, decodeMessage } from './messages';
import type { BrokerSourceConsumer } from '../source-consumer';
import type { BrokerSource } from '../sources-repository';

/** A chunk's ingest taking longer than this counts as a failure: the partition pauses. */
const INGEST_TIMEOUT_MS = 30_000;
/** Partitions of one source ingested side by side (each in its own transaction). */
const PARTITIONS_AT_ONCE = 3;

export interface ConsumerDependencies {
  kafka: Kafka;
  /** For the dead-letter topics; shared by every source in the process. */
  producer: Producer;
  db: Db;
  starter: DeliveryStarter;
}


export async function startKafkaSourceConsumer(deps: ConsumerDependencies, initial: BrokerSource): Promise<BrokerSourceConsumer> {
  let source = initial;
  const startedAt = Date.now();
  const throughput = new Throughput(startedAt);
  const totals = { ingested: 0, deadLettered: 0 };
  let assigned: number[] = [];
  /** Paused partitions: why, and the timer that resumes them. */
  const paused = new Map<number, { reason: string; timer: NodeJS.Timeout }>();
  const failures = new Map<number, number>();
  /** Per partition: messages behind the high watermark after the last chunk (the lag metric sums them). */
  const lags = new Map<number, number>();

  const consumer: Consumer = deps.kafka.consumer({
    groupId: source.group,
    // A stuck dependency must not cost the group its member: chunks heartbeat while they wait.
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = [...(payload.memberAssignment[source.address] ?? [])].sort((a, b) => a - b);
  });
  const crashed = new Promise<void>((resolve) => {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      log.warn('Kafka consumer failed', { source: source.id, error: payload.error.message, restarting: payload.restart });
      if (!payload.restart) resolve();
    });
  });

  async function handleChunk(topic: string, partition: number, messages: RawMessage[]): Promise<void> {
    const started = performance.now();
    const current = source;
    const decoded = messages.map((message) => ({
      message,
      result: decodeMessage(current, { topic, partition, offset: message.offset, value: message.value, headers: message.headers }),
    }));
    const good = decoded.flatMap(({ message, result }) => (result.ok ? [{ message, input: result.input }] : []));
    const dead = [
      ...decoded.flatMap(({ message, result }) => (result.ok ? [] : [{ message, reason: result.reason }])),
      ...(await traced('ingest kafka', SpanKind.CONSUMER, { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.batch.message_count': good.length }, () => ingestChunk(deps.db, deps.starter, current.projectId, good))),
    ].sort((a, b) => (BigInt(a.message.offset) < BigInt(b.message.offset) ? -1 : 1));
    if (dead.length > 0) {
      await deps.producer.send({
        topic: current.deadLetter,
        acks: -1,
        messages: dead.map(({ message, reason }) => ({
          key: message.key,
          value: message.value,
          timestamp: message.timestamp,
          headers: { ...message.headers, ...deadLetterHeaders({ topic, partition, offset: message.offset, value: message.value }, reason, current.id) },
        })),
      });
      log.warn('Kafka messages dead-lettered', { source: current.id, topic, partition, count: dead.length, firstReason: dead[0]!.reason });
    }
    metrics().ingested('kafka', 'accepted', messages.length - dead.length, (performance.now() - started) / 1000);
    if (dead.length > 0) metrics().ingested('kafka', 'rejected', dead.length);
    totals.ingested += messages.length - dead.length;
    totals.deadLettered += dead.length;
    throughput.add(messages.length, Date.now());
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale, pause }: EachBatchPayload) {
    const { topic, partition } = batch;
    for (const chunk of chunksOf(batch.messages)) {
      if (!isRunning() || isStale()) return;
      // Keep the membership alive while the dependencies take their time.
      const beat = setInterval(() => heartbeat().catch(() => undefined), 3_000);
      try {
        await timeout(handleChunk(topic, partition, chunk), INGEST_TIMEOUT_MS, 'ingesting a chunk');
      } catch (error) {
        metrics().ingested('kafka', 'failed', chunk.length);
        // Nothing of this chunk is resolved: after the pause the partition reads it again.
        const failed = (failures.get(partition) ?? 0) + 1;
        failures.set(partition, failed);
        const ms = pauseAfter(failed);
        const reason = errorMessage(error);
        log.warn('Kafka partition paused: a dependency failed', { source: source.id, topic, partition, resumeInMs: ms, error: reason });
        const resume = pause();
        paused.set(partition, {
          reason,
          timer: setTimeout(() => {
            paused.delete(partition);
            resume();
          }, ms),
        });
        return;
      } finally {
        clearInterval(beat);
      }
      if (failures.delete(partition)) log.info('Kafka partition resumed', { source: source.id, topic, partition });
      const last = chunk.at(-1)!.offset;
      lags.set(partition, behindAfter(batch.highWatermark, last));
      metrics().kafkaLag(source.id, [...lags.values()].reduce((sum, lag) => sum + lag, 0));
      resolveOffset(last);
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: offsetAfter(last) }] }] });
      await heartbeat();
    }
  }

  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [source.address], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: PARTITIONS_AT_ONCE, eachBatch });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  log.info('Kafka source consuming', { source: source.id, topic: source.address, groupId: source.group });

  return {
    crashed,
    update(next) {
      source = next;
    },
    report(nowMs) {
      const pausedReasons = [...paused.values()].map((p) => p.reason);
      return {
        state: pausedReasons.length > 0 ? 'paused' : 'running',
        ...(pausedReasons.length > 0 ? { reason: pausedReasons[0] } : {}),
        assigned,
        ingested: totals.ingested,
        deadLettered: totals.deadLettered,
        messagesPerSecond: throughput.perSecond(nowMs),
      };
    },
    async stop() {
      for (const { timer } of paused.values()) clearTimeout(timer);
      await consumer.disconnect();
      metrics().kafkaLag(source.id, undefined);
      log.info('Kafka source stopped', { source: source.id });
    },
  };
}
