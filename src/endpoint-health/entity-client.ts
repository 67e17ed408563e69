/**
 * Talking to endpoint entity workflows from outside them: the API's commands and health reads,
 * and how workers and the API start an entity that does not exist yet (update-with-start, so
 * the first caller creates it and everyone else joins it).
 */
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Command } from './commands';
import { initialState } from './entity-state';
import { healthView, type EndpointHealth } from './health-view';
import type { EndpointSnapshot } from './snapshot';
import { commandUpdate, ENDPOINT_WORKFLOW_TYPE, endpointWorkflowId, refreshSignal, stateQuery, type EndpointWorkflow } from './workflow-contract';
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
}

export function createEndpointControl(client: Client, taskQueue: string): EndpointControl {
  return {
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
