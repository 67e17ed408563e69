/**
 * A gateway (API and worker) on a PostgreSQL cluster of its own, which a test may stop and start
 * again, or freeze and thaw: a database outage for this gateway and its consumers only, while the
 * other tests' database stays up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMigrations } from '../../src/commands/migrate';
import { createPool } from '../../src/db/pool';
import { processTree } from './process-tree';
import { startLocalPostgres } from '../../src/stack/postgres';
import { startWorker, type RunningWorker } from '../../src/worker';
import { startTestApi, type TestApi } from './api';
import { startReceiver, type Receiver } from './receiver';
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
  const workerDb = createPool(databaseUrl);
  let worker: RunningWorker | undefined;
  let test: TestApi | undefined;
  let receiver: Receiver | undefined;
  /** The postmaster and every process it forked (each of which PostgreSQL puts in a session of its own). */
  const postgresProcesses = () => processTree(postgres.pid!);
  let frozen: number[] = [];
  const stop = async () => {
    // The API and worker shut down against a database that answers (a test may end mid-outage).
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    if (!postgres.running()) postgres = await startLocalPostgres(pgOptions);
    await test?.stop();
    await worker?.stop();
    await workerDb.end();
    await receiver?.close();
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await runMigrations(config);
    worker = await startWorker(config, workerDb, { taskQueue });
    test = await startTestApi(env);
    receiver = await startReceiver();
  } catch (error) {
    // Half a gateway left running would keep the test process (and its ports) alive.
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    env,
    test,
    receiver,
    stopPostgres: () => postgres.stop(),
    /** Stops every PostgreSQL process where it stands (SIGSTOP): connections open, and no answer. */
    freezePostgres() {
      frozen = postgresProcesses();
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    },
    thawPostgres() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
    },
    async startPostgres() {
      postgres = await startLocalPostgres(pgOptions);
    },
    stop,
  };
}
