import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { newProject, startTestApi } from '../support/api';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { scrape } from '../support/metrics';
import { createTopic } from '../support/kafka-topics';
import { eventually } from '../support/receiver';
import { ingestCounts, logEntry, testConfig, uniqueName } from '../support/services';

const config = testConfig();
const kafka = new Kafka({ clientId: 'switchyard-test', brokers: config.brokers.kafkaBrokers, logLevel: logLevel.NOTHING });

async function newTopic(partitions: number): Promise<string> {
  const topic = uniqueName('topic');
  await createTopic(kafka, topic, partitions);
  return topic;
}

/** Every message on `topic` once `count` have arrived, read by a group of the test's own. */
async function readTopic(topic: string, count: number): Promise<{ value: string; headers: Record<string, string> }[]> {
  // The consumer creates its source's dead-letter topic when it takes the source up.
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(`topic ${topic} to exist`, async () => ((await admin.listTopics()).includes(topic) ? true : undefined));
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const read: { value: string; headers: Record<string, string> }[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${read.length} of ${count} messages on ${topic}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          read.push({ value: message.value?.toString() ?? '', headers });
          if (read.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

function envelope(eventType: string, payload: unknown, extra: Record<string, unknown> = {}) {
  return { value: JSON.stringify({ eventType, payload, ...extra }) };
}

async function sourceCreated(stack: DeliveryStack, body: Record<string, unknown>): Promise<{ id: string; group: string; deadLetter: string }> {
  const created = await stack.project.http.post('/v1/broker-sources', { broker: 'kafka', ...body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body;
}

describe('Kafka ingestion', () => {
  let stack: DeliveryStack;
  let producer: Producer;
  // Connections left open would keep the file's process alive past a failure: closed in after().
  const admin = kafka.admin();
  let consumer: ConsumerProcess | undefined;
  const sources: string[] = [];

  const counts = (projectId: string) => ingestCounts(stack.test.db, projectId);
  const consumerEnv = () => ({ DATABASE_URL: config.databaseUrl, TEMPORAL_TASK_QUEUE: stack.taskQueue });
  const addSource = async (body: Record<string, unknown>) => {
    const source = await sourceCreated(stack, body);
    sources.push(source.id);
    return source;
  };

  before(async () => {
    stack = await startDeliveryStack();
    producer = kafka.producer();
    await producer.connect();
    await admin.connect();
  });

  after(async () => {
    // Other test files' workers must not find these sources in the shared test database.
    for (const id of sources) await stack.project.http.delete(`/v1/broker-sources/${id}`);
    await consumer?.kill('SIGTERM');
    await producer?.disconnect();
    await admin.disconnect();
    await stack?.stop();
  });

  it('keeps Kafka sources through the API: defaults, validation, a group per source, update and delete', async () => {
    const http = stack.project.http;
    const bad = await http.post('/v1/broker-sources', { broker: 'kafka', topic: 'has space', format: 'json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_request');
    assert.deepEqual(bad.body.error.details.map((d: { path: string }) => d.path).sort(), ['format', 'topic']);

    const source = await addSource({ topic: 'orders.v1', format: 'envelope' });
    assert.match(source.id, /^bsrc_/);
    assert.equal(source.group, `switchyard.${stack.project.id}.${source.id}`, 'a group of its own, in the project\'s namespace');
    assert.equal(source.deadLetter, 'orders.v1.dlq');

    // A Kafka group is the cluster's: taken on another topic too.
    const taken = await http.post('/v1/broker-sources', { broker: 'kafka', topic: 'other', format: 'raw', group: source.group });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'broker_group_taken');

    const patched = await http.patch(`/v1/broker-sources/${source.id}`, { format: 'raw', eventTypeAttribute: 'x-type' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.format, 'raw');
    assert.equal(patched.body.version, 2);
    const listed = await http.get('/v1/broker-sources');
    assert.ok(listed.body.data.some((s: { id: string }) => s.id === source.id));

    assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 204);
    assert.equal((await http.get(`/v1/broker-sources/${source.id}`)).status, 404);
    assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 404);
    const other = await newProject(stack.test, 'another');
    const foreign = await addSource({ topic: 'orders.v2', format: 'envelope' });
    // Kafka sources are broker sources now: the old route is gone (README, Upgrading).
    assert.equal((await http.get('/v1/kafka-sources')).body.error.code, 'not_found');
    assert.equal((await other.http.get(`/v1/broker-sources/${foreign.id}`)).status, 404, 'sources are per project');
  });

  it('turns N messages from several topics and partitions into N events and the right deliveries; a source added while running is picked up', async () => {
    const orders = await stack.endpoint('/orders', { eventTypes: ['order.*'] });
    const invoices = await stack.endpoint('/invoices', { eventTypes: ['invoice.*'] });
    consumer = startConsumerProcess(consumerEnv());
    await consumer.waitForLog(/consumers running/);

    const envelopeTopic = await newTopic(3);
    const rawTopic = await newTopic(2);
    // Created after the consumer process started: it must find them on its own.
    const envelopeSource = await addSource({ topic: envelopeTopic, format: 'envelope' });
    const rawSource = await addSource({ topic: rawTopic, format: 'raw', eventTypeAttribute: 'x-type' });

    const before = await counts(stack.project.id);
    const n = 300;
    await producer.send({
      topic: envelopeTopic,
      messages: Array.from({ length: n }, (_, i) => ({ key: `k${i % 7}`, ...envelope(i % 2 ? 'order.created' : 'invoice.paid', { n: i }) })),
    });
    await producer.send({
      topic: rawTopic,
      messages: Array.from({ length: 100 }, (_, i) => ({ value: JSON.stringify({ raw: i }), headers: { 'x-type': 'order.shipped' } })),
    });
    // The producer's own key: the same event sent twice is one event.
    await producer.send({ topic: envelopeTopic, messages: [envelope('order.created', { once: true }, { idempotencyKey: 'once' }), envelope('order.created', { once: true }, { idempotencyKey: 'once' })] });

    const total = n + 100 + 1;
    const settled = await eventually(
      'every message delivered',
      async () => {
        const now = await counts(stack.project.id);
        return now.succeeded - before.succeeded >= total ? now : undefined;
      },
      120_000,
    );
    assert.equal(settled.events - before.events, total);
    assert.equal(settled.keys - before.keys, total, 'one event per message: keys are unique');
    assert.equal(settled.deliveries - before.deliveries, total, 'each event to exactly the one endpoint subscribed to its type');

    const bodies = (p: string) => stack.receiver.received.filter((r) => r.path === p).map((r) => JSON.parse(r.body));
    const orderNs = bodies('/orders').filter((b) => b.n !== undefined).map((b) => b.n).sort((a, b) => a - b);
    assert.deepEqual(orderNs, Array.from({ length: n }, (_, i) => i).filter((i) => i % 2));
    assert.equal(bodies('/invoices').length, n / 2);
    assert.equal(bodies('/orders').filter((b) => b.raw !== undefined).length, 100);
    assert.equal(bodies('/orders').filter((b) => b.once).length, 1);
    assert.ok(orders.id && invoices.id);

    const view = await eventually('the offsets committed and reported', async () => {
      const answer = await stack.project.http.get(`/v1/broker-sources/${envelopeSource.id}`);
      return answer.body.consumption.backlog?.lag === 0 && answer.body.consumption.consumers.length === 1 ? answer.body : undefined;
    });
    assert.equal(view.consumption.backlog.partitions.length, 3);
    assert.equal(view.consumption.backlog.partitions.reduce((sum: number, p: { committedOffset: string }) => sum + Number(p.committedOffset), 0), n + 2);
    assert.deepEqual(view.consumption.consumers[0].assigned, [0, 1, 2]);
    assert.equal(view.consumption.consumers[0].state, 'running');
    assert.equal(view.consumption.consumers[0].ingested, n + 2);
    assert.ok(view.consumption.messagesPerSecond > 0);
    const raw = await stack.project.http.get(`/v1/broker-sources/${rawSource.id}`);
    assert.deepEqual(raw.body.consumption.backlog.partitions.map((p: { lag: string }) => p.lag), ['0', '0']);

    // The consumer process's own /metrics: what it took in, and no lag left on either source.
    const metricsUrl = logEntry(consumer.log(), 'metrics listening')?.url;
    assert.ok(metricsUrl, `the consumer says where its metrics are:\n${consumer.log().slice(-2000)}`);
    const metrics = await scrape(metricsUrl);
    assert.ok(metrics.value('switchyard_ingest_events_total', { source: 'kafka', outcome: 'accepted' }) >= total, 'every message counted as taken in');
    assert.equal(metrics.value('switchyard_ingest_events_total', { source: 'kafka', outcome: 'rejected' }), 0);
    for (const source of [envelopeSource, rawSource]) {
      assert.ok(metrics.text.includes(`switchyard_kafka_consumer_lag{source="${source.id}"} 0`), `no lag left on ${source.id}`);
    }
  });

  it('dead-letters what cannot be an event, with the reason and where it came from, and keeps the partition moving', async () => {
    assert.ok(consumer, 'runs after the previous test started the consumer');
    const topic = await newTopic(1);
    const source = await addSource({ topic, format: 'envelope' });
    await stack.endpoint('/dlq-good', { eventTypes: ['dlq.*'] });
    await producer.send({
      topic,
      messages: [
        { value: 'not json {' },
        envelope('dlq.good', { n: 1 }),
        { value: JSON.stringify({ payload: { n: 2 } }) },
        envelope('bad type!', { n: 3 }),
        envelope('dlq.good', { n: 4 }, { endpointIds: ['ep_nope'] }),
        envelope('dlq.good', { n: 5 }, { idempotencyKey: 'dup' }),
        envelope('dlq.good', { n: 6 }, { idempotencyKey: 'dup' }),
        { value: null },
        envelope('dlq.good', { n: 8 }),
      ],
    });
    // The dead-letter topic has partitions of its own: put the messages back in their order.
    const dead = (await readTopic(source.deadLetter, 6)).sort(
      (a, b) => Number(a.headers['switchyard-original-offset']) - Number(b.headers['switchyard-original-offset']),
    );
    const reasons = dead.map((d) => d.headers['switchyard-dlq-reason']!);
    assert.match(reasons[0]!, /not JSON/);
    assert.match(reasons[1]!, /eventType/);
    assert.match(reasons[2]!, /eventType/);
    assert.match(reasons[3]!, /endpoint_not_found/);
    assert.match(reasons[4]!, /idempotency_conflict/);
    assert.match(reasons[5]!, /no value/);
    assert.deepEqual(dead.map((d) => d.headers['switchyard-original-offset']), ['0', '2', '3', '4', '6', '7']);
    assert.ok(dead.every((d) => d.headers['switchyard-original-topic'] === topic && d.headers['switchyard-original-partition'] === '0'));
    assert.ok(dead.every((d) => d.headers['switchyard-source-id'] === source.id));
    assert.equal(dead[0]!.value, 'not json {', 'the original value travels with it');

    await stack.receiver.waitFor('/dlq-good', 3);
    assert.deepEqual(stack.receiver.received.filter((r) => r.path === '/dlq-good').map((r) => JSON.parse(r.body).n).sort(), [1, 5, 8]);
    await eventually('the partition committed to its end', async () => {
      const answer = await stack.project.http.get(`/v1/broker-sources/${source.id}`);
      return answer.body.consumption.backlog?.partitions?.[0]?.committedOffset === '9' ? true : undefined;
    });
  });

  it('dead-letters messages of a source whose project no longer exists', async () => {
    const topic = await newTopic(1);
    const gone = await newProject(stack.test, 'to be deleted', { brokerPrefixes: { kafka: [topic] } });
    const created = await gone.http.post('/v1/broker-sources', { broker: 'kafka', topic, format: 'envelope' });
    assert.equal(created.status, 201);
    await stack.test.db.query('DELETE FROM projects WHERE id = $1', [gone.id]);
    await producer.send({ topic, messages: [envelope('x.y', { n: 1 }), envelope('x.y', { n: 2 })] });
    const dead = await readTopic(created.body.deadLetter, 2);
    assert.deepEqual(dead.map((d) => d.headers['switchyard-dlq-reason']), [`unknown project ${gone.id}`, `unknown project ${gone.id}`]);
    await stack.test.db.query('UPDATE broker_sources SET deleted_at = now() WHERE id = $1', [created.body.id]);
  });

  it('stops cleanly on SIGTERM and survives SIGKILL mid-batch: every message delivered, no duplicate events', async () => {
    await consumer?.kill('SIGTERM');
    const topic = await newTopic(2);
    const project = await newProject(stack.test, 'crash', { brokerPrefixes: { kafka: [topic] } });
    const receiverPath = '/crash';
    const endpoint = await project.http.post('/v1/endpoints', { url: `${stack.receiver.url}${receiverPath}` });
    assert.equal(endpoint.status, 201);
    const created = await project.http.post('/v1/broker-sources', { broker: 'kafka', topic, format: 'envelope' });
    sources.push(created.body.id);
    const n = 2000;
    for (let i = 0; i < n; i += 500) {
      await producer.send({ topic, messages: Array.from({ length: 500 }, (_, j) => envelope('crash.test', { n: i + j })) });
    }
    const committedOffsets = async () => (await admin.fetchOffsets({ groupId: created.body.group, topics: [topic] }))[0]!.partitions;
    // A window wider than a chunk: each chunk starts its workflows before its offset commits, the
    // long stretch a stop or a kill is most likely to cut (queued chunks commit in milliseconds).
    const consumerEnv = () => ({ DATABASE_URL: config.databaseUrl, TEMPORAL_TASK_QUEUE: stack.taskQueue, DELIVERY_START_WINDOW: '100000' });

    // SIGTERM: the chunk in hand finishes, and every committed offset stands for events on record.
    consumer = startConsumerProcess(consumerEnv());
    await eventually('the first events committed', async () => ((await counts(project.id)).events > 0 ? true : undefined), 60_000);
    assert.equal(await consumer.kill('SIGTERM'), 0, consumer.log().slice(-2000));
    assert.match(consumer.log(), /Kafka source stopped/);
    for (const { partition, offset } of await committedOffsets()) {
      const below = Math.max(0, Number(offset));
      const { rows } = await stack.test.db.query(
        `SELECT count(*)::int AS n FROM events WHERE project_id = $1 AND idempotency_key LIKE $2 AND split_part(idempotency_key, ':', 4)::bigint < $3`,
        [project.id, `kafka:${topic}:${partition}:%`, below],
      );
      assert.equal(rows[0].n, below, `partition ${partition}: an event for each of the ${below} committed messages`);
    }
    const atStop = await counts(project.id);
    assert.ok(atStop.events < n, `stopped mid-way (${atStop.events} of ${n} events)`);

    // SIGKILL while events are on record whose offsets are not committed yet (their deliveries
    // are still being started): the restart must read those messages again and make nothing twice.
    consumer = startConsumerProcess(consumerEnv());
    const total = (offsets: { offset: string }[]) => offsets.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    await eventually(
      'events on record beyond the committed offsets',
      async () => {
        const { events } = await counts(project.id);
        return events > atStop.events && events > total(await committedOffsets()) ? true : undefined;
      },
      60_000,
    );
    assert.equal(await consumer.kill('SIGKILL'), 'SIGKILL');
    const committedAtKill = total(await committedOffsets());
    assert.ok(committedAtKill < (await counts(project.id)).events, `killed mid-batch (${committedAtKill} committed of ${n})`);

    consumer = startConsumerProcess(consumerEnv());
    const settled = await eventually(
      'every message delivered after the restart',
      async () => {
        const now = await counts(project.id);
        return now.succeeded >= n ? now : undefined;
      },
      180_000,
    );
    assert.deepEqual(settled, { events: n, keys: n, deliveries: n, succeeded: n });
    const ns = new Set(stack.receiver.received.filter((r) => r.path === receiverPath).map((r) => JSON.parse(r.body).n));
    assert.equal(ns.size, n, 'the receiver saw every message');
    assert.equal(await consumer.kill('SIGTERM'), 0);
  });
});
