/** The Temporal worker: Switchyard's workflows and activities on one task queue. */
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { Client } from '@temporalio/client';
import { createActivities } from '../activities';
import { createPermitGate } from '../activities/endpoint-permits';
import { createDeliveryStarter, type DeliveryStarter } from './deliveries/starter';
import { endpointTaskQueue } from './endpoint-health/workflow-contract';
import { regionTaskQueue } from './regions';
import { createEgressPolicy } from './egress/address-policy';
import { installEncryptionKeys } from './secrets/keyring';
import { workflowBundle } from './temporal/workflow-bundle';
import { clientInterceptors, workerTracing } from './tracing/temporal-interceptors';
import { installTracing } from './tracing/tracing';
import type { Config } from './config';
import type { Db } from './db/pool';
import { log } from './log';
import { watchDatabase } from './metrics/database-gauges';
import { freeLoopbackAddress, includeTemporalMetrics } from './metrics/exposition';
import { installMetrics } from './metrics/metrics';

/**
 * Routes the SDK's own logging into ours, its native core's included (at `info` the SDK is
 * chatty, bundler output, so warn), and with metrics on, has its core serve its own metrics on a
 * free loopback port, which the process's /metrics includes (src/metrics/exposition.ts).
 *
 * The SDK shuts its runtime down when the last connection and worker close, and would make the
 * next one with the same options, on a port the old core may not have let go of yet (a worker
 * started again in one process: the tests). So each runtime gets its own, here.
 */
async function installRuntime(config: Config): Promise<void> {
  if (Runtime._instance) return;
  const bindAddress = config.metrics.enabled ? await freeLoopbackAddress() : undefined;
  if (Runtime._instance) return; // another worker's start installed one meanwhile
  const level: LogLevel = config.logLevel === 'debug' ? 'DEBUG' : 'WARN';
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const write = entry.level === 'ERROR' ? log.error : entry.level === 'WARN' ? log.warn : log.debug;
      write(`temporal: ${entry.message}`, entry.meta);
    }),
    telemetryOptions: {
      logging: { filter: { core: level, other: 'ERROR' }, forward: {} },
      ...(bindAddress && { metrics: { prometheus: { bindAddress } } }),
    },
  });
  if (bindAddress) includeTemporalMetrics(bindAddress);
}

/**
 * The delivery worker's limits. An attempt is a local activity, and its workflow task stays open
 * (holding a task slot) while the endpoint answers: with the SDK's default of 40 slots, endpoints
 * hanging until their timeout took the slots from healthy ones (the isolation benchmark). Slots
 * waiting on sockets cost little, so there are many.
 *
 * The cache must hold every workflow with a task in hand (the SDK requires cache ≥ slots), and
 * beyond that it only helps deliveries that wait and come back, which replay their few events
 * when they wake instead. Each cached workflow costs memory (JS and the SDK's native side), and
 * waiting deliveries fill it, so a larger cache mostly holds sleepers (the `waiting` benchmark;
 * README, Benchmarks).
 */
export const DELIVERY_WORKER_TUNING = {
  maxConcurrentWorkflowTaskExecutions: 200,
  maxConcurrentLocalActivityExecutions: 200,
  maxCachedWorkflows: 200,
};

export interface RunningWorker {
  /** Delivery workflows, and the rest of Switchyard's work. */
  worker: Worker;
  /** Endpoint entity workflows; none in a region's worker (the default workers run them). */
  endpointsWorker: Worker | undefined;
  /**
   * Starts deliveries on this worker's connection: eagerly (config.temporal.eagerStart), so their
   * first task comes straight to this worker. Whatever in this process starts deliveries (the
   * API in `dev`, the reconciler, the Kafka consumers) should use it.
   */
  starter: DeliveryStarter;
  /** Settles when the workers have stopped; rejects if one failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * `taskQueue`: the deployment's queue (TEMPORAL_TASK_QUEUE unless given). With a region
 * (SWITCHYARD_REGION unless given), the worker polls that region's delivery queue only.
 */
export async function startWorker(config: Config, db: Db, options: { taskQueue?: string; region?: string } = {}): Promise<RunningWorker> {
  await installRuntime(config);
  installEncryptionKeys(config.encryptionKeys);
  watchDatabase(installMetrics(config.metrics), db);
  const taskQueue = options.taskQueue ?? config.temporal.taskQueue;
  const tracing = installTracing(config.tracing);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace, interceptors: clientInterceptors(tracing) });
  const gate = createPermitGate({ client, taskQueue: endpointTaskQueue(taskQueue) });
  const region = options.region ?? config.region;
  const starter = createDeliveryStarter(db, client, taskQueue, { pacing: config.deliveryPacing, eager: config.temporal.eagerStart, eagerRegion: region });
  try {
    const activities = createActivities({ db, smtp: config.smtp, client, gate, starter, egress: createEgressPolicy(config.egressAllow ?? []), proxy: config.egressProxy, inFlightPerEndpoint: config.deliveryPacing.perEndpoint });
    const { code } = await workflowBundle(path.join(config.paths.home, 'cache'), { traced: tracing !== undefined });
    const common = { connection, namespace: config.temporal.namespace, workflowBundle: { code }, activities, ...workerTracing(tracing) };
    const worker = await Worker.create({ ...common, taskQueue: regionTaskQueue(taskQueue, region), ...DELIVERY_WORKER_TUNING });
    const endpointsWorker = region ? undefined : await Worker.create({ ...common, taskQueue: endpointTaskQueue(taskQueue) });
    const deliveries = worker.run();
    // A region's worker has no entities: its deliveries alone say when it is done.
    const entities = endpointsWorker?.run() ?? deliveries;
    // Stopping goes in order: deliveries first (their last attempts may still need permits),
    // then the outcomes they reported go to the entities, then the entities' worker stops.
    // A failing worker stops the other the same way: half a worker would strand deliveries.
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await starter.idle(); // a start under way may still hand this worker its first task
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await deliveries.catch(() => undefined);
        await gate.close();
        if (endpointsWorker?.getState() === 'RUNNING') endpointsWorker.shutdown();
        await entities.catch(() => undefined);
      })());
    void deliveries.catch(() => undefined).then(stop);
    void entities.catch(() => undefined).then(stop);
    const done = Promise.all([deliveries, entities])
      .then(() => undefined)
      .finally(async () => {
        await stop();
        await connection.close();
      });
    return {
      worker,
      endpointsWorker,
      starter,
      done,
      async stop() {
        await stop();
        await done;
      },
    };
  } catch (error) {
    await gate.close();
    await connection.close();
    throw error;
  }
}
