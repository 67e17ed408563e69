/**
 * What delivery tests share: a worker on a task queue of their own with a reconciler beside it,
 * an API starting workflows on it, a webhook receiver, a Temporal client to look at histories, and a project.
 */
import assert from 'node:assert/strict';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { BROKERS } from '../../src/brokers/source-schema';
import type { Config } from '../../src/config';
import { createPool, type Db } from '../../src/db/pool';
import { startReconciler } from '../../src/deliveries/reconciler';
import { createDeliveryStarter, type DeliveryStarter } from '../../src/deliveries/starter';
import { startWorker, type RunningWorker } from '../../src/worker';
import { newProject, startTestApi, type TestApi } from './api';
import { eventually, startReceiver, type Receiver } from './receiver';
import { testConfig, uniqueName } from './services';

const { EventType } = temporal.api.enums.v1;

export interface DeliveryStack {
  config: Config;
  taskQueue: string;
  test: TestApi;
  workerDb: Db;
  receiver: Receiver;
  temporalClient: Client;
  project: Awaited<ReturnType<typeof newProject>>;
  /** Creates an endpoint on the receiver at `path`. */
  endpoint(path: string, extra?: Record<string, unknown>): Promise<{ id: string; secret: string }>;
  /** The delivery (with attempts) once its status is one of `statuses`. */
  settled(deliveryId: string, statuses?: string[]): Promise<any>;
  /** The closed workflow's history: event count, workflow tasks, event types, and its markers' names (local activities, patches). */
  historyOf(workflowId: string): Promise<{ events: number; workflowTasks: number; types: string[]; markers: string[] }>;
  /**
   * Runs `fn` with the stack's reconciler stopped (for a test that runs its own, with a narrower
   * start window), and starts it again afterwards.
   */
  withoutReconciler<T>(fn: () => Promise<T>): Promise<T>;
  /** The running worker's own starter: eager starts on its connection, as `serve` uses it. */
  workerStarter(): DeliveryStarter;
  /** Stops the worker and starts a fresh one on the same task queue, as a deploy would. */
  restartWorker(): Promise<void>;
  /** Runs `fn` with no worker polling (started workflows stay in Temporal's queues), then starts one again. */
  withoutWorker<T>(fn: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** `env`: settings for the worker and API on top of what `npm test` gives (e.g. SMTP_URL). */
export async function startDeliveryStack(env: NodeJS.ProcessEnv = {}): Promise<DeliveryStack> {
  const taskQueue = uniqueName('delivery-test');
  const config = testConfig({ ...env, TEMPORAL_TASK_QUEUE: taskQueue });
  const workerDb = createPool(config.databaseUrl!);
  let worker: RunningWorker = await startWorker(config, workerDb, { taskQueue });
  const test = await startTestApi({ ...env, TEMPORAL_TASK_QUEUE: taskQueue });
  const receiver = await startReceiver();
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporalClient = new Client({ connection, namespace: config.temporal.namespace });
  // Granted every Kafka topic and Redis stream, as `dev` grants its project: the Kafka and broker tests make them as they go.
  const project = await newProject(test, 'test project', { brokerPrefixes: Object.fromEntries(BROKERS.map((broker) => [broker, ['']])) });
  // As `switchyard worker` runs one: it starts deliveries queued behind a full start window.
  const startReconciling = () => startReconciler(workerDb, createDeliveryStarter(workerDb, temporalClient, taskQueue));
  let reconciler = startReconciling();

  return {
    config,
    taskQueue,
    test,
    workerDb,
    receiver,
    temporalClient,
    project,
    async endpoint(path, extra = {}) {
      const created = await project.http.post('/v1/endpoints', { url: `${receiver.url}${path}`, ...extra });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    },
    settled(deliveryId, statuses = ['succeeded', 'failed', 'cancelled']) {
      return eventually(`delivery ${deliveryId} to reach ${statuses.join('/')}`, async () => {
        const answer = await project.http.get(`/v1/deliveries/${deliveryId}`);
        return statuses.includes(answer.body.status) ? answer.body : undefined;
      });
    },
    // The database records an outcome a moment before the workflow closes: wait for the close.
    async historyOf(workflowId) {
      const handle = temporalClient.workflow.getHandle(workflowId);
      await handle.result().catch(() => undefined);
      const history = await handle.fetchHistory();
      const types = (history.events ?? []).map((event) => EventType[event.eventType!]!);
      const markers = (history.events ?? []).flatMap((event) => (event.markerRecordedEventAttributes ? [event.markerRecordedEventAttributes.markerName ?? ''] : []));
      return { events: types.length, workflowTasks: types.filter((t) => t === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED').length, types, markers };
    },
    async withoutReconciler(fn) {
      await reconciler.stop();
      try {
        return await fn();
      } finally {
        reconciler = startReconciling();
      }
    },
    workerStarter: () => worker.starter,
    async restartWorker() {
      await worker.stop();
      worker = await startWorker(config, workerDb, { taskQueue });
    },
    async withoutWorker(fn) {
      await worker.stop();
      try {
        return await fn();
      } finally {
        worker = await startWorker(config, workerDb, { taskQueue });
      }
    },
    async stop() {
      await reconciler.stop();
      await test.stop();
      await worker.stop();
      await workerDb.end();
      await receiver.close();
      await connection.close();
    },
  };
}
