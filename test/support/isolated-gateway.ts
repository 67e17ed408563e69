/**
 * A gateway (API and worker) on a PostgreSQL cluster of its own, which a test may stop and start
 * again: a database outage for this gateway and its consumers only, while the other tests'
 * database stays up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '../../src/commands/migrate';
import { createPool } from '../../src/db/pool';
import { startLocalPostgres } from '../../src/stack/postgres';
import { startWorker } from '../../src/worker';
import { startTestApi } from './api';
import { startReceiver } from './receiver';
import { freePort, testConfig, uniqueName } from './services';

export async function startIsolatedGateway(name: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `switchyard-${name}-`));
  fs.chmodSync(dataDir, 0o755);
  const pgOptions = { dataDir, port: await freePort(), logFile: path.join(dataDir, 'postgres.log') };
  let postgres = await startLocalPostgres(pgOptions);
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgOptions.port}/postgres`;
  const taskQueue = uniqueName(name);
  /** What a consumer process of this gateway needs. */
  const env = { DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue };
  const config = testConfig(env);
  await runMigrations(config);
  const workerDb = createPool(databaseUrl);
  const worker = await startWorker(config, workerDb, { taskQueue });
  const test = await startTestApi(env);
  const receiver = await startReceiver();
  return {
    env,
    test,
    receiver,
    stopPostgres: () => postgres.stop(),
    async startPostgres() {
      postgres = await startLocalPostgres(pgOptions);
    },
    async stop() {
      await test.stop();
      await worker.stop();
      await workerDb.end();
      await receiver.close();
      await postgres.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
