/**
 * Broker sources on Redis Streams through outages: PostgreSQL stopped for a while (a private
 * cluster, so the other tests' database stays up), and Redis restarted under load (a private
 * server on the same data folder, so the streams survive as they would in production).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runMigrations } from '../../src/commands/migrate';
import { createPool } from '../../src/db/pool';
import { startLocalPostgres } from '../../src/stack/postgres';
import { startLocalRedis } from '../../src/stack/redis';
import { startWorker } from '../../src/worker';
import { newProject, startTestApi } from '../support/api';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { eventually, startReceiver } from '../support/receiver';
import { append, pendingCount, testRedis } from '../support/redis';
import { freePort, testConfig, uniqueName } from '../support/services';

const envelope = (n: number) => ({ body: JSON.stringify({ eventType: 'outage.test', payload: { n } }) });

describe('Redis Streams sources through outages', () => {
  it('PostgreSQL down: the consumer pauses, then catches up with nothing lost', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-pg-outage-'));
    fs.chmodSync(dataDir, 0o755);
    const pgOptions = { dataDir, port: await freePort(), logFile: path.join(dataDir, 'postgres.log') };
    let postgres = await startLocalPostgres(pgOptions);
    const databaseUrl = `postgres://postgres@127.0.0.1:${pgOptions.port}/postgres`;
    const taskQueue = uniqueName('redis-pg-outage');
    const env = { DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue };
    const outageConfig = testConfig(env);
    await runMigrations(outageConfig);
    const workerDb = createPool(databaseUrl);
    const worker = await startWorker(outageConfig, workerDb, { taskQueue });
    const test = await startTestApi(env);
    const receiver = await startReceiver();
    const redis = await testRedis(outageConfig.brokers.redisUrl);
    let consumer: ConsumerProcess | undefined;
    try {
      const stream = uniqueName('pg-outage');
      const project = await newProject(test, 'outage', { brokerPrefixes: { redis: [stream] } });
      assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/outage` })).status, 201);
      const source = (await project.http.post('/v1/broker-sources', { broker: 'redis', stream, format: 'envelope' })).body;

      consumer = startConsumerProcess(env);
      for (let i = 0; i < 50; i++) await append(redis, stream, envelope(i));
      await receiver.waitFor('/outage', 50, 60_000);

      await postgres.stop();
      const logBefore = consumer.log().length;
      for (let i = 50; i < 200; i++) await append(redis, stream, envelope(i));
      // Down for a while: the consumer pauses, tries again after its rest, and pauses again.
      await consumer.waitForLog(/broker source paused[^]*broker source paused[^]*broker source paused/, 60_000, logBefore);
      // Paused means nothing acknowledged past what was done before the outage.
      const groups = (await redis.sendCommand(['XINFO', 'GROUPS', stream])) as unknown[][];
      const info = Object.fromEntries(Array.from({ length: groups[0]!.length / 2 }, (_, i) => [String(groups[0]![2 * i]), groups[0]![2 * i + 1]]));
      assert.equal(200 - Number(info.lag) - Number(info.pending), 50, 'only the 50 from before the outage acknowledged');

      postgres = await startLocalPostgres(pgOptions);
      await consumer.waitForLog(/broker source resumed/, 90_000, logBefore);
      // At least once: an attempt that reached the receiver but could not be recorded is sent again.
      const delivered = () => new Set(receiver.received.filter((r) => r.path === '/outage').map((r) => JSON.parse(r.body).n));
      await eventually('every entry delivered', async () => (delivered().size === 200 ? true : undefined), 120_000);
      assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
      const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
      assert.equal(rows[0].events, 200, 'no duplicate events');
      await eventually('every entry acknowledged', async () => ((await pendingCount(redis, stream, source.group)) === 0 ? true : undefined));
      await project.http.delete(`/v1/broker-sources/${source.id}`);
    } finally {
      await consumer?.kill('SIGTERM');
      redis.destroy();
      await test.stop();
      await worker.stop();
      await workerDb.end();
      await receiver.close();
      await postgres.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('Redis restarted under load: the consumer reconnects, nothing is lost or made twice', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-redis-restart-'));
    const redisOptions = { dataDir, port: await freePort(), logFile: path.join(dataDir, 'redis.log') };
    let server = await startLocalRedis(redisOptions);
    const redisUrl = `redis://127.0.0.1:${redisOptions.port}`;
    const config = testConfig();
    const taskQueue = uniqueName('redis-restart');
    const env = { TEMPORAL_TASK_QUEUE: taskQueue, REDIS_URL: redisUrl };
    const workerDb = createPool(config.databaseUrl!);
    const worker = await startWorker(testConfig(env), workerDb, { taskQueue });
    const test = await startTestApi(env);
    const receiver = await startReceiver();
    const producer = await testRedis(redisUrl);
    let consumer: ConsumerProcess | undefined;
    let source: { id: string } | undefined;
    const project = await newProject(test, 'redis restart', { brokerPrefixes: { redis: ['restart.'] } });
    try {
      const stream = `restart.${uniqueName('s')}`;
      assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/restart` })).status, 201);
      source = (await project.http.post('/v1/broker-sources', { broker: 'redis', stream, format: 'envelope' })).body;
      consumer = startConsumerProcess({ DATABASE_URL: config.databaseUrl, ...env });

      // A steady producer that sends each entry until Redis has it. An XADD cut off by the
      // restart may or may not have landed, so entries carry ids of their own (n-1 for entry n):
      // sent again, one that landed is refused as not newer than the stream's last.
      const n = 400;
      let sent = 0;
      const producing = (async () => {
        for (; sent < n; sent++) {
          for (;;) {
            try {
              await producer.sendCommand(['XADD', stream, `${sent + 1}-1`, 'body', envelope(sent).body]);
              break;
            } catch (error) {
              if (/equal or smaller/.test(String(error))) break;
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      await eventually('some delivered before the restart', async () => (receiver.received.length >= 50 ? true : undefined), 60_000);
      assert.ok(sent < n, 'the restart comes while the producer is still sending');
      const logBefore = consumer.log().length;
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      server = await startLocalRedis(redisOptions);
      await producing;

      const delivered = () => new Set(receiver.received.filter((r) => r.path === '/restart').map((r) => JSON.parse(r.body).n));
      await eventually('every entry delivered', async () => (delivered().size === n ? true : undefined), 120_000);
      assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
      const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
      assert.equal(rows[0].events, n, 'no duplicate events');
      assert.match(consumer.log().slice(logBefore), /Redis connection failed; reconnecting/);
    } finally {
      if (source) await project.http.delete(`/v1/broker-sources/${source.id}`);
      await consumer?.kill('SIGTERM');
      producer.destroy();
      await test.stop();
      await worker.stop();
      await workerDb.end();
      await receiver.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
