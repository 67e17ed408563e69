/**
 * Broker sources, the same tests for every broker (Redis Streams, NATS JetStream, SQS, RabbitMQ, Pub/Sub),
 * against the servers `npm test` starts: the API, N messages into N events, dead letters, and a
 * consumer killed mid-chunk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newProject } from '../support/api';
import { MAX_DELIVERIES } from '../../src/brokers/source-consumer';
import { brokersUnderTest, type BrokerClient, type DeadLetter, type Reading } from '../support/brokers';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { scrape } from '../support/metrics';
import { eventually } from '../support/receiver';
import { ingestCounts, logEntry, testConfig } from '../support/services';

const config = testConfig();

const envelope = (eventType: string, payload: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ eventType, payload, ...extra });

/** A source as the tests use it, whatever its broker calls what it reads and its group. */
type Source = Reading & { id: string; deadLetter: string };

for (const under of brokersUnderTest) {
  describe(`broker sources on ${under.broker}`, { skip: under.skip }, () => {
    let stack: DeliveryStack;
    let client: BrokerClient;
    let consumer: ConsumerProcess | undefined;
    const sources: { http: DeliveryStack['project']['http']; id: string }[] = [];
    const address = under.addressField;
    const sourceOf = (body: Record<string, string>): Source => ({ ...body, id: body.id!, deadLetter: body.deadLetter!, address: body[address]!, group: under.groupField ? body[under.groupField] : undefined });

    const counts = (projectId: string) => ingestCounts(stack.test.db, projectId);
    // A killed consumer's messages go to another after 2 s unacknowledged instead of a minute.
    const consumerEnv = (extra: NodeJS.ProcessEnv = {}) => ({ DATABASE_URL: config.databaseUrl, TEMPORAL_TASK_QUEUE: stack.taskQueue, BROKER_CLAIM_IDLE_SECONDS: '2', ...extra });
    const addSource = async (body: Record<string, unknown>, http = stack.project.http) => {
      const created = await http.post('/v1/broker-sources', { broker: under.broker, ...body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      sources.push({ http, id: created.body.id });
      return sourceOf(created.body);
    };

    before(async () => {
      stack = await startDeliveryStack();
      client = await under.client(process.env[under.urlVariable]!);
    });

    after(async () => {
      // Other test files' consumers must not find these sources in the shared test database.
      for (const { http, id } of sources) await http.delete(`/v1/broker-sources/${id}`);
      await consumer?.kill('SIGTERM');
      await client?.close();
      await stack?.stop();
    });

    it('keeps sources through the API: defaults, validation, allowed names, a group per source, update and delete', async () => {
      const http = stack.project.http;
      const bad = await http.post('/v1/broker-sources', { broker: under.broker, [address]: 'has space', format: 'json' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid_request');
      assert.deepEqual(bad.body.error.details.map((d: { path: string }) => d.path).sort(), ['format', address].sort());
      const unknown = await http.post('/v1/broker-sources', { broker: 'carrier-pigeon', [address]: 'xyz', format: 'raw' });
      assert.equal(unknown.body.error.code, 'invalid_request');

      const source = await addSource({ [address]: 'orders_v1', format: 'envelope' });
      assert.match(source.id, /^bsrc_/);
      assert.equal(source.deadLetter, under.defaultDeadLetter('orders_v1'));
      if (under.groupField) {
        const separator = under.broker === 'nats' ? '_' : '.';
        assert.equal(source.group, ['switchyard', stack.project.id, source.id].join(separator), "a group of its own, in the project's namespace");
        const taken = await http.post('/v1/broker-sources', { broker: under.broker, [address]: 'orders_v1', format: 'raw', [under.groupField]: source.group });
        assert.equal(taken.status, 409);
        assert.equal(taken.body.error.code, 'broker_group_taken');
        const sameGroupElsewhere = await addSource({ [address]: 'orders_v2', format: 'raw', [under.groupField]: source.group });
        assert.equal(sameGroupElsewhere.group, source.group, 'a group name is per stream');
      } else {
        assert.equal(source.group, undefined, 'a queue has no group');
        // Its consumers share a queue: a second source of the project on it would only steal from the first.
        const taken = await http.post('/v1/broker-sources', { broker: under.broker, [address]: 'orders_v1', format: 'raw' });
        assert.deepEqual([taken.status, taken.body.error.code], [409, 'broker_group_taken']);
        assert.equal((await http.post('/v1/broker-sources', { broker: under.broker, [address]: 'orders_v1', format: 'raw', group: 'mine' })).status, 400, 'no group to choose');
      }

      const patched = await http.patch(`/v1/broker-sources/${source.id}`, { format: 'raw', eventTypeAttribute: 'x-type' });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.format, 'raw');
      assert.equal(patched.body.eventTypeAttribute, 'x-type');
      assert.equal(patched.body.version, 2);
      assert.equal((await http.patch(`/v1/broker-sources/${source.id}`, { [address]: 'elsewhere' })).status, 400, 'what a source reads stays');
      if (under.broker === 'nats') {
        const wildcard = await http.patch(`/v1/broker-sources/${source.id}`, { deadLetter: 'orders.>' });
        assert.deepEqual([wildcard.status, wildcard.body.error.details[0].path], [400, 'deadLetter'], 'a subject NATS would not take');
      }
      const listed = await http.get('/v1/broker-sources');
      assert.ok(listed.body.data.some((s: { id: string }) => s.id === source.id));

      assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 204);
      assert.equal((await http.get(`/v1/broker-sources/${source.id}`)).status, 404);
      assert.equal((await http.delete(`/v1/broker-sources/${source.id}`)).status, 404);

      // What the operator has not granted, a project cannot read or dead-letter to.
      const narrow = await newProject(stack.test, 'narrow', { brokerPrefixes: { [under.broker]: ['narrow'] } });
      const outside = await narrow.http.post('/v1/broker-sources', { broker: under.broker, [address]: 'narrow_in', format: 'envelope', deadLetter: 'shared_dlq' });
      assert.equal(outside.status, 400);
      assert.equal(outside.body.error.code, 'broker_name_not_allowed');
      assert.deepEqual(outside.body.error.details, { broker: under.broker, names: ['shared_dlq'] });
      const otherBroker = await newProject(stack.test, 'other broker', { brokerPrefixes: { [under.broker === 'redis' ? 'nats' : 'redis']: [''] } });
      const ungranted = await otherBroker.http.post('/v1/broker-sources', { broker: under.broker, [address]: 'xyz', format: 'raw' });
      assert.equal(ungranted.body.error.code, 'broker_name_not_allowed', "a grant on one broker is not one on another");
      const inside = await addSource({ [address]: 'narrow_in', format: 'envelope' }, narrow.http);
      assert.equal((await otherBroker.http.get(`/v1/broker-sources/${inside.id}`)).status, 404, 'sources are per project');
      assert.equal((await otherBroker.http.delete(`/v1/broker-sources/${inside.id}`)).status, 404);
    });

    it('turns N messages into N events and the right deliveries; a source added while running is picked up; GET shows the backlog', async () => {
      const prefix = `/${under.broker}`;
      await stack.endpoint(`${prefix}/orders`, { eventTypes: [`${under.broker}.order.*`] });
      await stack.endpoint(`${prefix}/invoices`, { eventTypes: [`${under.broker}.invoice.*`] });
      consumer = startConsumerProcess(consumerEnv());
      await consumer.waitForLog(/consumers running/);

      // Published before the sources exist, and read all the same: a group starts at the stream's beginning.
      const envelopeStream = await client.newStream('envelopes');
      const rawStream = await client.newStream('raw');
      const n = 300;
      for (let i = 0; i < n; i++) await client.publish(envelopeStream, envelope(`${under.broker}.${i % 2 ? 'order.created' : 'invoice.paid'}`, { n: i }));
      // Created after the consumer process started: it must find them on its own.
      const envelopeSource = await addSource({ [address]: envelopeStream, format: 'envelope' });
      const rawSource = await addSource({ [address]: rawStream, format: 'raw', eventTypeAttribute: 'x-type' });
      for (let i = 0; i < 100; i++) await client.publish(rawStream, JSON.stringify({ raw: i }), { 'x-type': `${under.broker}.order.shipped` });
      // The producer's own key: the same event sent twice is one event.
      for (let i = 0; i < 2; i++) await client.publish(envelopeStream, envelope(`${under.broker}.order.created`, { once: true }, { idempotencyKey: 'once' }));

      const total = n + 100 + 1;
      const settled = await eventually('every message delivered', async () => {
        const now = await counts(stack.project.id);
        return now.succeeded >= total ? now : undefined;
      }, 120_000);
      assert.equal(settled.events, total);
      assert.equal(settled.keys, total, 'one event per message: keys are unique');
      assert.equal(settled.deliveries, total, 'each event to exactly the one endpoint subscribed to its type');

      const bodies = (p: string) => stack.receiver.received.filter((r) => r.path === `${prefix}${p}`).map((r) => JSON.parse(r.body));
      const orderNs = bodies('/orders').filter((b) => b.n !== undefined).map((b) => b.n).sort((a, b) => a - b);
      assert.deepEqual(orderNs, Array.from({ length: n }, (_, i) => i).filter((i) => i % 2));
      assert.equal(bodies('/invoices').length, n / 2);
      assert.deepEqual(bodies('/orders').filter((b) => b.raw !== undefined).map((b) => b.raw).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
      assert.equal(bodies('/orders').filter((b) => b.once).length, 1);

      const view = await eventually('everything acknowledged and reported', async () => {
        const answer = await stack.project.http.get(`/v1/broker-sources/${envelopeSource.id}`);
        const { backlog, consumers } = answer.body.consumption;
        // Null where the broker cannot tell (RabbitMQ's pending, all of Pub/Sub's), but answered.
        return backlog && (backlog.pending ?? 0) === 0 && (backlog.lag ?? 0) === 0 && consumers[0]?.ingested === n + 2 ? answer.body : undefined;
      });
      if (under.kind === 'stream') {
        assert.equal(view.consumption.backlog.length, n + 2, 'a stream keeps what its groups have read');
        assert.ok(view.consumption.backlog.lastDelivered);
      } else {
        assert.equal(view.consumption.backlog.length, under.broker === 'pubsub' ? null : 0, 'a queue lets go of what is acknowledged');
      }
      assert.equal(view.consumption.consumers.length, 1);
      assert.equal(view.consumption.consumers[0].state, 'running');
      assert.equal(view.consumption.consumers[0].deadLettered, 0);
      assert.ok(view.consumption.messagesPerSecond > 0);
      // Pub/Sub cannot count what it has handed out: there the deliveries above are the proof.
      if (client.pending) assert.equal(await client.pending(rawSource), 0);

      const metricsUrl = logEntry(consumer.log(), 'metrics listening')?.url;
      assert.ok(metricsUrl, `the consumer says where its metrics are:\n${consumer.log().slice(-2000)}`);
      const metrics = await scrape(metricsUrl);
      assert.ok(metrics.value('switchyard_ingest_events_total', { source: under.broker, outcome: 'accepted' }) >= total, 'every message counted as taken in');
    });

    it('dead-letters what cannot be an event, with the reason and the original message, and keeps the stream moving', async () => {
      assert.ok(consumer, 'runs after the previous test started the consumer');
      const stream = await client.newStream('dlq');
      const source = await addSource({ [address]: stream, format: 'envelope' });
      const good = `/${under.broker}/dlq-good`;
      await stack.endpoint(good, { eventTypes: [`${under.broker}.dlq.*`] });
      const type = `${under.broker}.dlq.good`;
      // Each message, and the reason it is dead-lettered (if it is).
      const messages: [string | null, Record<string, string>, RegExp | undefined][] = [
        ['not json {', {}, /not JSON/],
        [envelope(type, { n: 1 }), {}, undefined],
        [JSON.stringify({ payload: { n: 2 } }), {}, /eventType/],
        [envelope('bad type!', { n: 3 }), {}, /eventType/],
        [envelope(type, { n: 4 }, { endpointIds: ['ep_nope'] }), {}, /endpoint_not_found/],
        [envelope(type, { n: 5 }, { idempotencyKey: 'dup' }), {}, undefined],
        [envelope(type, { n: 6 }, { idempotencyKey: 'dup' }), {}, /idempotency_conflict/],
        ...(under.emptyBodies ? [[null, { note: 'no body at all' }, /has no (body|data)/] as [null, Record<string, string>, RegExp]] : []),
        [envelope(type, { n: 8 }), {}, undefined],
      ];
      const ids: string[] = [];
      for (const [body, attributes] of messages) ids.push(await client.publish(stream, body, attributes));
      const expected = messages.flatMap(([, , reason], i) => (reason ? [{ id: ids[i], reason }] : []));
      const position = (letter: DeadLetter) => ids.indexOf(letter.attributes[under.originalId]!);
      const dead = await eventually('the dead letters', async () => {
        const found = await client.deadLetters(source);
        return found.length >= expected.length ? found : undefined;
      });
      // In the order of their originals: no broker keeps it through a redelivery.
      dead.sort((a, b) => position(a) - position(b));
      assert.equal(dead.length, expected.length);
      dead.forEach((letter, i) => assert.match(letter.attributes['switchyard-dlq-reason']!, expected[i]!.reason));
      assert.deepEqual(dead.map((d) => d.attributes[under.originalId]), expected.map((e) => e.id));
      assert.ok(dead.every((d) => d.attributes[under.originalAddress] === stream && d.attributes['switchyard-source-id'] === source.id));
      assert.equal(dead[0]!.body, 'not json {', 'the original message travels with it');
      if (under.emptyBodies) assert.equal(dead[5]!.attributes.note, 'no body at all');

      await stack.receiver.waitFor(good, 3);
      assert.deepEqual(stack.receiver.received.filter((r) => r.path === good).map((r) => JSON.parse(r.body).n).sort(), [1, 5, 8]);
      if (client.pending) await eventually('every message acknowledged', async () => ((await client.pending!(source)) === 0 ? true : undefined));
      const view = await eventually('the dead letters reported', async () => {
        const answer = await stack.project.http.get(`/v1/broker-sources/${source.id}`);
        return answer.body.consumption.consumers[0]?.deadLettered === expected.length ? answer.body : undefined;
      });
      assert.equal(view.consumption.consumers[0].ingested, 3);
    });

    if (under.countsDeliveries) {
      it('dead-letters a message its consumers have had too many times without acknowledging it', async () => {
        await consumer?.kill('SIGTERM');
        const stream = await client.newStream('poison');
        const source = await addSource({ [address]: stream, format: 'envelope' });
        // The consumer process makes the durable consumer (Redis: the group), then stops.
        consumer = startConsumerProcess(consumerEnv());
        await consumer.waitForLog(new RegExp(`"source":"${source.id}".*"msg":"broker source consuming"`));
        assert.equal(await consumer.kill('SIGTERM'), 0);
        await client.publish(stream, envelope(`${under.broker}.poison.test`, { n: 1 }));
        // As a consumer that dies holding it would, again and again: handed out, never acknowledged.
        await client.withholdAcks(source, MAX_DELIVERIES);

        consumer = startConsumerProcess(consumerEnv());
        const dead = await eventually('the dead letter', async () => {
          const found = await client.deadLetters(source);
          return found.length > 0 ? found : undefined;
        });
        assert.equal(dead[0]!.attributes['switchyard-dlq-reason'], `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);
        assert.equal(JSON.parse(dead[0]!.body).payload.n, 1);
        await eventually('acknowledged', async () => ((await client.pending!(source)) === 0 ? true : undefined));
        const { rows } = await stack.test.db.query(`SELECT count(*)::int AS n FROM events WHERE idempotency_key LIKE $1`, [`${under.broker}:${stream}:%`]);
        assert.equal(rows[0].n, 0, 'no event made of it');
      });
    }

    it('stops cleanly on SIGTERM and survives SIGKILL mid-chunk: every message delivered, no duplicate events', async () => {
      await consumer?.kill('SIGTERM');
      const stream = await client.newStream('crash');
      const project = await newProject(stack.test, 'crash', { brokerPrefixes: { [under.broker]: [stream] } });
      const path = `/${under.broker}/crash`;
      assert.equal((await project.http.post('/v1/endpoints', { url: `${stack.receiver.url}${path}` })).status, 201);
      const source = await addSource({ [address]: stream, format: 'envelope' }, project.http);
      const n = 1000;
      for (let i = 0; i < n; i++) await client.publish(stream, envelope('crash.test', { n: i }));
      // A window wider than a chunk: each chunk starts its workflows before it is acknowledged, the
      // stretch a stop or a kill is most likely to cut.
      const env = consumerEnv({ DELIVERY_START_WINDOW: '100000' });

      // SIGTERM: the chunk in hand finishes, and nothing stays unacknowledged.
      consumer = startConsumerProcess(env);
      await eventually('the first events committed', async () => ((await counts(project.id)).events > 0 ? true : undefined), 60_000);
      assert.equal(await consumer.kill('SIGTERM'), 0, consumer.log().slice(-2000));
      assert.match(consumer.log(), /broker source stopped/);
      if (client.pending) assert.equal(await client.pending(source), 0, 'a clean stop leaves nothing unacknowledged');
      const atStop = await counts(project.id);
      assert.ok(atStop.events < n, `stopped mid-way (${atStop.events} of ${n} events)`);

      // SIGKILL while a chunk's events are on record and its messages unacknowledged: another
      // consumer (the restarted process) must have them again and make nothing twice.
      consumer = startConsumerProcess(env);
      await eventually(
        'events on record for messages not yet acknowledged',
        async () => {
          const { events } = await counts(project.id);
          return events > atStop.events && (client.pending ? (await client.pending(source)) > 0 : events < n) ? true : undefined;
        },
        60_000,
      );
      assert.equal(await consumer.kill('SIGKILL'), 'SIGKILL');
      // A stream keeps them the killed consumer's until taken over; a queue takes them back itself
      // (RabbitMQ at once, SQS once their visibility ends).
      if (under.kind === 'stream') assert.ok((await client.pending!(source)) > 0, 'killed with messages in hand');

      consumer = startConsumerProcess(env);
      const settled = await eventually('every message delivered after the restart', async () => {
        const now = await counts(project.id);
        return now.succeeded >= n ? now : undefined;
      }, 180_000).catch(async (error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await counts(project.id))}; the consumer said:\n${consumer!.log().slice(-3000)}`);
      });
      assert.deepEqual(settled, { events: n, keys: n, deliveries: n, succeeded: n });
      const ns = new Set(stack.receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).n));
      assert.equal(ns.size, n, 'the receiver saw every message');
      if (client.pending) await eventually('nothing left unacknowledged', async () => ((await client.pending!(source)) === 0 ? true : undefined));
      assert.equal(await consumer.kill('SIGTERM'), 0);
    });
  });
}
