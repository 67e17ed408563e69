/**
 * Scenario 7, Kafka: messages per second from a topic into events, and into started delivery
 * workflows, through `switchyard consumers` as a process of its own, with the worker delivering
 * them as it goes. The messages are produced first; times come from the database's clock (first
 * event's commit to the last event, and to the last workflow start). Beside it, in the same run
 * and on the same topic: a kafkajs consumer group that does nothing (the broker and client's
 * ceiling on this machine).
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createBrokerSource } from '../../src/brokers/sources-repository';
import { updateOperatorSettings } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints } from './common';
import { consumeAndTime } from './consumed';

const PARTITIONS = 3;

export async function kafkaIngest(env: BenchEnvironment, messages: number, payloadBytes: number) {
  const kafka = new Kafka({ clientId: 'switchyard-bench', brokers: env.config.brokers.kafkaBrokers, logLevel: logLevel.NOTHING });
  const topic = `bench-${Date.now().toString(36)}`;
  const endpoints = await benchEndpoints(env, ['ok']);
  const { receiver } = endpoints;
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const filler = 'x'.repeat(Math.max(0, payloadBytes - 60));
    for (let i = 0; i < messages; i += 1000) {
      await producer.send({
        topic,
        messages: Array.from({ length: Math.min(1000, messages - i) }, (_, j) => ({
          key: `k${(i + j) % 64}`,
          value: JSON.stringify({ eventType: endpoints.eventType(0), payload: { n: i + j, filler } }),
        })),
      });
    }
    await producer.disconnect();

    const baseline = kafka.consumer({ groupId: `${topic}-baseline` });
    await baseline.connect();
    await baseline.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    let first = 0;
    const baselineSeconds = await new Promise<number>((resolve) => {
      void baseline.run({
        eachBatch: async ({ batch }) => {
          if (seen === 0) first = performance.now();
          seen += batch.messages.length;
          if (seen >= messages) resolve((performance.now() - first) / 1000);
        },
      });
    });
    await baseline.disconnect();

    // As an operator would: grant the project the topic, then make the source.
    const { brokerPrefixes } = (await updateOperatorSettings(env.db, env.projectId, { brokerPrefixes: { kafka: [topic] } }))!;
    await createBrokerSource(env.db, env.projectId, brokerPrefixes, { broker: 'kafka', topic, format: 'envelope' });
    const consumed = await consumeAndTime(env, receiver, `kafka:${topic}:%`, messages, 'Kafka');
    return {
      messages,
      partitions: PARTITIONS,
      baselinePerSecond: messages / baselineSeconds,
      ...consumed,
    };
  } finally {
    await endpoints.close();
  }
}
