/**
 * Talking to endpoint entity workflows from outside them: the API's commands and health reads,
 * and how workers and the API start an entity that does not exist yet (update-with-start, so
 * the first caller creates it and everyone else joins it).
 */
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { livePollers, regionTaskQueue } from '../regions';
import type { Command } from './commands';
import { initialState } from './entity-state';
import { healthView, type EndpointHealth } from './health-view';
import type { EndpointSnapshot } from './snapshot';
import { commandUpdate, ENDPOINT_WORKFLOW_TYPE, endpointTaskQueue, endpointWorkflowId, refreshSignal, stateQuery, type EndpointWorkflow } from './workflow-contract';
import { EndpointId, ProjectId } from '../temporal/search-attributes';

export interface EntityRef {
  id: string;
  projectId: string;
  snapshot: EndpointSnapshot;
}

export function entityStartOperation(taskQueue: string, endpoint: EntityRef) {
  return new WithStartWorkflowOperation<EndpointWorkflow>(ENDPOINT_WORKFLOW_TYPE, {
    workflowId: endpointWorkflowId(endpoint.id),
    taskQueue,
    args: [{ endpointId: endpoint.id, projectId: endpoint.projectId, snapshot: endpoint.snapshot }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: ProjectId, value: endpoint.projectId },
      { key: EndpointId, value: endpoint.id },
    ],
  });
}

/** The entity refused a command (e.g. pause a disabled endpoint): the reason, for a 409. */
export class CommandRefused extends Error {
  override name = 'CommandRefused';
}

export interface EndpointControl {
  /** Carries out a command and answers the health once it has taken effect. */
  command(endpoint: EntityRef, command: Command): Promise<EndpointHealth>;
  /** The entity's view; an endpoint that never had one is healthy by definition. */
  health(endpoint: EntityRef): Promise<EndpointHealth>;
  /** The endpoint changed in the database: its entity, if it has one, takes the new copy. */
  refresh(endpoint: EntityRef): Promise<void>;
  /** How many workers poll the region's delivery queue now (src/deliveries/regions.ts). */
  regionWorkers(region: string): Promise<number>;
}

/** `deliveryQueue`: the deployment's task queue (TEMPORAL_TASK_QUEUE); entities and regions have theirs beside it. */
export function createEndpointControl(client: Client, deliveryQueue: string): EndpointControl {
  const taskQueue = endpointTaskQueue(deliveryQueue);
  return {
    async regionWorkers(region) {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: regionTaskQueue(deliveryQueue, region), kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return livePollers((pollers ?? []).map((poller) => (poller.lastAccessTime ? tsToDate(poller.lastAccessTime) : undefined)), Date.now());
    },
    async command(endpoint, command) {
      try {
        return await client.workflow.executeUpdateWithStart(commandUpdate, {
          args: [command],
          startWorkflowOperation: entityStartOperation(taskQueue, endpoint),
        });
      } catch (error) {
        // A validator's rejection: the entity said why.
        if (error instanceof WorkflowUpdateFailedError) throw new CommandRefused(error.cause?.message ?? error.message);
        throw error;
      }
    },
    async health(endpoint) {
      try {
        return await client.workflow.getHandle(endpointWorkflowId(endpoint.id)).query(stateQuery);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return healthView(initialState(endpoint.id, endpoint.projectId, endpoint.snapshot), Date.now());
        throw error;
      }
    },
    async refresh(endpoint) {
      try {
        await client.workflow.getHandle(endpointWorkflowId(endpoint.id)).signal(refreshSignal, endpoint.snapshot);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    },
  };
}
