/**
 * The engine's ceiling: one workflow task and one no-op local activity, the least a delivery
 * could cost. Run by bench/ceiling/worker.ts, never by the gateway's worker.
 */
import { proxyLocalActivities } from '@temporalio/workflow';

export interface CeilingActivities {
  noop(): Promise<void>;
}

const { noop } = proxyLocalActivities<CeilingActivities>({ startToCloseTimeout: '10 seconds' });

export async function ceilingWorkflow(): Promise<void> {
  await noop();
}
