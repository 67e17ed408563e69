/**
 * Scenario 1, the ceilings every other figure is compared with, measured in the same run:
 *   (a) workflows/s: the ceiling workflow (one workflow task, one no-op local activity) started
 *       the way ingest starts deliveries, run by a worker process of its own with the delivery
 *       worker's limits (bench/ceiling/), while the gateway idles;
 *   (b) requests/s: raw undici POSTs from one process to the benchmark receivers;
 *   (c) the floor: the same workflow started eagerly by that worker process itself, as `serve`
 *       starts deliveries, with the CPU each workflow cost Temporal and the worker. It is what a
 *       delivery costs before any of the gateway's own work (API, PostgreSQL, signing, the POST).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { Pool } from 'undici';
import { repoRoot } from '../../src/config';
import { signedHeaders } from '../../src/signing/standard-webhooks';
import type { ceilingWorkflow } from '../ceiling/workflow';
import { DeliveryStatus, EndpointId, EventId, EventType, ProjectId } from '../../src/temporal/search-attributes';
import { processCpuMs } from '../cpu';
import { newSecret, type BenchEnvironment } from '../environment';

/** Workflows in flight at once: what the gateway's start window allows (DELIVERY_START_WINDOW). */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 96);
const POST_CONNECTIONS = 64;

async function forSeconds(seconds: number, lanes: number, work: () => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < until) {
        await work();
        done++;
      }
    }),
  );
  return done;
}

/**
 * Starts the ceiling's worker on a task queue of its own; resolves once it polls. With `selfStart`
 * it starts workflows itself for that long, and `started` settles with how many.
 */
async function startCeilingWorker(env: BenchEnvironment, taskQueue: string, selfStart?: { lanes: number; seconds: number }) {
  const { address, namespace } = env.config.temporal;
  const args = [path.join(repoRoot, 'src', 'launcher.mjs'), '--run', path.join(repoRoot, 'bench', 'ceiling', 'worker.ts'), address, namespace, taskQueue];
  if (selfStart) args.push(String(selfStart.lanes), String(selfStart.seconds));
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => Promise.reject(new Error(`the ceiling worker exited (${code}) before it was ready`)));
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value as string | undefined;
  const ready = (async () => {
    while ((await nextLine()) !== 'ready');
  })();
  await Promise.race([ready, exited]);
  const started = async () => {
    for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
      const match = /^started (\d+)$/.exec(line);
      if (match) return Number(match[1]);
    }
    throw new Error('the ceiling worker ended without saying how many it started');
  };
  return {
    pid: child.pid!,
    started,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited.catch(() => undefined);
    },
  };
}

export async function workflowCeiling(env: BenchEnvironment, seconds: number, inFlight = IN_FLIGHT) {
  const run = Date.now().toString(36);
  const { client } = env.temporal;
  const taskQueue = `${env.config.temporal.taskQueue}-ceiling`;
  const worker = await startCeilingWorker(env, taskQueue);
  let n = 0;
  const startedAt = performance.now();
  try {
    // Closed loop: each lane starts a workflow and waits for it to close before the next, so the
    // figure is what the engine sustains with this many in flight, not how fast it queues starts.
    const completed = await forSeconds(seconds, inFlight, async () => {
      const id = `ceiling/${run}/${n++}`;
      const handle = await client.workflow.start<typeof ceilingWorkflow>('ceilingWorkflow', {
        workflowId: id,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: ProjectId, value: env.projectId },
          { key: EndpointId, value: 'ep_ceiling' },
          { key: EventType, value: 'bench.ceiling' },
          { key: EventId, value: id },
          { key: DeliveryStatus, value: 'pending' },
        ],
        memo: { url: 'http://127.0.0.1', eventType: 'bench.ceiling' },
      });
      await handle.result();
    });
    const elapsed = (performance.now() - startedAt) / 1000;
    return { workflows: completed, inFlight, seconds: elapsed, perSecond: completed / elapsed };
  } finally {
    await worker.stop();
  }
}

/**
 * (c) The floor: no-op workflows started eagerly by the worker's own process, closed loop, while
 * the gateway idles; CPU per workflow of Temporal and of that worker process.
 */
export async function eagerFloor(env: BenchEnvironment, seconds: number, lanes = IN_FLIGHT) {
  const taskQueue = `${env.config.temporal.taskQueue}-floor`;
  const temporalBefore = env.cpu().temporal!;
  const startedAt = performance.now();
  const worker = await startCeilingWorker(env, taskQueue, { lanes, seconds });
  const workerAtReady = processCpuMs(worker.pid);
  const temporalAtReady = env.cpu().temporal!;
  try {
    const workflows = await worker.started();
    // The worker's own start-up (bundling) is left out; Temporal's share of it is small.
    const workerMs = processCpuMs(worker.pid) - workerAtReady;
    const temporalMs = env.cpu().temporal! - temporalAtReady;
    return {
      workflows,
      lanes,
      perSecond: workflows / seconds,
      cpuMsPerWorkflow: { temporal: temporalMs / workflows, worker: workerMs / workflows, total: (temporalMs + workerMs) / workflows },
      temporalDuringStartUpMs: temporalAtReady - temporalBefore,
      seconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    await worker.stop();
  }
}

export async function postCeiling(env: BenchEnvironment, seconds: number, payloadBytes: number) {
  const secret = newSecret();
  const receiver = await env.startReceiver({ '/e/0': { secret, mode: 'ok' } });
  try {
    const body = JSON.stringify({ filler: 'x'.repeat(Math.max(0, payloadBytes - 14)) });
    const headers = { ...signedHeaders({ secrets: [secret], signingKeys: [] }, 'msg_ceiling', Math.floor(Date.now() / 1000), body), 'content-type': 'application/json' };
    const pool = new Pool(receiver.url, { connections: POST_CONNECTIONS });
    const requests = await forSeconds(seconds, POST_CONNECTIONS, async () => {
      const answer = await pool.request({ path: '/e/0', method: 'POST', headers, body });
      await answer.body.dump();
    });
    await pool.close();
    const arrivals = await receiver.arrivals();
    return { requests, perSecond: requests / seconds, verified: arrivals.filter((a) => a[3]).length };
  } finally {
    await receiver.stop();
  }
}
