/**
 * The brokers the broker-source tests run against, behind one face: a producer's and an
 * operator's view of each (make a stream, publish, read the dead letters, count what a group holds
 * unacknowledged), and a private server of its own that a test may stop and start again.
 */
import { jetstreamManager, jetstream } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { startLocalNats } from '../../src/stack/nats';
import type { Service } from '../../src/stack/processes';
import { startLocalRedis } from '../../src/stack/redis';
import { append, entries, pendingCount, testRedis, type TestRedis } from './redis';

export interface DeadLetter {
  body: string;
  attributes: Record<string, string>;
}

export interface BrokerClient {
  /** A new stream to read, its name unique and valid for the broker, starting with `prefix`. */
  newStream(prefix: string): Promise<string>;
  /** Publishes a message (a null body: none at all); its id as dead letters name their original. */
  publish(stream: string, body: string | null, attributes?: Record<string, string>): Promise<string>;
  /** Publishes message `n` of a stream until the broker has it, once: for a test that restarts the broker under it. */
  publishOnce(stream: string, n: number, body: string): Promise<void>;
  /** The dead letters of a source so far, in order. */
  deadLetters(source: { deadLetter: string; stream: string }): Promise<DeadLetter[]>;
  /** Messages handed to the source's group and not yet acknowledged. */
  pending(source: { stream: string; group: string }): Promise<number>;
  /** Messages the source's group has acknowledged (a stream read in order, from its start). */
  acknowledged(source: { stream: string; group: string }): Promise<number>;
  /** NATS: takes the next message from the source's consumer `times` times without acknowledging it. */
  withholdAcks(source: { stream: string; group: string }, times: number): Promise<void>;
  close(): Promise<void>;
}

export interface BrokerUnderTest {
  broker: 'redis' | 'nats';
  /** The environment variable that points the gateway at it. */
  urlVariable: 'REDIS_URL' | 'NATS_URL';
  /** The field answers name a source's group with. */
  groupField: 'group' | 'consumer';
  /** The dead-letter attribute naming the original message. */
  originalId: string;
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
    pending: (source) => pendingCount(redis, source.stream, source.group),
    async acknowledged(source) {
      const groups = (await redis.sendCommand(['XINFO', 'GROUPS', source.stream])) as unknown[][];
      const fields = groups.map((flat) => Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [String(flat[2 * i]), flat[2 * i + 1]])));
      const group = fields.find((f) => f.name === source.group)!;
      return Number(group['entries-read']) - Number(group.pending);
    },
    withholdAcks: () => Promise.reject(new Error('Redis has no delivery count to exhaust')),
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
      return (await (await manager()).consumers.info(source.stream, source.group)).num_ack_pending;
    },
    async acknowledged(source) {
      return (await (await manager()).consumers.info(source.stream, source.group)).ack_floor.stream_seq;
    },
    async withholdAcks(source, times) {
      const consumer = await js.consumers.get(source.stream, source.group);
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

export const brokersUnderTest: BrokerUnderTest[] = [
  {
    broker: 'redis',
    urlVariable: 'REDIS_URL',
    groupField: 'group',
    originalId: 'switchyard-original-id',
    client: redisClient,
    startServer: (options) => startLocalRedis(options),
    url: (port) => `redis://127.0.0.1:${port}`,
  },
  {
    broker: 'nats',
    urlVariable: 'NATS_URL',
    groupField: 'consumer',
    originalId: 'switchyard-original-sequence',
    client: natsClient,
    startServer: (options) => startLocalNats(options),
    url: (port) => `nats://127.0.0.1:${port}`,
  },
];
