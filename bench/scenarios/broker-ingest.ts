/**
 * Scenarios for the broker sources, as Kafka's scenario measures Kafka: messages per second from a
 * stream or queue into events, and into started delivery workflows, through `switchyard
 * consumers`, with the worker delivering them as it goes. Beside each, in the same run and on a
 * stream or queue of the same messages: a consumer on the same client library that reads and
 * acknowledges in chunks of the same size and does nothing else (the server and client's ceiling
 * on this machine).
 */
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { connect as amqpConnect } from 'amqplib';
import { CHUNK_SIZE } from '../../src/brokers/ingest-chunk';
import { MAX_OUTSTANDING, pubsubClient } from '../../src/brokers/pubsub/channel';
import { PREFETCH } from '../../src/brokers/rabbitmq/channel';
import { connectRedis } from '../../src/brokers/redis/channel';
import type { Broker, CreateBrokerSource } from '../../src/brokers/source-schema';
import { sqsClient } from '../../src/brokers/sqs/channel';
import { createBrokerSource } from '../../src/brokers/sources-repository';
import { updateOperatorSettings } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints } from './common';
import { consumeAndTime } from './consumed';

interface BrokerBench {
  /** Publishes `bodies` to a new stream or queue; its name. */
  publish(bodies: string[]): Promise<string>;
  /** Reads and acknowledges every message of the stream or queue (a stream: as a group of its own); seconds taken. */
  baseline(address: string, messages: number): Promise<number>;
  close(): Promise<void>;
}

const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function redisBench(env: BenchEnvironment): Promise<BrokerBench> {
  const redis = await connectRedis(env.config.brokers.redisUrl, 'switchyard-bench');
  return {
    async publish(bodies) {
      const stream = uniqueName('bench');
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
      const stream = uniqueName('bench');
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

async function sqsBench(env: BenchEnvironment): Promise<BrokerBench> {
  const client = sqsClient(env.config.brokers.sqs);
  const urlOf = async (queue: string) => (await client.send(new GetQueueUrlCommand({ QueueName: queue }))).QueueUrl!;
  return {
    async publish(bodies) {
      const queue = uniqueName('bench');
      const url = (await client.send(new CreateQueueCommand({ QueueName: queue }))).QueueUrl!;
      const batches = Array.from({ length: Math.ceil(bodies.length / 10) }, (_, b) => bodies.slice(b * 10, b * 10 + 10));
      for (let i = 0; i < batches.length; i += 50) {
        await Promise.all(batches.slice(i, i + 50).map((batch) => client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: batch.map((body, j) => ({ Id: String(j), MessageBody: body })) }))));
      }
      return queue;
    },
    async baseline(queue, messages) {
      const url = await urlOf(queue);
      const started = performance.now();
      for (let seen = 0; seen < messages; ) {
        const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        if (Messages.length === 0) continue;
        await client.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
        seen += Messages.length;
      }
      return (performance.now() - started) / 1000;
    },
    close: async () => client.destroy(),
  };
}

async function rabbitmqBench(env: BenchEnvironment): Promise<BrokerBench> {
  const model = await amqpConnect(env.config.brokers.rabbitmqUrl);
  const channel = await model.createConfirmChannel();
  return {
    async publish(bodies) {
      const queue = uniqueName('bench');
      await channel.assertQueue(queue, { durable: true });
      // A message id each: RabbitMQ gives a message none, and the consumer refuses one without.
      bodies.forEach((body, n) => channel.sendToQueue(queue, Buffer.from(body), { messageId: String(n), persistent: true }));
      await channel.waitForConfirms();
      return queue;
    },
    async baseline(queue, messages) {
      const reader = await model.createChannel();
      await reader.prefetch(PREFETCH);
      const started = performance.now();
      await new Promise<void>((resolve) => {
        let seen = 0;
        void reader.consume(queue, (msg) => {
          if (!msg) return;
          seen += 1;
          // One acknowledgement for every half a prefetch, as the consumer's one per chunk.
          if (seen % (PREFETCH / 2) === 0 || seen === messages) reader.ack(msg, true);
          if (seen === messages) resolve();
        });
      });
      const seconds = (performance.now() - started) / 1000;
      await reader.close();
      return seconds;
    },
    close: () => model.close(),
  };
}

async function pubsubBench(env: BenchEnvironment): Promise<BrokerBench> {
  const pubsub = pubsubClient(env.config.brokers.pubsub);
  return {
    async publish(bodies) {
      const name = uniqueName('bench');
      const [topic] = await pubsub.createTopic(name);
      await topic.createSubscription(name);
      for (let i = 0; i < bodies.length; i += 500) await Promise.all(bodies.slice(i, i + 500).map((body) => topic.publishMessage({ data: Buffer.from(body) })));
      return name;
    },
    async baseline(name, messages) {
      const subscription = pubsub.subscription(name, { flowControl: { maxMessages: MAX_OUTSTANDING, allowExcessMessages: false } });
      const started = performance.now();
      await new Promise<void>((resolve) => {
        let seen = 0;
        subscription.on('message', (msg: { ack(): void }) => {
          msg.ack();
          if (++seen === messages) resolve();
        });
      });
      const seconds = (performance.now() - started) / 1000;
      await subscription.close();
      return seconds;
    },
    close: () => pubsub.close(),
  };
}

/** Kafka's scenario is its own (bench/scenarios/kafka.ts): partitions, and a consumer group as baseline. */
export type ChannelBroker = Exclude<Broker, 'kafka'>;

const benches: Record<ChannelBroker, (env: BenchEnvironment) => Promise<BrokerBench>> = { redis: redisBench, nats: natsBench, sqs: sqsBench, rabbitmq: rabbitmqBench, pubsub: pubsubBench };

export async function brokerIngest(env: BenchEnvironment, broker: ChannelBroker, messages: number, payloadBytes: number) {
  const endpoints = await benchEndpoints(env, ['ok']);
  const bench = await benches[broker](env);
  try {
    const filler = 'x'.repeat(Math.max(0, payloadBytes - 60));
    const bodies = Array.from({ length: messages }, (_, n) => JSON.stringify({ eventType: endpoints.eventType(0), payload: { n, filler } }));
    // The same messages twice: a queue's baseline consumer takes its messages away.
    const baselineSeconds = await bench.baseline(await bench.publish(bodies), messages);
    const address = await bench.publish(bodies);
    // As an operator would: grant the project the stream or queue, then make the source.
    const { brokerPrefixes } = (await updateOperatorSettings(env.db, env.projectId, { brokerPrefixes: { [broker]: [address] } }))!;
    const input: CreateBrokerSource =
      broker === 'redis' || broker === 'nats'
        ? { broker, stream: address, format: 'envelope' }
        : broker === 'pubsub'
          ? { broker, subscription: address, format: 'envelope' }
          : { broker, queue: address, format: 'envelope' };
    await createBrokerSource(env.db, env.projectId, brokerPrefixes, input);
    const consumed = await consumeAndTime(env, endpoints.receiver, `${broker}:${address}:%`, messages, broker);
    return { messages, baselinePerSecond: messages / baselineSeconds, ...consumed };
  } finally {
    await bench.close();
    await endpoints.close();
  }
}
