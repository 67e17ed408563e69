/**
 * What code outside an endpoint's entity workflow needs to start, update, signal and query it:
 * its type name, id, task queue and input, its updates (`exchange` for the workers' leases, `command` for
 * the API), its `state` query and the operators' signals. The workflow (workflows/endpoint.ts)
 * implements this; the API, the workers' permit gate, the replay workflow and tests use it
 * without importing the workflow's code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Command } from './commands';
import type { EntityState } from './entity-state';
import type { EndpointHealth } from './health-view';
import type { ExchangeRequest, Lease } from './lease';
import type { ReplayRequest } from './replays';
import type { EndpointSnapshot } from './snapshot';
import type { RateLimit } from './settings';

/** The name of the exported function in workflows/ (a test keeps the two in step). */
export const ENDPOINT_WORKFLOW_TYPE = 'endpointWorkflow';

export interface EndpointEntityInput {
  endpointId: string;
  projectId: string;
  /** The endpoint as the starter read it: settings and status, never secrets. */
  snapshot: EndpointSnapshot;
  /** Set by continue-as-new. */
  carried?: EntityState;
}

export type EndpointWorkflow = (input: EndpointEntityInput) => Promise<void>;

/**
 * Entities get a task queue of their own, polled by a second worker in the same process:
 * deliveries waiting on a permit hold workflow-task slots, and must never starve the entity
 * that grants it.
 */
export function endpointTaskQueue(taskQueue: string): string {
  return `${taskQueue}-endpoints`;
}

export function endpointWorkflowId(endpointId: string): string {
  return `endpoint/${endpointId}`;
}

export const exchangeUpdate = defineUpdate<Lease, [ExchangeRequest]>('exchange');
export const commandUpdate = defineUpdate<EndpointHealth, [Command]>('command');
export const stateQuery = defineQuery<EndpointHealth>('state');

type Reason = [{ reason?: string }?];
export const pauseSignal = defineSignal<Reason>('pause');
export const resumeSignal = defineSignal('resume');
export const disableSignal = defineSignal<Reason>('disable');
export const enableSignal = defineSignal('enable');
export const resetCircuitSignal = defineSignal('resetCircuit');
export const setRateLimitSignal = defineSignal<[RateLimit | null]>('setRateLimit');
export const replaySignal = defineSignal<[ReplayRequest]>('replay');
/** The API changed the endpoint: take the newer copy. */
export const refreshSignal = defineSignal<[EndpointSnapshot]>('refresh');
/** A replay workflow this entity started has finished: how many deliveries matched, or why not. */
export const replayFinishedSignal = defineSignal<[{ id: string; matched?: number; error?: string }]>('replayFinished');
