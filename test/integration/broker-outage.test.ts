/**
 * Broker sources through outages, the same tests for every broker: PostgreSQL stopped for a while
 * (a private cluster, so the other tests' database stays up), and the broker restarted under load
 * (a private server on the same data folder, so its streams survive as they would in production).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createPool } from '../../src/db/pool';
import { startWorker } from '../../src/worker';
import { newProject, startTestApi } from '../support/api';
import { brokersUnderTest } from '../support/brokers';
import { startIsolatedGateway } from '../support/isolated-gateway';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { eventually, startReceiver } from '../support/receiver';
import { freePort, testConfig, uniqueName } from '../support/services';

const envelope = (n: number) => JSON.stringify({ eventType: 'outage.test', payload: { n } });

for (const under of brokersUnderTest) {
  describe(`broker sources on ${under.broker} through outages`, { skip: under.skip }, () => {
    it('PostgreSQL down: the consumer pauses, then catches up with nothing lost', async () => {
      const { env, test, receiver, stopPostgres, startPostgres, stop } = await startIsolatedGateway('broker-pg-outage');
      const client = await under.client(process.env[under.urlVariable]!);
      let consumer: ConsumerProcess | undefined;
      try {
        const stream = await client.newStream('pg_outage');
        const project = await newProject(test, 'outage', { brokerPrefixes: { [under.broker]: [stream] } });
        assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/outage` })).status, 201);
        const created = (await project.http.post('/v1/broker-sources', { broker: under.broker, [under.addressField]: stream, format: 'envelope' })).body;
        const source = { address: stream, group: under.groupField ? created[under.groupField] : undefined };

        consumer = startConsumerProcess(env);
        for (let i = 0; i < 50; i++) await client.publish(stream, envelope(i));
        await receiver.waitFor('/outage', 50, 60_000);

        await stopPostgres();
        const logBefore = consumer.log().length;
        for (let i = 50; i < 200; i++) await client.publish(stream, envelope(i));
        // Down for a while: the consumer pauses, tries again after its rest, and pauses again.
        await consumer.waitForLog(/broker source paused[^]*broker source paused[^]*broker source paused/, 60_000, logBefore);
        // Paused means nothing acknowledged past what was done before the outage, and the chunk
        // in hand held unacknowledged.
        if (client.acknowledged && client.pending) {
          assert.equal(await client.acknowledged(source), 50);
          assert.ok((await client.pending(source)) > 0, 'the chunk in hand is held');
        }

        await startPostgres();
        await consumer.waitForLog(/broker source resumed/, 90_000, logBefore);
        // At least once: an attempt that reached the receiver but could not be recorded is sent again.
        const delivered = () => new Set(receiver.received.filter((r) => r.path === '/outage').map((r) => JSON.parse(r.body).n));
        await eventually('every message delivered', async () => (delivered().size === 200 ? true : undefined), 120_000);
        assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
        const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
        assert.equal(rows[0].events, 200, 'no duplicate events');
        if (client.pending) await eventually('every message acknowledged', async () => ((await client.pending!(source)) === 0 ? true : undefined));
        await project.http.delete(`/v1/broker-sources/${created.id}`);
      } finally {
        await consumer?.kill('SIGTERM');
        await client.close();
        await stop();
      }
    });

    it(`${under.broker} restarted under load: the consumer reconnects, nothing is lost or made twice`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-${under.broker}-restart-`));
      const serverOptions = { dataDir, port: await freePort(), logFile: path.join(dataDir, 'server.log') };
      let server = await under.startServer(serverOptions);
      const url = under.url(serverOptions.port);
      const config = testConfig();
      const taskQueue = uniqueName('broker-restart');
      const env = { TEMPORAL_TASK_QUEUE: taskQueue, [under.urlVariable]: url };
      const workerDb = createPool(config.databaseUrl!);
      const worker = await startWorker(testConfig(env), workerDb, { taskQueue });
      const test = await startTestApi(env);
      const receiver = await startReceiver();
      const producer = await under.client(url);
      let consumer: ConsumerProcess | undefined;
      let sourceId: string | undefined;
      const project = await newProject(test, 'broker restart', { brokerPrefixes: { [under.broker]: ['restart'] } });
      try {
        const stream = await producer.newStream('restart');
        assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/restart` })).status, 201);
        sourceId = (await project.http.post('/v1/broker-sources', { broker: under.broker, [under.addressField]: stream, format: 'envelope' })).body.id;
        // No reconciler runs here to start deliveries queued behind a full start window: a window
        // wide enough for every message, whatever chunk the restart leaves in hand.
        consumer = startConsumerProcess({ DATABASE_URL: config.databaseUrl, DELIVERY_START_WINDOW: '100000', ...env });

        // A steady producer that sends each message until the broker has it, once.
        const n = 800;
        let sent = 0;
        const producing = (async () => {
          for (; sent < n; sent++) {
            await producer.publishOnce(stream, sent, envelope(sent));
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        })();
        await eventually('some delivered before the restart', async () => (receiver.received.length >= 20 ? true : undefined), 60_000).catch(async (error) => {
          const events = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [project.id]);
          const deliveries = await test.db.query('SELECT status, workflow_started_at IS NOT NULL AS started, start_queued, count(*)::int AS n FROM deliveries WHERE project_id = $1 GROUP BY 1, 2, 3', [project.id]);
          throw new Error(`${error.message}; sent ${sent}, events ${events.rows[0].n}, deliveries ${JSON.stringify(deliveries.rows)}, received ${receiver.received.length}; the consumer said:\n${consumer!.log().slice(-3000)}`);
        });
        assert.ok(sent < n, 'the restart comes while the producer is still sending');
        const logBefore = consumer.log().length;
        await server.stop();
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        server = await under.startServer(serverOptions);
        // The Pub/Sub emulator comes back empty: what it held is gone with it (Pub/Sub keeps it).
        // Every message sent after the one in flight at the restart must arrive.
        const lostWithServer = under.durable ? 0 : sent + 1;
        await producing;

        const delivered = () => new Set(receiver.received.filter((r) => r.path === '/restart').map((r) => JSON.parse(r.body).n));
        const expected = Array.from({ length: n - lostWithServer }, (_, i) => lostWithServer + i);
        await eventually('every message delivered', async () => (expected.every((i) => delivered().has(i)) ? true : undefined), 120_000);
        if (under.durable) assert.deepEqual([...delivered()].sort((a, b) => a - b), expected);
        const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
        assert.equal(rows[0].events, delivered().size, 'no duplicate events');
        assert.match(consumer.log().slice(logBefore), under.lostConnection);
      } finally {
        if (sourceId) await project.http.delete(`/v1/broker-sources/${sourceId}`);
        await consumer?.kill('SIGTERM');
        await producer.close();
        await test.stop();
        await worker.stop();
        await workerDb.end();
        await receiver.close();
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
