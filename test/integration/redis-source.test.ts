/**
 * Broker sources on Redis Streams, against the Redis `npm test` starts: the API, N entries into N
 * events, dead letters, and a consumer killed mid-chunk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newProject } from '../support/api';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { scrape } from '../support/metrics';
import { eventually } from '../support/receiver';
import { append, entries, pendingCount, testRedis, type TestRedis } from '../support/redis';
import { ingestCounts, logEntry, testConfig, uniqueName } from '../support/services';

const config = testConfig();

function envelope(eventType: string, payload: unknown, extra: Record<string, unknown> = {}) {
  return { body: JSON.stringify({ eventType, payload, ...extra }) };
}

describe('Redis Streams sources', () => {
  let stack: DeliveryStack;
  let redis: TestRedis;
  let consumer: ConsumerProcess | undefined;
  const sources: { http: DeliveryStack['project']['http']; id: string }[] = [];

  const counts = (projectId: string) => ingestCounts(stack.test.db, projectId);
  // A killed consumer's entries are taken over after 2 s idle instead of a minute.
  const consumerEnv = (extra: NodeJS.ProcessEnv = {}) => ({ DATABASE_URL: config.databaseUrl, TEMPORAL_TASK_QUEUE: stack.taskQueue, BROKER_CLAIM_IDLE_SECONDS: '2', ...extra });
  const addSource = async (body: Record<string, unknown>, http = stack.project.http) => {
    const created = await http.post('/v1/broker-sources', { broker: 'redis', ...body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    sources.push({ http, id: created.body.id });
    return created.body as { id: string; stream: string; group: string; deadLetter: string };
  };

  before(async () => {
    stack = await startDeliveryStack();
    redis = await testRedis(config.brokers.redisUrl);
  });

  after(async () => {
    // Other test files' consumers must not find these sources in the shared test database.
    for (const { http, id } of sources) await http.delete(`/v1/broker-sources/${id}`);
    await consumer?.kill('SIGTERM');
    redis?.destroy();
    await stack?.stop();
  });

  it('keeps broker sources through the API: defaults, validation, allowed names, a group per source, update and delete', async () => {
    const http = stack.project.http;
    const bad = await http.post('/v1/broker-sources', { broker: 'redis', stream: 'has space', format: 'json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_request');
    assert.deepEqual(bad.body.error.details.map((d: { path: string }) => d.path).sort(), ['format', 'stream']);
    const unknown = await http.post('/v1/broker-sources', { broker: 'carrier-pigeon', stream: 'x', format: 'raw' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'invalid_request');

    const source = await addSource({ stream: 'orders.v1', format: 'envelope' });
    assert.match(source.id, /^bsrc_/);
    assert.equal(source.group, `switchyard.${stack.project.id}.${source.id}`, "a group of its own, in the project's namespace");
    assert.equal(source.deadLetter, 'orders.v1.dlq');

    const taken = await http.post('/v1/broker-sources', { broker: 'redis', stream: 'orders.v1', format: 'raw', group: source.group });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'broker_group_taken');
    const sameGroupElsewhere = await addSource({ stream: 'orders.v2', format: 'raw', group: source.group });
    assert.equal(sameGroupElsewhere.group, source.group, 'a group name is per stream');

    const patched = await http.patch(`/v1/broker-sources/${source.id}`, { format: 'raw', eventTypeAttribute: 'x-type' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.format, 'raw');
    assert.equal(patched.body.eventTypeAttribute, 'x-type');
    assert.equal(patched.body.version, 2);
    const moved = await http.patch(`/v1/broker-sources/${source.id}`, { stream: 'elsewhere' });
    assert.equal(moved.status, 400, 'what a source reads stays');
    const listed = await http.get('/v1/broker-sources');
    assert.ok(listed.body.data.some((s: { id: string }) => s.id === source.id));

    assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 204);
    assert.equal((await http.get(`/v1/broker-sources/${source.id}`)).status, 404);
    assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 404);

    // What the operator has not granted, a project cannot read or dead-letter to.
    const narrow = await newProject(stack.test, 'narrow', { brokerPrefixes: { redis: ['narrow.'] } });
    const outside = await narrow.http.post('/v1/broker-sources', { broker: 'redis', stream: 'narrow.in', format: 'envelope', deadLetter: 'shared.dlq' });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.error.code, 'broker_name_not_allowed');
    assert.deepEqual(outside.body.error.details, { broker: 'redis', names: ['shared.dlq'] });
    const ungranted = await newProject(stack.test, 'ungranted');
    assert.equal((await ungranted.http.post('/v1/broker-sources', { broker: 'redis', stream: 'x', format: 'raw' })).body.error.code, 'broker_name_not_allowed');
    const inside = await addSource({ stream: 'narrow.in', format: 'envelope' }, narrow.http);
    assert.equal((await ungranted.http.get(`/v1/broker-sources/${inside.id}`)).status, 404, 'sources are per project');
    assert.equal((await ungranted.http.delete(`/v1/broker-sources/${inside.id}`)).status, 404);
  });

  it('turns N entries into N events and the right deliveries; a source added while running is picked up; GET shows the backlog', async () => {
    await stack.endpoint('/orders', { eventTypes: ['order.*'] });
    await stack.endpoint('/invoices', { eventTypes: ['invoice.*'] });
    consumer = startConsumerProcess(consumerEnv());
    await consumer.waitForLog(/consumers running/);

    // Entries published before the sources exist are read too: a group starts at the stream's beginning.
    const envelopeStream = uniqueName('envelopes');
    const rawStream = uniqueName('raw');
    const n = 300;
    for (let i = 0; i < n; i++) await append(redis, envelopeStream, envelope(i % 2 ? 'order.created' : 'invoice.paid', { n: i }));
    // Created after the consumer process started: it must find them on its own.
    const envelopeSource = await addSource({ stream: envelopeStream, format: 'envelope' });
    const rawSource = await addSource({ stream: rawStream, format: 'raw', eventTypeAttribute: 'x-type' });
    for (let i = 0; i < 100; i++) await append(redis, rawStream, { body: JSON.stringify({ raw: i }), 'x-type': 'order.shipped' });
    // The producer's own key: the same event sent twice is one event.
    for (let i = 0; i < 2; i++) await append(redis, envelopeStream, envelope('order.created', { once: true }, { idempotencyKey: 'once' }));

    const total = n + 100 + 1;
    const settled = await eventually(
      'every entry delivered',
      async () => {
        const now = await counts(stack.project.id);
        return now.succeeded >= total ? now : undefined;
      },
      120_000,
    );
    assert.equal(settled.events, total);
    assert.equal(settled.keys, total, 'one event per entry: keys are unique');
    assert.equal(settled.deliveries, total, 'each event to exactly the one endpoint subscribed to its type');

    const bodies = (p: string) => stack.receiver.received.filter((r) => r.path === p).map((r) => JSON.parse(r.body));
    const orderNs = bodies('/orders').filter((b) => b.n !== undefined).map((b) => b.n).sort((a, b) => a - b);
    assert.deepEqual(orderNs, Array.from({ length: n }, (_, i) => i).filter((i) => i % 2));
    assert.equal(bodies('/invoices').length, n / 2);
    assert.deepEqual(bodies('/orders').filter((b) => b.raw !== undefined).map((b) => b.raw).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    assert.equal(bodies('/orders').filter((b) => b.once).length, 1);

    const view = await eventually('everything acknowledged and reported', async () => {
      const answer = await stack.project.http.get(`/v1/broker-sources/${envelopeSource.id}`);
      const { backlog, consumers } = answer.body.consumption;
      return backlog?.pending === 0 && backlog.lag === 0 && consumers[0]?.ingested === n + 2 ? answer.body : undefined;
    });
    assert.equal(view.consumption.backlog.length, n + 2);
    assert.equal(view.consumption.consumers.length, 1);
    assert.equal(view.consumption.consumers[0].state, 'running');
    assert.equal(view.consumption.consumers[0].deadLettered, 0);
    assert.ok(view.consumption.messagesPerSecond > 0);
    assert.equal(await pendingCount(redis, rawStream, rawSource.group), 0);

    const metricsUrl = logEntry(consumer.log(), 'metrics listening')?.url;
    assert.ok(metricsUrl, `the consumer says where its metrics are:\n${consumer.log().slice(-2000)}`);
    const metrics = await scrape(metricsUrl);
    assert.ok(metrics.value('switchyard_ingest_events_total', { source: 'redis', outcome: 'accepted' }) >= total, 'every entry counted as taken in');
  });

  it('dead-letters what cannot be an event, with the reason and the original entry, and keeps the stream moving', async () => {
    assert.ok(consumer, 'runs after the previous test started the consumer');
    const stream = uniqueName('dlq');
    const source = await addSource({ stream, format: 'envelope' });
    await stack.endpoint('/dlq-good', { eventTypes: ['dlq.*'] });
    const ids = [];
    for (const fields of [
      { body: 'not json {' },
      envelope('dlq.good', { n: 1 }),
      { body: JSON.stringify({ payload: { n: 2 } }) },
      envelope('bad type!', { n: 3 }),
      envelope('dlq.good', { n: 4 }, { endpointIds: ['ep_nope'] }),
      envelope('dlq.good', { n: 5 }, { idempotencyKey: 'dup' }),
      envelope('dlq.good', { n: 6 }, { idempotencyKey: 'dup' }),
      { note: 'no body at all' },
      envelope('dlq.good', { n: 8 }),
    ]) {
      ids.push(await append(redis, stream, fields));
    }
    const dead = await eventually('six dead letters', async () => {
      const found = await entries(redis, source.deadLetter);
      return found.length >= 6 ? found : undefined;
    });
    assert.equal(dead.length, 6);
    const reasons = dead.map((d) => d.fields['switchyard-dlq-reason']!);
    assert.match(reasons[0]!, /not JSON/);
    assert.match(reasons[1]!, /eventType/);
    assert.match(reasons[2]!, /eventType/);
    assert.match(reasons[3]!, /endpoint_not_found/);
    assert.match(reasons[4]!, /idempotency_conflict/);
    assert.match(reasons[5]!, /no body/);
    assert.deepEqual(dead.map((d) => d.fields['switchyard-original-id']), [ids[0], ids[2], ids[3], ids[4], ids[6], ids[7]]);
    assert.ok(dead.every((d) => d.fields['switchyard-original-stream'] === stream && d.fields['switchyard-source-id'] === source.id));
    assert.equal(dead[0]!.fields.body, 'not json {', 'the original entry travels with it');
    assert.equal(dead[5]!.fields.note, 'no body at all');

    await stack.receiver.waitFor('/dlq-good', 3);
    assert.deepEqual(stack.receiver.received.filter((r) => r.path === '/dlq-good').map((r) => JSON.parse(r.body).n).sort(), [1, 5, 8]);
    await eventually('every entry acknowledged', async () => ((await pendingCount(redis, stream, source.group)) === 0 ? true : undefined));
    const view = await eventually('the dead letters reported', async () => {
      const answer = await stack.project.http.get(`/v1/broker-sources/${source.id}`);
      return answer.body.consumption.consumers[0]?.deadLettered === 6 ? answer.body : undefined;
    });
    assert.equal(view.consumption.consumers[0].ingested, 3);
  });

  it('stops cleanly on SIGTERM and survives SIGKILL mid-chunk: every entry delivered, no duplicate events', async () => {
    await consumer?.kill('SIGTERM');
    const stream = uniqueName('crash');
    const project = await newProject(stack.test, 'crash', { brokerPrefixes: { redis: [stream] } });
    assert.equal((await project.http.post('/v1/endpoints', { url: `${stack.receiver.url}/redis-crash` })).status, 201);
    const source = await addSource({ stream, format: 'envelope' }, project.http);
    const n = 2000;
    for (let i = 0; i < n; i++) await append(redis, stream, envelope('crash.test', { n: i }));
    // A window wider than a chunk: each chunk starts its workflows before it is acknowledged, the
    // stretch a stop or a kill is most likely to cut.
    const env = consumerEnv({ DELIVERY_START_WINDOW: '100000' });

    // SIGTERM: the chunk in hand finishes, and nothing stays pending.
    consumer = startConsumerProcess(env);
    await eventually('the first events committed', async () => ((await counts(project.id)).events > 0 ? true : undefined), 60_000);
    assert.equal(await consumer.kill('SIGTERM'), 0, consumer.log().slice(-2000));
    assert.match(consumer.log(), /broker source stopped/);
    assert.equal(await pendingCount(redis, stream, source.group), 0, 'a clean stop leaves nothing unacknowledged');
    const atStop = await counts(project.id);
    assert.ok(atStop.events < n, `stopped mid-way (${atStop.events} of ${n} events)`);

    // SIGKILL while a chunk's events are on record and its entries still pending: another
    // consumer (the restarted process, under a new name) must take them over and make nothing twice.
    consumer = startConsumerProcess(env);
    await eventually(
      'events on record for entries not yet acknowledged',
      async () => ((await counts(project.id)).events > atStop.events && (await pendingCount(redis, stream, source.group)) > 0 ? true : undefined),
      60_000,
    );
    assert.equal(await consumer.kill('SIGKILL'), 'SIGKILL');
    assert.ok((await pendingCount(redis, stream, source.group)) > 0, 'killed with entries in hand');

    consumer = startConsumerProcess(env);
    const settled = await eventually(
      'every entry delivered after the restart',
      async () => {
        const now = await counts(project.id);
        return now.succeeded >= n ? now : undefined;
      },
      180_000,
    );
    assert.deepEqual(settled, { events: n, keys: n, deliveries: n, succeeded: n });
    const ns = new Set(stack.receiver.received.filter((r) => r.path === '/redis-crash').map((r) => JSON.parse(r.body).n));
    assert.equal(ns.size, n, 'the receiver saw every entry');
    assert.match(consumer.log(), /taken over from an idle consumer/);
    await eventually('nothing left pending', async () => ((await pendingCount(redis, stream, source.group)) === 0 ? true : undefined));
    assert.equal(await consumer.kill('SIGTERM'), 0);
  });
});
