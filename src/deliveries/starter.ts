/**
 * Starting delivery workflows, idempotently: the workflow id is derived from the delivery, a
 * running one is reused, and a closed one counts as started. After a start the delivery row is
 * marked, so the reconciler only ever sees deliveries whose start was lost to a crash.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../db/pool';
import { urlOrigin } from '../http';
import { createBatcher } from '../batcher';
import { regionTaskQueue } from '../regions';
import { createQueueGauge } from './start-window';
import { log } from '../log';
import { DELIVERY_WORKFLOW_TYPE, type DeliveryInput, type DeliveryWorkflow } from './workflow-contract';
import { DeliveryStatus, EndpointId, EventId, EventType, ProjectId } from '../temporal/search-attributes';

export interface DeliveryToStart extends DeliveryInput {
  workflowId: string;
  eventType: string;
  endpointUrl: string;
  /** The endpoint's region: its workflow runs on that region's task queue (regions.ts). */
  region: string | null;
}

const START_CONCURRENCY = 32;

export interface DeliveryStarter {
  /** The start window's size (DELIVERY_START_WINDOW): see start-window.ts. */
  readonly window: number;
  /** Whether the queue behind the window is at its limit (DELIVERY_QUEUE_LIMIT) for this project: ingest refuses then. */
  queueFull(projectId: string): Promise<boolean>;
  /** Starts each delivery's workflow and marks it started; returns the ids it could not start. */
  start(deliveries: DeliveryToStart[]): Promise<string[]>;
  /** Settles when no start() is under way: a process waits for it before it closes its connections. */
  idle(): Promise<void>;
  /** Workflows this starter started so far, and how many of them eagerly. */
  readonly counts: { started: number; eager: number };
}

export interface Pacing {
  window: number;
  queueLimit: number;
}

export interface StarterOptions {
  pacing?: Pacing;
  /**
   * Eager starts: the server hands the new workflow's first task back in the start's answer, to
   * a worker of this process, instead of queueing it for a poller. That saves the server a write,
   * the task queue's round trip and several internal calls per delivery. Only for a client on
   * the NativeConnection of a worker polling `taskQueue` in this process (the SDK refuses
   * otherwise); with no free task slot it quietly becomes an ordinary start. Deliveries of
   * another region than `eagerRegion` (the one this process's worker serves) start as usual.
   */
  eager?: boolean;
  eagerRegion?: string | null;
}

export function createDeliveryStarter(db: Db, client: Client, taskQueue: string, options: StarterOptions = {}): DeliveryStarter {
  const pacing = options.pacing ?? { window: 200, queueLimit: 10_000 };
  const eagerQueue = options.eager ? regionTaskQueue(taskQueue, options.eagerRegion) : undefined;
  const queue = createQueueGauge(db, pacing.queueLimit);
  const counts = { started: 0, eager: 0 };
  const marks = createBatcher<string>((ids) => db.query('UPDATE deliveries SET workflow_started_at = now() WHERE id = ANY($1) AND workflow_started_at IS NULL', [ids]));
  async function startOne(delivery: DeliveryToStart): Promise<boolean> {
    try {
      const queue = regionTaskQueue(taskQueue, delivery.region);
      const handle = await client.workflow.start<DeliveryWorkflow>(DELIVERY_WORKFLOW_TYPE, {
        workflowId: delivery.workflowId,
        taskQueue: queue,
        args: [{ deliveryId: delivery.deliveryId, eventId: delivery.eventId, endpointId: delivery.endpointId, projectId: delivery.projectId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: ProjectId, value: delivery.projectId },
          { key: EndpointId, value: delivery.endpointId },
          { key: EventType, value: delivery.eventType },
          { key: EventId, value: delivery.eventId },
          { key: DeliveryStatus, value: 'pending' },
        ],
        // The endpoint's origin only, for the Web UI: history must hold no token from its path.
        memo: { url: urlOrigin(delivery.endpointUrl), eventType: delivery.eventType },
        requestEagerStart: queue === eagerQueue,
      });
      counts.started++;
      if (handle.eagerlyStarted) counts.eager++;
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return true; // it ran and closed: already done
      // The client's error says only that the start failed; its cause says why (a timeout, a refusal).
      const cause = (error as { cause?: unknown }).cause;
      log.warn('could not start a delivery workflow; the reconciler will', {
        deliveryId: delivery.deliveryId,
        eventId: delivery.eventId,
        endpointId: delivery.endpointId,
        workflowId: delivery.workflowId,
        error: String(error),
        ...(cause !== undefined && { cause: String(cause) }),
      });
      return false;
    }
  }

  /** In slices, so that a Temporal that is down costs one slice's wait, not one per delivery. */
  async function startAll(deliveries: DeliveryToStart[]): Promise<string[]> {
    const started: string[] = [];
    const failed: string[] = [];
    for (let i = 0; i < deliveries.length; i += START_CONCURRENCY) {
      const slice = deliveries.slice(i, i + START_CONCURRENCY);
      const results = await Promise.all(slice.map(startOne));
      slice.forEach((delivery, j) => (results[j] ? started : failed).push(delivery.deliveryId));
      // A start that failed has usually waited out the SDK's retries: Temporal is down or
      // overloaded, and the rest would each wait as long. Leave them to the reconciler.
      if (failed.length > 0) {
        failed.push(...deliveries.slice(i + START_CONCURRENCY).map((delivery) => delivery.deliveryId));
        break;
      }
    }
    await marks.add(started);
    return failed;
  }

  const underWay = new Set<Promise<unknown>>();
  return {
    counts,
    window: pacing.window,
    queueFull: (projectId) => queue.refuses(projectId),
    start(deliveries) {
      const starting = startAll(deliveries);
      underWay.add(starting);
      void starting.catch(() => undefined).finally(() => underWay.delete(starting));
      return starting;
    },
    async idle() {
      await Promise.allSettled([...underWay]);
    },
  };
}
