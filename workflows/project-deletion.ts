/**
 * A deleted project's data, removed (started by DELETE /v1/projects/{id}, once the project is
 * marked deleted and every way into it is shut: src/projects/deletion.ts):
 *   1. its endpoints' entities are told the endpoints are gone, and its waiting deliveries cancelled;
 *   2. its events go, with their deliveries and attempts, in small batches; an event whose
 *      delivery has not yet ended (a cancel still on its way) waits for the next round;
 *   3. its endpoints, then the project itself.
 * A project that is not there (removed by an earlier run) counts as removed.
 * Retried until done: a deleted project never stays half there.
 */
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { ProjectDeletionActivities } from '../activities/project-deletion';
import type { ProjectDeletionInput } from '../src/projects/deletion-contract';

const { stopProjectDeliveries, removeProjectEvents, removeProject } = proxyActivities<ProjectDeletionActivities>({
  startToCloseTimeout: '1 day',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Between rounds of removing events while some deliveries are still ending. */
const ROUND_PAUSE = '10 seconds';

export async function projectDeletionWorkflow({ projectId, stopped }: ProjectDeletionInput & { stopped?: { endpoints: number; cancelled: number } }) {
  const { endpoints, cancelled } = stopped ?? (await stopProjectDeliveries({ projectId }));
  for (;;) {
    const { left } = await removeProjectEvents({ projectId });
    // An event that came in as the project was shut (a request already past its key check) is
    // found here: the project is not removed while it has one.
    if (left === 0 && (await removeProject({ projectId })).removed) return { endpoints, cancelled };
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof projectDeletionWorkflow>({ projectId, stopped: { endpoints, cancelled } });
    await sleep(ROUND_PAUSE);
  }
}
