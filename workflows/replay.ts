/**
 * One replay of an endpoint's past deliveries, started by its entity: new delivery workflows
 * for the matching events (idempotently, per replay id), paced by the endpoint like any other
 * delivery. Tells the entity how many matched when done.
 */
import { getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { EndpointHealthActivities } from '../activities/endpoint-health';
import type { Replay } from '../src/endpoint-health/replays';
import { endpointWorkflowId, replayFinishedSignal } from '../src/endpoint-health/workflow-contract';

const { replayDeliveries } = proxyActivities<EndpointHealthActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

export interface ReplayInput {
  endpointId: string;
  projectId: string;
  replay: Replay;
}

export async function replayWorkflow({ endpointId, projectId, replay }: ReplayInput): Promise<{ matched: number }> {
  const entity = getExternalWorkflowHandle(endpointWorkflowId(endpointId));
  try {
    const { matched } = await replayDeliveries({ endpointId, projectId, replayId: replay.id, since: replay.since, until: replay.until, statuses: replay.statuses });
    await entity.signal(replayFinishedSignal, { id: replay.id, matched }).catch(() => undefined);
    return { matched };
  } catch (error) {
    await entity.signal(replayFinishedSignal, { id: replay.id, error: String((error as Error).cause ?? error) }).catch(() => undefined);
    throw error;
  }
}
