/**
 * Scenario 7, Kafka: messages per second from a topic into events, and into started delivery
 * workflows, through `switchyard kafka` as a process of its own, with the worker delivering them
 * as it goes. The messages are produced first; times come from the database's clock (first
 * event's commit to the last event, and to the last workflow start). Beside it, in the same run
 * and on the same topic: a kafkajs consumer group that does nothing (the broker and client's
 * ceiling on this machine).
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { createKafkaSource } from '../../src/kafka/sources-repository';
import { updateOperatorSettings } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints } from './common';

const PARTITIONS = 3;

export async function kafkaIngest(env: BenchEnvironment, messages: number, payloadBytes: number) {
  const kafka = new Kafka({ clientId: 'switchyard-bench', brokers: env.config.kafkaBrokers, logLevel: logLevel.NOTHING });
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
    const { kafkaTopicPrefixes } = (await updateOperatorSettings(env.db, env.projectId, { kafkaTopicPrefixes: [topic] }))!;
    await createKafkaSource(env.db, env.projectId, kafkaTopicPrefixes, { topic, format: 'envelope' });
    const consumer = env.command('kafka');
    try {
      const deadline = Date.now() + 900_000;
      for (;;) {
        const { rows } = await env.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries d JOIN events e ON e.id = d.event_id
            WHERE e.idempotency_key LIKE $1 AND d.workflow_started_at IS NOT NULL`,
          [`kafka:${topic}:%`],
        );
        if (rows[0]!.n >= messages) break;
        if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} of ${messages} Kafka deliveries started in 15 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // Delivered too, so that nothing of this scenario is left running into the next.
      while (new Set((await receiver.arrivals()).map((a) => a[1])).size < messages) {
        if (Date.now() > deadline) throw new Error(`the Kafka deliveries did not all arrive in 15 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      consumer.kill('SIGTERM');
    }
    const { rows } = await env.db.query<{ events: number; intoEvents: number; intoStarts: number }>(
      `SELECT count(*)::int AS events,
              extract(epoch FROM max(e.created_at) - min(e.created_at))::float AS "intoEvents",
              extract(epoch FROM max(d.workflow_started_at) - min(e.created_at))::float AS "intoStarts"
         FROM events e JOIN deliveries d ON d.event_id = e.id WHERE e.idempotency_key LIKE $1`,
      [`kafka:${topic}:%`],
    );
    const timing = rows[0]!;
    return {
      messages,
      partitions: PARTITIONS,
      events: timing.events,
      baselinePerSecond: messages / baselineSeconds,
      intoEventsPerSecond: messages / timing.intoEvents,
      intoStartedDeliveriesPerSecond: messages / timing.intoStarts,
    };
  } finally {
    await endpoints.close();
  }
}
