/**
 * `switchyard serve`: the API and the worker in one process, what `dev` runs once the services
 * are up. Sharing the process lets the API start deliveries eagerly on the worker's connection
 * (see src/deliveries/starter.ts), which is the cheapest way through Temporal.
 */
import { databaseUrlOf, type Config } from '../config';
import { createPool, type Db } from '../db/pool';
import { startApi } from './api';
import type { Running } from './running';
import { runWorker } from './worker';

export interface RunningGateway extends Running {
  url: string;
}

export async function runServe(config: Config, shared: { db?: Db } = {}): Promise<RunningGateway> {
  const db = shared.db ?? createPool(databaseUrlOf(config));
  const closeDb = async () => {
    if (!shared.db) await db.end();
  };
  const worker = await runWorker(config, { db }).catch(async (error) => {
    await closeDb();
    throw error;
  });
  const api = await startApi(config, { db, starter: worker.starter }).catch(async (error) => {
    await worker.stop();
    await closeDb();
    throw error;
  });
  return {
    url: api.url,
    ended: worker.ended,
    async stop() {
      // The API first: the starts of events it answered go to a worker still running.
      await api.stop();
      await worker.stop();
      await closeDb();
    },
  };
}
