/** `switchyard worker`: the Temporal worker. */
import { databaseUrlOf, type Config } from '../config';
import { createPool, type Db } from '../db/pool';
import { log } from '../log';
import { startWorker } from '../temporal/worker';
import type { Running } from './running';

export async function runWorker(config: Config, shared: { db?: Db } = {}): Promise<Running> {
  const db = shared.db ?? createPool(databaseUrlOf(config));
  const running = await startWorker(config, db);
  log.info('worker polling', { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace });
  return {
    ended: running.done,
    async stop() {
      await running.stop().catch(() => undefined);
      if (!shared.db) await db.end();
    },
  };
}
