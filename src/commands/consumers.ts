/** `switchyard consumers` (or `kafka`, its older name): the broker sources' consumers (Kafka's among them), in a process of their own. */
import { startBrokerConsumers } from '../brokers/supervisor';
import { databaseUrlOf, type Config } from '../config';
import { createPool } from '../db/pool';
import { createDeliveryStarter } from '../deliveries/starter';
import { log } from '../log';
import { installMetrics } from '../metrics/metrics';
import { startMetricsServer } from '../metrics/server';
import { createTemporalClient } from '../temporal/client';
import type { Running } from './running';

export async function runConsumers(config: Config): Promise<Running> {
  // Its scrape target (consumer lag, ingest) is its own, on METRICS_PORT like a worker's.
  const metricsServer = config.metrics.enabled ? await startMetricsServer(installMetrics(config.metrics), config.metrics.host, config.metrics.port) : undefined;
  const db = createPool(databaseUrlOf(config));
  const temporal = createTemporalClient(config);
  const starter = createDeliveryStarter(db, temporal.client, config.temporal.taskQueue, { pacing: config.deliveryPacing });
  const brokers = startBrokerConsumers(config.brokers, db, starter);
  log.info('broker consumers running', { kafka: config.brokers.kafkaBrokers, taskQueue: config.temporal.taskQueue });
  return {
    async stop() {
      await brokers.stop();
      await temporal.connection.close();
      await db.end();
      await metricsServer?.close();
    },
  };
}
