/**
 * Kafka ingestion through a PostgreSQL outage, on a private cluster so that stopping it leaves
 * the other tests' database alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { runMigrations } from '../../src/commands/migrate';
import { createPool } from '../../src/db/pool';
import { startLocalPostgres } from '../../src/stack/postgres';
import { isPortOpen } from '../../src/stack/processes';
import { startWorker } from '../../src/temporal/worker';
import { newProject, startTestApi } from '../support/api';
import { startConsumerProcess, type ConsumerProcess } from '../support/kafka-process';
import { eventually, startReceiver } from '../support/receiver';
import { testConfig, uniqueName } from '../support/services';

const kafka = new Kafka({ clientId: 'switchyard-test', brokers: testConfig().kafkaBrokers, logLevel: logLevel.NOTHING });

describe('Kafka ingestion while PostgreSQL is down', () => {
  it('pauses, then catches up with nothing lost', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-pg-outage-'));
    fs.chmodSync(dataDir, 0o755);
    let port = 56000 + Math.floor(Math.random() * 2000);
    while (await isPortOpen('127.0.0.1', port)) port++;
    const pgOptions = { dataDir, port, logFile: path.join(dataDir, 'postgres.log') };
    let postgres = await startLocalPostgres(pgOptions);
    const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const taskQueue = uniqueName('pg-outage');
    const env = { DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue };
    const outageConfig = testConfig(env);
    await runMigrations(outageConfig);
    const workerDb = createPool(databaseUrl);
    const worker = await startWorker(outageConfig, workerDb, { taskQueue });
    const test = await startTestApi(env);
    const receiver = await startReceiver();
    const admin = kafka.admin();
    const producer = kafka.producer();
    let consumer: ConsumerProcess | undefined;
    try {
      const project = await newProject(test);
      assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/outage` })).status, 201);
      const topic = uniqueName('outage');
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
      const source = (await project.http.post('/v1/kafka-sources', { topic, format: 'envelope' })).body;
      await producer.connect();
      const send = (from: number, count: number) =>
        producer.send({
          topic,
          messages: Array.from({ length: count }, (_, i) => ({ value: JSON.stringify({ eventType: 'outage.test', payload: { n: from + i } }) })),
        });

      consumer = startConsumerProcess(env);
      await send(0, 50);
      await receiver.waitFor('/outage', 50, 60_000);

      await postgres.stop();
      const logBefore = consumer.log().length;
      await send(50, 150);
      // Down for a while: the partitions pause, try again after their rest, and pause again.
      await consumer.waitForLog(/Kafka partition paused[^]*Kafka partition paused[^]*Kafka partition paused/, 60_000, logBefore);
      // Paused means nothing committed past what was done before the outage.
      const [committed] = await admin.fetchOffsets({ groupId: source.groupId, topics: [topic] });
      assert.equal(committed!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0), 50);

      postgres = await startLocalPostgres(pgOptions);
      await consumer.waitForLog(/Kafka partition resumed/, 90_000, logBefore);
      // At least once: an attempt that reached the receiver but could not be recorded is sent again.
      const delivered = () => new Set(receiver.received.filter((r) => r.path === '/outage').map((r) => JSON.parse(r.body).n));
      await eventually('every message delivered', async () => (delivered().size === 200 ? true : undefined), 120_000);
      assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
      const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
      assert.equal(rows[0].events, 200, 'no duplicate events');
      await eventually('the offsets committed to the end', async () => {
        const [now] = await admin.fetchOffsets({ groupId: source.groupId, topics: [topic] });
        return now!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === 200 ? true : undefined;
      });
    } finally {
      await consumer?.kill('SIGTERM');
      await producer.disconnect();
      await admin.disconnect();
      await test.stop();
      await worker.stop();
      await workerDb.end();
      await receiver.close();
      await postgres.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
