/** `switchyard api`: the HTTP API. */
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app';
import { databaseUrlOf, type Config } from '../config';
import { createPool, type Db } from '../db/pool';
import { createEgressPolicy } from '../egress/address-policy';
import { installEncryptionKeys } from '../secrets/keyring';
import { log } from '../log';
import { installMetrics } from '../metrics/metrics';
import { createDeliveryStarter, type DeliveryStarter } from '../deliveries/starter';
import { createEndpointControl } from '../endpoint-health/entity-client';
import { projectDeletionStarter } from '../projects/deletion';
import { createBrokerBacklogs } from '../brokers/backlog';
import { createTemporalClient } from '../temporal/client';
import type { Running } from './running';

export interface RunningApi extends Running {
  url: string;
}

/**
 * Starts the API. `db` is shared when the caller already has a pool, and `starter` when a worker
 * runs in the same process (`serve`, `dev`): its starts are eager, on the worker's connection.
 * On its own the API starts deliveries over a connection of its own, as ordinary starts.
 */
export async function startApi(config: Config, shared: { db?: Db; starter?: DeliveryStarter } = {}): Promise<RunningApi> {
  installEncryptionKeys(config.encryptionKeys);
  installMetrics(config.metrics);
  const db = shared.db ?? createPool(databaseUrlOf(config));
  const temporal = createTemporalClient(config);
  // The SDK retries an unavailable server in the background until the deadline; closing the
  // connection under such a call makes its next retry throw where nothing can catch it.
  const temporalCalls = new Set<Promise<unknown>>();
  const brokerBacklogs = createBrokerBacklogs(config.brokers);
  const starter = shared.starter ?? createDeliveryStarter(db, temporal.client, config.temporal.taskQueue, { pacing: config.deliveryPacing });
  const app = createApp({
    brokerBacklogs,
    db,
    starter,
    endpoints: createEndpointControl(temporal.client, config.temporal.taskQueue),
    startProjectDeletion: projectDeletionStarter(temporal.client, config.temporal.taskQueue),
    adminKey: config.adminKey,
    ingestRateLimit: config.ingestRateLimit,
    trustedProxies: config.trustedProxies,
    publicUrl: config.publicUrl,
    egress: createEgressPolicy(config.egressAllow ?? []),
    metricsAllow: config.metrics.enabled ? config.metrics.allow : undefined,
    readiness: {
      postgres: {
        required: true,
        async check() {
          await db.query('SELECT 1');
        },
      },
      temporal: {
        required: false,
        async check() {
          const call = temporal.connection.withDeadline(Date.now() + 1_500, () => temporal.connection.workflowService.getSystemInfo({}));
          temporalCalls.add(call);
          await call.finally(() => temporalCalls.delete(call));
        },
      },
    },
  });
  const server = app.listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' || config.http.host === '127.0.0.1' ? 'localhost' : config.http.host;
  const url = `http://${host}:${port}`;
  log.info('API listening', { url });
  return {
    url,
    async stop() {
      // Stop accepting, let requests in flight finish, and cut whatever still hangs after 10 s.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cutOff = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(cutOff);
      await Promise.allSettled(temporalCalls);
      await starter.idle(); // starts of events answered just before the stop
      await temporal.connection.close();
      await brokerBacklogs.close();
      if (!shared.db) await db.end();
    },
  };
}
