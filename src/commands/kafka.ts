/** `switchyard kafka`: the Kafka sources' consumers, in a process of their own. */
import { databaseUrlOf, type Config } from '../config';
import { createPool } from '../db/pool';
import { createDeliveryStarter } from '../deliveries/starter';
import { startKafkaConsumers } from '../kafka/supervisor';
import { log } from '../log';
import { installMetrics } from '../metrics/metrics';
import { startMetricsServer } from '../metrics/server';
import { createTemporalClient } from '../temporal/client';
import type { Running } from './running';

export async function runKafkaConsumers(config: Config): Promise<Running> {
  // Its scrape target (consumer lag, ingest) is its own, on METRICS_PORT like a worker's.
  const metricsServer = config.metrics.enabled ? await startMetricsServer(installMetrics(config.metrics), config.metrics.host, config.metrics.port) : undefined;
  const db = createPool(databaseUrlOf(config));
  const temporal = createTemporalClient(config);
  const consumers = startKafkaConsumers(config.kafkaBrokers, db, createDeliveryStarter(db, temporal.client, config.temporal.taskQueue, { pacing: config.deliveryPacing }));
  log.info('Kafka consumers running', { brokers: config.kafkaBrokers, taskQueue: config.temporal.taskQueue });
  return {
    async stop() {
      await consumers.stop();
      await temporal.connection.close();
      await db.end();
      await metricsServer?.close();
    },
  };
}
