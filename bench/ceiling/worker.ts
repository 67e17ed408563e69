/**
 * The ceiling's worker: a process of its own that runs only the ceiling workflow, with the
 * delivery worker's limits and the same preloaded bundle, so that the figure is what this
 * Temporal server and one Node worker can run at all. Prints `ready` once it polls.
 *
 *   node src/launcher.mjs --run bench/ceiling/worker.ts <temporal address> <namespace> <task queue> [<lanes> <seconds>]
 *
 * With lanes and seconds it also starts the workflows itself, eagerly on its own connection as
 * `serve` starts deliveries: each lane starts one, waits for its activity to run, and starts the
 * next. It then prints `started <count>` and exits: the floor of what a delivery costs Temporal
 * and the worker, with none of the gateway's own work.
 */
import { Client } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DELIVERY_WORKER_TUNING } from '../../src/worker';
import { DeliveryStatus, EndpointId, EventId, EventType, ProjectId } from '../../src/temporal/search-attributes';
import type { CeilingActivities, ceilingWorkflow } from './workflow';

async function main(): Promise<void> {
  const [address, namespace, taskQueue, lanes, seconds] = process.argv.slice(2);
  if (!address || !namespace || !taskQueue) throw new Error('usage: worker.ts <temporal address> <namespace> <task queue> [<lanes> <seconds>]');
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const workflowsPath = require.resolve('./workflow');
  const { code } = await bundleWorkflowCode({ workflowsPath, preloadModules: ['@temporalio/workflow', workflowsPath], logger });
  const connection = await NativeConnection.connect({ address });
  const ran = new Map<string, () => void>();
  const activities: CeilingActivities = {
    async noop() {
      ran.get(Context.current().info.workflowExecution?.workflowId ?? '')?.();
    },
  };
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle: { code }, activities, ...DELIVERY_WORKER_TUNING });
  process.once('SIGTERM', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  if (lanes && seconds) {
    const started = await startEagerly(new Client({ connection, namespace }), taskQueue, ran, Number(lanes), Number(seconds));
    process.stdout.write(`started ${started}\n`);
    worker.shutdown();
  }
  await running;
  await connection.close();
}

/** Closed loop: each lane starts a workflow with a delivery's options, eagerly, and waits for its activity. */
async function startEagerly(client: Client, taskQueue: string, ran: Map<string, () => void>, lanes: number, seconds: number): Promise<number> {
  const run = Date.now().toString(36);
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < until) {
        const workflowId = `floor/${run}/${n++}`;
        const activityRan = new Promise<void>((resolve) => ran.set(workflowId, resolve));
        await client.workflow.start<typeof ceilingWorkflow>('ceilingWorkflow', {
          workflowId,
          taskQueue,
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: ProjectId, value: 'prj_floor' },
            { key: EndpointId, value: 'ep_floor' },
            { key: EventType, value: 'bench.floor' },
            { key: EventId, value: workflowId },
            { key: DeliveryStatus, value: 'pending' },
          ],
          memo: { url: 'http://127.0.0.1', eventType: 'bench.floor' },
          requestEagerStart: true,
        });
        await activityRan;
        ran.delete(workflowId);
      }
    }),
  );
  return n;
}

main().catch((error) => {
  process.stderr.write(`ceiling worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
