/**
 * Kafka ingestion through outages: PostgreSQL (a private cluster, so that stopping it leaves the
 * other tests' database alone) and Temporal (cut off from the consumer process by a proxy).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { newProject } from '../support/api';
import { startDeliveryStack } from '../support/delivery-stack';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { startIsolatedGateway } from '../support/isolated-gateway';
import { eventually } from '../support/receiver';
import { createTopic } from '../support/kafka-topics';
import { testConfig, uniqueName } from '../support/services';

const kafka = new Kafka({ clientId: 'switchyard-test', brokers: testConfig().brokers.kafkaBrokers, logLevel: logLevel.NOTHING });

describe('Kafka ingestion while PostgreSQL is down', () => {
  it('pauses, then catches up with nothing lost', async () => {
    const { env, test, receiver, stopPostgres, startPostgres, stop } = await startIsolatedGateway('pg-outage');
    const admin = kafka.admin();
    const producer = kafka.producer();
    let consumer: ConsumerProcess | undefined;
    try {
      const topic = uniqueName('outage');
      const project = await newProject(test, 'outage', { brokerPrefixes: { kafka: [topic] } });
      assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/outage` })).status, 201);
      await admin.connect();
      await createTopic(kafka, topic, 2);
      const source = (await project.http.post('/v1/broker-sources', { broker: 'kafka', topic, format: 'envelope' })).body;
      await producer.connect();
      const send = (from: number, count: number) =>
        producer.send({
          topic,
          messages: Array.from({ length: count }, (_, i) => ({ value: JSON.stringify({ eventType: 'outage.test', payload: { n: from + i } }) })),
        });

      consumer = startConsumerProcess(env);
      await send(0, 50);
      await receiver.waitFor('/outage', 50, 60_000);

      await stopPostgres();
      const logBefore = consumer.log().length;
      await send(50, 150);
      // Down for a while: the partitions pause, try again after their rest, and pause again.
      await consumer.waitForLog(/Kafka partition paused[^]*Kafka partition paused[^]*Kafka partition paused/, 60_000, logBefore);
      // Paused means nothing committed past what was done before the outage.
      const [committed] = await admin.fetchOffsets({ groupId: source.group, topics: [topic] });
      assert.equal(committed!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0), 50);

      await startPostgres();
      await consumer.waitForLog(/Kafka partition resumed/, 90_000, logBefore);
      // At least once: an attempt that reached the receiver but could not be recorded is sent again.
      const delivered = () => new Set(receiver.received.filter((r) => r.path === '/outage').map((r) => JSON.parse(r.body).n));
      await eventually('every message delivered', async () => (delivered().size === 200 ? true : undefined), 120_000);
      assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
      const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
      assert.equal(rows[0].events, 200, 'no duplicate events');
      await eventually('the offsets committed to the end', async () => {
        const [now] = await admin.fetchOffsets({ groupId: source.group, topics: [topic] });
        return now!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === 200 ? true : undefined;
      });
    } finally {
      await consumer?.kill('SIGTERM');
      await producer.disconnect();
      await admin.disconnect();
      await stop();
    }
  });
});

/** A TCP proxy to Temporal that the test can cut and restore: Temporal "down" for one process only. */
async function startCuttableProxy(target: string) {
  const [host, port] = [target.split(':')[0]!, Number(target.split(':')[1])];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (on: number) => new Promise<void>((resolve) => server.listen(on, '127.0.0.1', () => resolve()));
  await listen(0);
  const proxyPort = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${proxyPort}`,
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    restore: () => listen(proxyPort),
  };
}

describe('Kafka ingestion while Temporal is unreachable', () => {
  it('pauses, then catches up with nothing lost', async () => {
    const stack = await startDeliveryStack();
    const proxy = await startCuttableProxy(stack.config.temporal.address);
    const admin = kafka.admin();
    const producer = kafka.producer();
    let consumer: ConsumerProcess | undefined;
    let sourceId: string | undefined;
    try {
      await stack.endpoint('/temporal-outage');
      const topic = uniqueName('temporal-outage');
      await admin.connect();
      await createTopic(kafka, topic, 2);
      const source = (await stack.project.http.post('/v1/broker-sources', { broker: 'kafka', topic, format: 'envelope' })).body;
      sourceId = source.id;
      await producer.connect();
      const send = (from: number, count: number) =>
        producer.send({
          topic,
          messages: Array.from({ length: count }, (_, i) => ({ value: JSON.stringify({ eventType: 'outage.test', payload: { n: from + i } }) })),
        });
      const committed = async () =>
        (await admin.fetchOffsets({ groupId: source.group, topics: [topic] }))[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);

      // Only the consumer goes through the proxy; the worker keeps its own connection.
      consumer = startConsumerProcess({ DATABASE_URL: stack.config.databaseUrl, TEMPORAL_TASK_QUEUE: stack.taskQueue, TEMPORAL_ADDRESS: proxy.address });
      await send(0, 50);
      await stack.receiver.waitFor('/temporal-outage', 50, 60_000);
      await eventually('the first 50 committed', async () => ((await committed()) === 50 ? true : undefined));

      await proxy.cut();
      const logBefore = consumer.log().length;
      await send(50, 100);
      await consumer.waitForLog(/Kafka partition paused/, 90_000, logBefore);
      assert.equal(await committed(), 50, 'nothing committed while the deliveries cannot start');

      await proxy.restore();
      await consumer.waitForLog(/Kafka partition resumed/, 120_000, logBefore);
      const delivered = () => new Set(stack.receiver.received.filter((r) => r.path === '/temporal-outage').map((r) => JSON.parse(r.body).n));
      await eventually('every message delivered', async () => (delivered().size === 150 ? true : undefined), 120_000);
      const { rows } = await stack.test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [stack.project.id]);
      assert.equal(rows[0].n, 150, 'no duplicate events');
      await eventually('every offset committed', async () => ((await committed()) === 150 ? true : undefined));
    } finally {
      await consumer?.kill('SIGTERM');
      if (sourceId) await stack.project.http.delete(`/v1/broker-sources/${sourceId}`);
      await producer.disconnect();
      await admin.disconnect();
      await proxy.cut();
      await stack.stop();
    }
  });
});
