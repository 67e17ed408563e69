/** `switchyard kafka`: the Kafka sources' consumers, in a process of their own. */
import { databaseUrlOf, type Config } from '../config';
import { createPool } from '../db/pool';
import { createDeliveryStarter } from '../deliveries/starter';
import { startKafkaConsumers } from '../kafka/supervisor';
import { log } from '../log';
import { createTemporalClient } from '../temporal/client';
import type { Running } from './running';

export async function runKafkaConsumers(config: Config): Promise<Running> {
  const db = createPool(databaseUrlOf(config));
  const temporal = createTemporalClient(config);
  const consumers = startKafkaConsumers(config.kafkaBrokers, db, createDeliveryStarter(db, temporal.client, config.temporal.taskQueue, { pacing: config.deliveryPacing }));
  log.info('Kafka consumers running', { brokers: config.kafkaBrokers, taskQueue: config.temporal.taskQueue });
  return {
    async stop() {
      await consumers.stop();
      await temporal.connection.close();
      await db.end();
    },
  };
}
