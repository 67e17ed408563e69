/**
 * The ceiling's worker: a process of its own that runs only the ceiling workflow, with the
 * delivery worker's limits and the same preloaded bundle, so that the figure is what this
 * Temporal server and one Node worker can run at all. Prints `ready` once it polls.
 *
 *   node src/launcher.mjs --run bench/ceiling/worker.ts <temporal address> <namespace> <task queue>
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DELIVERY_WORKER_TUNING } from '../../src/worker';
import type { CeilingActivities } from './workflow';

async function main(): Promise<void> {
  const [address, namespace, taskQueue] = process.argv.slice(2);
  if (!address || !namespace || !taskQueue) throw new Error('usage: worker.ts <temporal address> <namespace> <task queue>');
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const workflowsPath = require.resolve('./workflow');
  const { code } = await bundleWorkflowCode({ workflowsPath, preloadModules: ['@temporalio/workflow', workflowsPath], logger });
  const connection = await NativeConnection.connect({ address });
  const activities: CeilingActivities = { async noop() {} };
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle: { code }, activities, ...DELIVERY_WORKER_TUNING });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
}

main().catch((error) => {
  process.stderr.write(`ceiling worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
