/**
 * The brokers the broker-source tests run against, behind one face: a producer's and an
 * operator's view of each (make a stream or queue, publish, read the dead letters, count what a
 * group holds unacknowledged), and a private server of its own that a test may stop and start again.
 */
import { jetstreamManager, jetstream } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { connect as amqpConnect } from 'amqplib';
import { request } from 'undici';
import { pubsubClient } from '../../src/brokers/pubsub/channel';
import { sqsClient } from '../../src/brokers/sqs/channel';
import { ensureElasticMqJars, startLocalElasticMq } from '../../src/stack/elasticmq';
import { startLocalNats } from '../../src/stack/nats';
import { findPubsubEmulator, PUBSUB_EMULATOR_MISSING, startLocalPubsub } from '../../src/stack/pubsub';
import { RABBITMQCTL, rabbitmqNodeName, startLocalRabbitmq } from '../../src/stack/rabbitmq';
import { freePort, testConfig } from './services';
import type { Service } from '../../src/stack/processes';
import { startLocalRedis } from '../../src/stack/redis';
import { append, entries, pendingCount, testRedis, type TestRedis } from './redis';

export interface DeadLetter {
  body: string;
  attributes: Record<string, string>;
}

/** What a source reads, as the tests name it whatever the broker: a stream or queue, and a stream's group. */
export interface Reading {
  address: string;
  group?: string;
}

export interface BrokerClient {
  /** A new stream to read, its name unique and valid for the broker, starting with `prefix`. */
  newStream(prefix: string): Promise<string>;
  /** Publishes a message (a null body: none at all); its id as dead letters name their original. */
  publish(stream: string, body: string | null, attributes?: Record<string, string>): Promise<string>;
  /** Publishes message `n` of a stream until the broker has it, once: for a test that restarts the broker under it. */
  publishOnce(stream: string, n: number, body: string): Promise<void>;
  /** The dead letters of a source so far, in order. */
  deadLetters(source: { deadLetter: string; address: string }): Promise<DeadLetter[]>;
  /** Messages handed to the source's group and not yet acknowledged; absent for a broker that cannot tell (Pub/Sub). */
  pending?(source: Reading): Promise<number>;
  /** Messages the source's group has acknowledged (a stream read in order, from its start); absent as pending is. */
  acknowledged?(source: Reading): Promise<number>;
  /** Takes the next message from the source's consumer or queue `times` times without acknowledging it (a broker that counts deliveries). */
  withholdAcks(source: Reading, times: number): Promise<void>;
  close(): Promise<void>;
}

export interface BrokerUnderTest {
  broker: 'redis' | 'nats' | 'sqs' | 'rabbitmq' | 'pubsub';
  /** Streams have groups, each reading the whole stream; a queue's consumers share it. */
  kind: 'stream' | 'queue';
  /** The environment variable that points the gateway at it. */
  urlVariable: 'REDIS_URL' | 'NATS_URL' | 'SQS_ENDPOINT' | 'RABBITMQ_URL' | 'PUBSUB_ENDPOINT';
  /** The field that names what a source reads. */
  addressField: 'stream' | 'queue' | 'subscription';
  /** The field answers name a source's group with (streams only). */
  groupField?: 'group' | 'consumer';
  /** The dead-letter attributes naming the original message and what it was read from. */
  originalId: string;
  originalAddress: string;
  /** A source's default dead-letter destination. */
  defaultDeadLetter(address: string): string;
  /** Whether a message may have no body at all (SQS wants one). */
  emptyBodies: boolean;
  /** Whether the test server keeps its messages across a restart (the Pub/Sub emulator keeps nothing). */
  durable: boolean;
  /** Why its tests cannot run on this machine, if they cannot. */
  skip?: string;
  /** Whether it counts deliveries (to dead-letter a message delivered too often), and the test can make it count. */
  countsDeliveries: boolean;
  /** What a consumer logs when the broker goes away (SQS has no connection to lose: its requests fail). */
  lostConnection: RegExp;
  client(url: string): Promise<BrokerClient>;
  /** A private server on `port`, its data in `dataDir` (kept across a stop and a start). */
  startServer(options: { dataDir: string; port: number; logFile: string }): Promise<Service>;
  url(port: number): string;
}

async function redisClient(url: string): Promise<BrokerClient> {
  const redis: TestRedis = await testRedis(url);
  return {
    newStream: async (prefix) => `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    publish: (stream, body, attributes = {}) => append(redis, stream, { ...(body === null ? {} : { body }), ...attributes, ...(body === null && Object.keys(attributes).length === 0 ? { note: 'no body' } : {}) }),
    async publishOnce(stream, n, body) {
      // An XADD cut off by a restart may or may not have landed: entries carry ids of their own
      // (n+1), and one that landed is refused as not newer than the stream's last.
      for (;;) {
        try {
          await redis.sendCommand(['XADD', stream, `${n + 1}-1`, 'body', body]);
          return;
        } catch (error) {
          if (/equal or smaller/.test(String(error))) return;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async deadLetters(source) {
      return (await entries(redis, source.deadLetter)).map(({ fields }) => {
        const { body = '', ...attributes } = fields;
        return { body, attributes };
      });
    },
    pending: (source) => pendingCount(redis, source.address, source.group!),
    async acknowledged(source) {
      const groups = (await redis.sendCommand(['XINFO', 'GROUPS', source.address])) as unknown[][];
      const fields = groups.map((flat) => Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [String(flat[2 * i]), flat[2 * i + 1]])));
      const group = fields.find((f) => f.name === source.group!)!;
      return Number(group['entries-read']) - Number(group.pending);
    },
    async withholdAcks(source, times) {
      // Read once by a consumer of the test's, then claimed by it again and again: each claim counts a delivery.
      const reply = (await redis.sendCommand(['XREADGROUP', 'GROUP', source.group!, 'withholder', 'COUNT', '1', 'STREAMS', source.address, '>'])) as [string, [string, string[]][]][] | null;
      const id = reply?.[0]?.[1][0]?.[0];
      if (!id) throw new Error('no message to withhold');
      for (let i = 1; i < times; i++) await redis.sendCommand(['XCLAIM', source.address, source.group!, 'withholder', '0', id]);
    },
    close: async () => redis.destroy(),
  };
}

async function natsClient(url: string): Promise<BrokerClient> {
  const nc: NatsConnection = await connect({ servers: url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  const js = jetstream(nc);
  const manager = () => jetstreamManager(nc);
  return {
    async newStream(prefix) {
      const name = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      await (await manager()).streams.add({ name, subjects: [`${name}.in`] });
      return name;
    },
    async publish(stream, body, attributes = {}) {
      const h = headers();
      for (const [key, value] of Object.entries(attributes)) h.set(key, value);
      const ack = await js.publish(`${stream}.in`, body ?? new Uint8Array(), { headers: h });
      return String(ack.seq);
    },
    async publishOnce(stream, n, body) {
      // JetStream drops a second message with the same id within its duplicate window.
      for (;;) {
        try {
          await js.publish(`${stream}.in`, body, { msgID: `${stream}-${n}`, timeout: 2_000 });
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async deadLetters(source) {
      const jsm = await manager();
      const name = await jsm.streams.find(source.deadLetter).catch(() => undefined);
      if (!name) return [];
      const { state } = await jsm.streams.info(name);
      const letters: DeadLetter[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const stored = await jsm.streams.getMessage(name, { seq });
        if (!stored) continue;
        const attributes = Object.fromEntries(stored.header ? [...stored.header.keys()].map((key) => [key, stored.header.get(key)]) : []);
        letters.push({ body: Buffer.from(stored.data).toString('utf8'), attributes });
      }
      return letters;
    },
    async pending(source) {
      return (await (await manager()).consumers.info(source.address, source.group!)).num_ack_pending;
    },
    async acknowledged(source) {
      return (await (await manager()).consumers.info(source.address, source.group!)).ack_floor.stream_seq;
    },
    async withholdAcks(source, times) {
      const consumer = await js.consumers.get(source.address, source.group!);
      for (let i = 0; i < times; i++) {
        const batch = await consumer.fetch({ max_messages: 1, expires: 5_000 });
        let got = 0;
        for await (const msg of batch) {
          got += 1;
          msg.nak(); // handed back at once: one more delivery counted
        }
        if (got === 0) throw new Error(`no message to withhold on round ${i + 1}`);
      }
    },
    close: () => nc.close(),
  };
}


/** An envelope's own idempotency key: a queue without deduplication then makes one event of a message sent twice. */
function keyed(body: string, key: string): string {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, idempotencyKey: key });
}

async function sqsTestClient(endpoint: string): Promise<BrokerClient> {
  const client = sqsClient({ endpoint, region: 'us-east-1', placeholderCredentials: true });
  const urls = new Map<string, string>();
  const published = new Map<string, number>();
  const urlOf = async (queue: string) => {
    if (!urls.has(queue)) urls.set(queue, (await client.send(new GetQueueUrlCommand({ QueueName: queue }))).QueueUrl!);
    return urls.get(queue)!;
  };
  const counts = async (queue: string) => {
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: await urlOf(queue), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { waiting: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
  };
  const send = async (queue: string, body: string, attributes: Record<string, string>) => {
    const MessageAttributes: Record<string, MessageAttributeValue> = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
    const { MessageId } = await client.send(new SendMessageCommand({ QueueUrl: await urlOf(queue), MessageBody: body, MessageAttributes }));
    published.set(queue, (published.get(queue) ?? 0) + 1);
    return MessageId!;
  };
  return {
    async newStream(prefix) {
      const name = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      urls.set(name, (await client.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!);
      return name;
    },
    publish: (queue, body, attributes = {}) => {
      if (body === null) throw new Error('SQS takes no message without a body');
      return send(queue, body, attributes);
    },
    async publishOnce(queue, n, body) {
      // A send cut off by a restart may have landed: the envelope's key makes a second copy no second event.
      for (;;) {
        try {
          await send(queue, keyed(body, `${queue}-${n}`), {});
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async deadLetters(source) {
      // Read and let go at once (visibility 0), until every letter has been seen.
      const url = await urlOf(source.deadLetter).catch(() => undefined);
      if (!url) return [];
      const seen = new Map<string, { sent: number; letter: DeadLetter }>();
      for (let round = 0; round < 20; round++) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['SentTimestamp'] }),
        );
        const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
        for (const m of fresh) {
          const attributes = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']));
          seen.set(m.MessageId!, { sent: Number(m.Attributes?.SentTimestamp ?? 0), letter: { body: m.Body ?? '', attributes } });
        }
        if (fresh.length === 0 && seen.size >= (await counts(source.deadLetter)).waiting) break;
      }
      // In the order they were sent; letters of one batch keep the order of their entries.
      return [...seen.values()].sort((a, b) => a.sent - b.sent).map(({ letter }) => letter);
    },
    pending: async (source) => (await counts(source.address)).inFlight,
    async acknowledged(source) {
      const { waiting, inFlight } = await counts(source.address);
      return (published.get(source.address) ?? 0) - waiting - inFlight;
    },
    async withholdAcks(source, times) {
      // Received and let go again at once: one more receive counted each time.
      for (let i = 0; i < times; i++) {
        const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: await urlOf(source.address), MaxNumberOfMessages: 1, VisibilityTimeout: 0, WaitTimeSeconds: 5 }));
        if (Messages.length === 0) throw new Error(`no message to withhold on round ${i + 1}`);
      }
    },
    close: async () => client.destroy(),
  };
}

const execFileAsync = promisify(execFile);

async function rabbitmqTestClient(url: string): Promise<BrokerClient> {
  const model = await amqpConnect(url);
  model.on('error', () => undefined);
  const channel = await model.createConfirmChannel();
  const published = new Map<string, number>();
  const port = Number(new URL(url).port || 5672);
  /** What only the node's control tool tells: messages ready and handed out unacknowledged, per queue. */
  const queueCounts = async (queue: string) => {
    const { stdout } = await execFileAsync(RABBITMQCTL, ['-n', rabbitmqNodeName(port), '-q', 'list_queues', 'name', 'messages_ready', 'messages_unacknowledged'], {
      // The node's own epmd; one the tool would start if it found none listens on loopback only.
      env: { ...process.env, ERL_EPMD_PORT: String(port + 10_000), ERL_EPMD_ADDRESS: '127.0.0.1' },
    });
    const line = stdout.split('\n').map((l) => l.trim().split(/\s+/)).find(([name]) => name === queue);
    return { ready: Number(line?.[1] ?? 0), unacked: Number(line?.[2] ?? 0) };
  };
  const send = async (queue: string, body: Buffer, headers: Record<string, string>, messageId: string) => {
    channel.sendToQueue(queue, body, { headers, messageId, persistent: true });
    await channel.waitForConfirms();
    published.set(queue, (published.get(queue) ?? 0) + 1);
    return messageId;
  };
  return {
    async newStream(prefix) {
      const name = `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      await channel.assertQueue(name, { durable: true });
      return name;
    },
    publish: (queue, body, attributes = {}) => send(queue, Buffer.from(body ?? ''), attributes, crypto.randomUUID()),
    async publishOnce(queue, n, body) {
      // A publish the restart cut off may have landed: its message id makes a second copy no second event.
      for (;;) {
        try {
          const fresh = await amqpConnect(url);
          fresh.on('error', () => undefined);
          try {
            const confirm = await fresh.createConfirmChannel();
            confirm.sendToQueue(queue, Buffer.from(body), { messageId: `${queue}-${n}`, persistent: true });
            await confirm.waitForConfirms();
          } finally {
            await fresh.close().catch(() => undefined);
          }
          published.set(queue, (published.get(queue) ?? 0) + 1);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async deadLetters(source) {
      // Taken without acknowledgement, then handed back (in their order) when the channel closes.
      const reader = await model.createChannel();
      reader.on('error', () => undefined);
      const letters: DeadLetter[] = [];
      try {
        for (;;) {
          const msg = await reader.get(source.deadLetter, { noAck: false });
          if (msg === false) break;
          const headers = msg.properties.headers ?? {};
          letters.push({ body: msg.content.toString('utf8'), attributes: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])) });
        }
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw error;
      } finally {
        await reader.close().catch(() => undefined);
      }
      return letters;
    },
    pending: async (source) => (await queueCounts(source.address)).unacked,
    async acknowledged(source) {
      const { ready, unacked } = await queueCounts(source.address);
      return (published.get(source.address) ?? 0) - ready - unacked;
    },
    withholdAcks: () => Promise.reject(new Error('a classic RabbitMQ queue counts no deliveries')),
    close: () => model.close().catch(() => undefined),
  };
}

/** The emulator's REST face, for what the client library does not do: pull now, and hand back. */
async function pubsubRest(endpoint: string, project: string, subscription: string, verb: 'pull' | 'modifyAckDeadline', body: unknown) {
  // undici's own request: the tests' fetch checks every /v1/ answer against Switchyard's API document.
  const response = await request(`http://${endpoint}/v1/projects/${project}/subscriptions/${subscription}:${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.statusCode === 404) {
    await response.body.dump();
    return undefined;
  }
  if (response.statusCode !== 200) throw new Error(`Pub/Sub ${verb} answered ${response.statusCode}: ${await response.body.text()}`);
  return (await response.body.json()) as { receivedMessages?: { ackId: string; message: { data?: string; attributes?: Record<string, string>; messageId: string; publishTime: string } }[] };
}

async function pubsubTestClient(endpoint: string): Promise<BrokerClient> {
  const project = testConfig().brokers.pubsub.project;
  const pubsub = pubsubClient({ endpoint, project, emulator: true });
  /** The topic and its subscription, both of one name; made again when an emulator restart lost them. */
  const ensure = async (name: string) => {
    for (const make of [() => pubsub.createTopic(name), () => pubsub.topic(name).createSubscription(name)]) {
      await make().catch((error: { code?: number }) => {
        if (error.code !== 6) throw error; // ALREADY_EXISTS
      });
    }
  };
  return {
    async newStream(prefix) {
      const name = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      await ensure(name);
      return name;
    },
    publish: (name, body, attributes = {}) => pubsub.topic(name).publishMessage({ data: Buffer.from(body ?? ''), attributes }),
    async publishOnce(name, n, body) {
      // A publish cut off by the restart may have landed: the envelope's key makes a second copy no second event.
      for (;;) {
        try {
          await pubsub.topic(name).publishMessage({ data: Buffer.from(keyed(body, `${name}-${n}`)) });
          return;
        } catch (error) {
          if ((error as { code?: number }).code === 5) await ensure(name).catch(() => undefined); // NOT_FOUND: the emulator restarted empty
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    async deadLetters(source) {
      // Pulled, then handed back at once (a deadline of 0), until a pull finds nothing new.
      const seen = new Map<string, { published: string; letter: DeadLetter }>();
      for (let round = 0; round < 20; round++) {
        const answer = await pubsubRest(endpoint, project, source.deadLetter, 'pull', { maxMessages: 100, returnImmediately: true });
        const received = answer?.receivedMessages ?? [];
        const fresh = received.filter(({ message }) => !seen.has(message.messageId));
        for (const { message } of fresh) {
          seen.set(message.messageId, { published: message.publishTime, letter: { body: Buffer.from(message.data ?? '', 'base64').toString('utf8'), attributes: message.attributes ?? {} } });
        }
        if (received.length > 0) await pubsubRest(endpoint, project, source.deadLetter, 'modifyAckDeadline', { ackIds: received.map((r) => r.ackId), ackDeadlineSeconds: 0 });
        if (fresh.length === 0) break;
      }
      return [...seen.values()].sort((a, b) => a.published.localeCompare(b.published)).map(({ letter }) => letter);
    },
    withholdAcks: () => Promise.reject(new Error('a subscription without a dead-letter policy counts no deliveries')),
    close: () => pubsub.close(),
  };
}

const allBrokersUnderTest: BrokerUnderTest[] = [
  {
    broker: 'redis',
    kind: 'stream',
    urlVariable: 'REDIS_URL',
    addressField: 'stream',
    groupField: 'group',
    originalId: 'switchyard-original-id',
    originalAddress: 'switchyard-original-stream',
    defaultDeadLetter: (address) => `${address}.dlq`,
    emptyBodies: true,
    durable: true,
    countsDeliveries: true,
    lostConnection: /Redis connection failed; reconnecting/,
    client: redisClient,
    startServer: (options) => startLocalRedis(options),
    url: (port) => `redis://127.0.0.1:${port}`,
  },
  {
    broker: 'nats',
    kind: 'stream',
    urlVariable: 'NATS_URL',
    addressField: 'stream',
    groupField: 'consumer',
    originalId: 'switchyard-original-sequence',
    originalAddress: 'switchyard-original-stream',
    defaultDeadLetter: (address) => `${address}.dlq`,
    emptyBodies: true,
    durable: true,
    countsDeliveries: true,
    lostConnection: /NATS connection lost; reconnecting/,
    client: natsClient,
    startServer: (options) => startLocalNats(options),
    url: (port) => `nats://127.0.0.1:${port}`,
  },
  {
    broker: 'sqs',
    kind: 'queue',
    urlVariable: 'SQS_ENDPOINT',
    addressField: 'queue',
    originalId: 'switchyard-original-id',
    originalAddress: 'switchyard-original-queue',
    defaultDeadLetter: (address) => `${address}-dlq`,
    emptyBodies: false,
    durable: true,
    countsDeliveries: true,
    lostConnection: /broker source paused: a dependency failed/,
    client: sqsTestClient,
    startServer: async (options) => startLocalElasticMq({ ...options, libs: await ensureElasticMqJars(testConfig().paths.tools) }),
    url: (port) => `http://127.0.0.1:${port}`,
  },
  {
    broker: 'rabbitmq',
    kind: 'queue',
    urlVariable: 'RABBITMQ_URL',
    addressField: 'queue',
    originalId: 'switchyard-original-message-id',
    originalAddress: 'switchyard-original-queue',
    defaultDeadLetter: (address) => `${address}.dlq`,
    emptyBodies: true,
    durable: true,
    countsDeliveries: false,
    lostConnection: /RabbitMQ connection lost; reconnecting/,
    client: rabbitmqTestClient,
    // A private node's Erlang ports are free ones too (the defaults follow from its port, and could pass 65535).
    startServer: async (options) => startLocalRabbitmq({ ...options, epmdPort: await freePort(), distPort: await freePort() }),
    url: (port) => `amqp://guest:guest@127.0.0.1:${port}`,
  },
  {
    broker: 'pubsub',
    kind: 'queue',
    urlVariable: 'PUBSUB_ENDPOINT',
    addressField: 'subscription',
    originalId: 'switchyard-original-id',
    originalAddress: 'switchyard-original-subscription',
    defaultDeadLetter: (address) => `${address}-dlq`,
    emptyBodies: true,
    durable: false,
    ...(findPubsubEmulator() ? {} : { skip: PUBSUB_EMULATOR_MISSING }),
    countsDeliveries: false,
    lostConnection: /Pub\/Sub stream ended; the client reconnects|Pub\/Sub subscriber failed; opening another/,
    client: pubsubTestClient,
    startServer: (options) => startLocalPubsub(options),
    url: (port) => `127.0.0.1:${port}`,
  },
];

/** Every broker, or those TEST_BROKERS names (`TEST_BROKERS=sqs,rabbitmq npm test -- test/integration/broker-sources.test.ts`). */
export const brokersUnderTest = process.env.TEST_BROKERS ? allBrokersUnderTest.filter((under) => process.env.TEST_BROKERS!.split(',').includes(under.broker)) : allBrokersUnderTest;

/** A message of the outage tests: an event whose payload numbers it. */
export const outageEnvelope = (n: number) => JSON.stringify({ eventType: 'outage.test', payload: { n } });
