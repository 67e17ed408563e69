/**
 * Scenarios for the broker sources, as Kafka's scenario measures Kafka: messages per second from a
 * stream into events, and into started delivery workflows, through `switchyard consumers`, with
 * the worker delivering them as it goes. Beside each, in the same run and on the same stream: a
 * consumer on the same client library that reads and acknowledges in chunks of the same size and
 * does nothing else (the server and client's ceiling on this machine).
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CHUNK_SIZE } from '../../src/brokers/ingest-chunk';
import { connectRedis } from '../../src/brokers/redis/channel';
import type { Broker } from '../../src/brokers/source-schema';
import { createBrokerSource } from '../../src/brokers/sources-repository';
import { updateOperatorSettings } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints } from './common';
import { consumeAndTime } from './consumed';

interface BrokerBench {
  /** Publishes `bodies` to a new stream; its name. */
  publish(bodies: string[]): Promise<string>;
  /** Reads and acknowledges every message of the stream as a group of its own; seconds taken. */
  baseline(stream: string, messages: number): Promise<number>;
  close(): Promise<void>;
}

async function redisBench(env: BenchEnvironment): Promise<BrokerBench> {
  const redis = await connectRedis(env.config.brokers.redisUrl, 'switchyard-bench');
  return {
    async publish(bodies) {
      const stream = `bench-${Date.now().toString(36)}`;
      for (let i = 0; i < bodies.length; i += 1000) {
        const batch = redis.multi();
        for (const body of bodies.slice(i, i + 1000)) batch.addCommand(['XADD', stream, '*', 'body', body]);
        await batch.exec();
      }
      return stream;
    },
    async baseline(stream, messages) {
      const group = `${stream}-baseline`;
      await redis.sendCommand(['XGROUP', 'CREATE', stream, group, '0']);
      const started = performance.now();
      for (let seen = 0; seen < messages; ) {
        const reply = (await redis.sendCommand(['XREADGROUP', 'GROUP', group, 'bench', 'COUNT', String(CHUNK_SIZE), 'STREAMS', stream, '>'])) as [string, [string, string[]][]][];
        const ids = reply[0]![1].map(([id]) => id);
        await redis.sendCommand(['XACK', stream, group, ...ids]);
        seen += ids.length;
      }
      return (performance.now() - started) / 1000;
    },
    close: async () => redis.destroy(),
  };
}

async function natsBench(env: BenchEnvironment): Promise<BrokerBench> {
  const nc = await connect({ servers: env.config.brokers.natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  return {
    async publish(bodies) {
      const stream = `bench_${Date.now().toString(36)}`;
      await jsm.streams.add({ name: stream, subjects: [`${stream}.in`] });
      for (let i = 0; i < bodies.length; i += 500) await Promise.all(bodies.slice(i, i + 500).map((body) => js.publish(`${stream}.in`, body)));
      return stream;
    },
    async baseline(stream, messages) {
      await jsm.consumers.add(stream, { durable_name: 'baseline', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
      const consumer = await js.consumers.get(stream, 'baseline');
      const started = performance.now();
      for (let seen = 0; seen < messages; ) {
        const batch = await consumer.fetch({ max_messages: Math.min(CHUNK_SIZE, 256), expires: 2_000 });
        const acks: Promise<boolean>[] = [];
        for await (const msg of batch) acks.push(msg.ackAck());
        await Promise.all(acks);
        seen += acks.length;
      }
      return (performance.now() - started) / 1000;
    },
    close: () => nc.close(),
  };
}

const benches: Record<Broker, (env: BenchEnvironment) => Promise<BrokerBench>> = { redis: redisBench, nats: natsBench };

export async function brokerIngest(env: BenchEnvironment, broker: Broker, messages: number, payloadBytes: number) {
  const endpoints = await benchEndpoints(env, ['ok']);
  const bench = await benches[broker](env);
  try {
    const filler = 'x'.repeat(Math.max(0, payloadBytes - 60));
    const stream = await bench.publish(Array.from({ length: messages }, (_, n) => JSON.stringify({ eventType: endpoints.eventType(0), payload: { n, filler } })));
    const baselineSeconds = await bench.baseline(stream, messages);
    // As an operator would: grant the project the stream, then make the source.
    const { brokerPrefixes } = (await updateOperatorSettings(env.db, env.projectId, { brokerPrefixes: { [broker]: [stream] } }))!;
    await createBrokerSource(env.db, env.projectId, brokerPrefixes, { broker, stream, format: 'envelope' });
    const consumed = await consumeAndTime(env, endpoints.receiver, `${broker}:${stream}:%`, messages, broker);
    return { messages, baselinePerSecond: messages / baselineSeconds, ...consumed };
  } finally {
    await bench.close();
    await endpoints.close();
  }
}
