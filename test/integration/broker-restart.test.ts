/**
 * Broker sources through a broker restart, the same test for every broker: the broker restarted
 * under load (a private server on the same data folder, so its streams survive as they would in
 * production).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createPool } from '../../src/db/pool';
import { startWorker } from '../../src/worker';
import { newProject, startTestApi } from '../support/api';
import { brokersUnderTest, outageEnvelope as envelope } from '../support/brokers';
import { startConsumerProcess } from '../support/consumer-process';
import { eventually, startReceiver } from '../support/receiver';
import { logTail } from '../../src/stack/processes';
import { freePort, testConfig, uniqueName } from '../support/services';

for (const under of brokersUnderTest) {
  describe(`broker sources on ${under.broker} through a broker restart`, { skip: under.skip }, () => {
    it(`${under.broker} restarted under load: the consumer reconnects, nothing is lost or made twice`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-${under.broker}-restart-`));
      const serverOptions = { dataDir, port: await freePort(), logFile: path.join(dataDir, 'server.log') };
      const url = under.url(serverOptions.port);
      const config = testConfig();
      const taskQueue = uniqueName('broker-restart');
      const env = { TEMPORAL_TASK_QUEUE: taskQueue, [under.urlVariable]: url };
      // What has been started, stopped last first whatever fails, so nothing outlives the test.
      const started: (() => Promise<unknown>)[] = [];
      try {
        let server = await under.startServer(serverOptions);
        started.push(() => server.stop());
        const workerDb = createPool(config.databaseUrl!);
        started.push(() => workerDb.end());
        const worker = await startWorker(testConfig(env), workerDb, { taskQueue });
        started.push(() => worker.stop());
        const receiver = await startReceiver();
        started.push(() => receiver.close());
        const test = await startTestApi(env);
        started.push(() => test.stop());
        const producer = await under.client(url);
        started.push(() => producer.close());
        const project = await newProject(test, 'broker restart', { brokerPrefixes: { [under.broker]: ['restart'] } });
        const stream = await producer.newStream('restart');
        assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/restart` })).status, 201);
        const sourceId = (await project.http.post('/v1/broker-sources', { broker: under.broker, [under.addressField]: stream, format: 'envelope' })).body.id;
        started.push(() => project.http.delete(`/v1/broker-sources/${sourceId}`));
        // No reconciler runs here to start deliveries queued behind a full start window: a window
        // wide enough for every message, whatever chunk the restart leaves in hand.
        const consumer = startConsumerProcess({ DATABASE_URL: config.databaseUrl, DELIVERY_START_WINDOW: '100000', ...env });
        started.push(() => consumer.kill('SIGTERM'));

        // A steady producer that sends each message until the broker has it, once.
        const n = 800;
        let sent = 0;
        let quiet = false;
        const producing = (async () => {
          for (; sent < n; sent++) {
            while (quiet) await new Promise((resolve) => setTimeout(resolve, 50));
            await producer.publishOnce(stream, sent, envelope(sent));
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        })();
        await eventually('some delivered before the restart', async () => (receiver.received.length >= 20 ? true : undefined), 60_000).catch(async (error) => {
          const events = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [project.id]);
          const deliveries = await test.db.query('SELECT status, workflow_started_at IS NOT NULL AS started, start_queued, count(*)::int AS n FROM deliveries WHERE project_id = $1 GROUP BY 1, 2, 3', [project.id]);
          throw new Error(`${error.message}; sent ${sent}, events ${events.rows[0].n}, deliveries ${JSON.stringify(deliveries.rows)}, received ${receiver.received.length}; the consumer said:\n${consumer.log().slice(-3000)}`);
        });
        assert.ok(sent < n, 'the restart comes while the producer is still sending');
        const logBefore = consumer.log().length;
        // A test server may answer a send before it has written it (ElasticMQ persists behind its
        // answers), and lose it to the stop: its own durability is not under test. The producer
        // rests from a second before the stop until the server is gone, then sends on through the
        // outage, retrying.
        quiet = true;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const sentAtStop = sent;
        await server.stop();
        quiet = false;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        server = await under.startServer(serverOptions);
        const sentAtRestart = sent;
        // The Pub/Sub emulator comes back empty: what it held is gone with it (Pub/Sub keeps it).
        // Every message sent after the one in flight at the restart must arrive.
        const lostWithServer = under.durable ? 0 : sent + 1;
        await producing;

        const delivered = () => new Set(receiver.received.filter((r) => r.path === '/restart').map((r) => JSON.parse(r.body).n));
        const expected = Array.from({ length: n - lostWithServer }, (_, i) => lostWithServer + i);
        await eventually('every message delivered', async () => (expected.every((i) => delivered().has(i)) ? true : undefined), 120_000).catch(async (error) => {
          const missing = expected.filter((i) => !delivered().has(i));
          const events = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [project.id]);
          const pending = await producer.pending?.({ address: stream }).catch((e: Error) => e.message);
          const dead = await producer.deadLetters({ address: stream, deadLetter: under.defaultDeadLetter(stream) }).then((d) => d.length, (e: Error) => e.message);
          throw new Error(
            `${error.message}: ${missing.length} missing (${missing.slice(0, 20).join(', ')}), events ${events.rows[0].n}, sent ${sentAtStop} at the stop and ${sentAtRestart} at the restart, ` +
              `pending ${pending}, dead letters ${dead}; the server said:\n${logTail(serverOptions.logFile, 15)}\nthe consumer said:\n${consumer.log().slice(-6000)}`,
          );
        });
        if (under.durable) assert.deepEqual([...delivered()].sort((a, b) => a - b), expected);
        const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
        assert.equal(rows[0].events, delivered().size, 'no duplicate events');
        assert.match(consumer.log().slice(logBefore), under.lostConnection);
      } finally {
        for (const stop of started.reverse()) await stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
