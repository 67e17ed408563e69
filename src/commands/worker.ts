/** `switchyard worker`: the Temporal worker, the reconciler, the retention sweep, and (unless told not to) the Kafka and broker consumers. */
import { databaseUrlOf, type Config } from '../config';
import { createPool, type Db } from '../db/pool';
import { log } from '../log';
import { startReconciler } from '../deliveries/reconciler';
import { startRetentionSweeper } from '../retention/sweeper';
import type { DeliveryStarter } from '../deliveries/starter';
import { startBrokerConsumers } from '../brokers/supervisor';
import { metrics } from '../metrics/metrics';
import { startMetricsServer } from '../metrics/server';
import { startWorker } from '../worker';
import type { Running } from './running';

export interface RunningWorkerProcess extends Running {
  /** Starts deliveries eagerly on this worker: for an API in the same process (`serve`, `dev`). */
  starter: DeliveryStarter;
}

/**
 * `metricsListener`: serve GET /metrics on METRICS_HOST:METRICS_PORT, as `switchyard worker` does;
 * `serve` and `dev` have the API's /metrics instead.
 */
export async function runWorker(config: Config, shared: { db?: Db; metricsListener?: boolean } = {}): Promise<RunningWorkerProcess> {
  const db = shared.db ?? createPool(databaseUrlOf(config));
  const running = await startWorker(config, db);
  const metricsServer =
    shared.metricsListener && config.metrics.enabled
      ? await startMetricsServer(metrics(), config.metrics.host, config.metrics.port).catch(async (error) => {
          await running.stop().catch(() => undefined);
          if (!shared.db) await db.end();
          throw error;
        })
      : undefined;
  const { starter } = running;
  const reconciler = startReconciler(db, starter);
  const sweeper = startRetentionSweeper(db);
  const brokers = config.consumersInWorker ? startBrokerConsumers(config.brokers, db, starter) : undefined;
  log.info('worker polling', { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace });
  return {
    starter,
    ended: running.done,
    async stop() {
      // Consumers first: what they have in hand finishes while the worker can still run it.
      await brokers?.stop();
      await reconciler.stop();
      await sweeper.stop();
      await running.stop().catch(() => undefined);
      await metricsServer?.close();
      if (!shared.db) await db.end();
    },
  };
}
