/**
 * The engine's ceiling, for `npm run bench`: one workflow task and one no-op local activity, the
 * least a delivery could cost. Started the way ingest starts deliveries, on the same worker, it
 * says how many workflows per second this Temporal and this worker can run at all.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { CeilingActivities } from '../activities/ceiling';

const { noop } = proxyLocalActivities<CeilingActivities>({ startToCloseTimeout: '10 seconds' });

export async function ceilingWorkflow(): Promise<void> {
  await noop();
}
