/**
 * Scenario: Redis Streams, as Kafka's scenario measures Kafka: entries per second from a stream
 * into events, and into started delivery workflows, through `switchyard consumers`, with the
 * worker delivering them as it goes. Beside it, in the same run and on the same stream: a
 * node-redis consumer group that reads and acknowledges in chunks of the same size and does
 * nothing else (the server and client's ceiling on this machine).
 */
import { CHUNK_SIZE } from '../../src/brokers/ingest-chunk';
import { createBrokerSource } from '../../src/brokers/sources-repository';
import { connectRedis } from '../../src/brokers/redis/channel';
import { updateOperatorSettings } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints } from './common';
import { consumeAndTime } from './consumed';

export async function redisIngest(env: BenchEnvironment, messages: number, payloadBytes: number) {
  const stream = `bench-${Date.now().toString(36)}`;
  const endpoints = await benchEndpoints(env, ['ok']);
  const redis = await connectRedis(env.config.brokers.redisUrl, 'switchyard-bench');
  try {
    const filler = 'x'.repeat(Math.max(0, payloadBytes - 60));
    for (let i = 0; i < messages; i += 1000) {
      const batch = redis.multi();
      for (let j = i; j < Math.min(messages, i + 1000); j++) {
        batch.addCommand(['XADD', stream, '*', 'body', JSON.stringify({ eventType: endpoints.eventType(0), payload: { n: j, filler } })]);
      }
      await batch.exec();
    }

    const group = `${stream}-baseline`;
    await redis.sendCommand(['XGROUP', 'CREATE', stream, group, '0']);
    const started = performance.now();
    for (let seen = 0; seen < messages; ) {
      const reply = (await redis.sendCommand(['XREADGROUP', 'GROUP', group, 'bench', 'COUNT', String(CHUNK_SIZE), 'STREAMS', stream, '>'])) as [string, [string, string[]][]][];
      const ids = reply[0]![1].map(([id]) => id);
      await redis.sendCommand(['XACK', stream, group, ...ids]);
      seen += ids.length;
    }
    const baselineSeconds = (performance.now() - started) / 1000;

    // As an operator would: grant the project the stream, then make the source.
    const { brokerPrefixes } = (await updateOperatorSettings(env.db, env.projectId, { brokerPrefixes: { redis: [stream] } }))!;
    await createBrokerSource(env.db, env.projectId, brokerPrefixes, { broker: 'redis', stream, format: 'envelope' });
    const consumed = await consumeAndTime(env, endpoints.receiver, `redis:${stream}:%`, messages, 'Redis');
    return { messages, baselinePerSecond: messages / baselineSeconds, ...consumed };
  } finally {
    redis.destroy();
    await endpoints.close();
  }
}
