/**
 * The self-check: one workflow task and one activity that reads the database's schema version.
 * `dev` runs it once the worker is up, so "ready" means a workflow really went through the
 * server, the worker and the database, not just that three ports are open.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { SelfCheckActivities } from '../activities/self-check';

const { readSchemaVersion } = proxyActivities<SelfCheckActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export interface SelfCheckResult {
  schemaVersion: number;
}

export async function selfCheckWorkflow(): Promise<SelfCheckResult> {
  return { schemaVersion: await readSchemaVersion() };
}
