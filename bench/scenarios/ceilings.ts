/**
 * Scenario 1, the ceilings every other figure is compared with, measured in the same run:
 *   (a) workflows/s: the ceiling workflow (one workflow task, one no-op local activity) started
 *       the way ingest starts deliveries, run by the same worker process;
 *   (b) requests/s: raw undici POSTs from one process to the benchmark receivers.
 */
import { Pool } from 'undici';
import { signedHeaders } from '../../src/signing/standard-webhooks';
import { ceilingWorkflow } from '../../workflows/ceiling';
import { DeliveryStatus, EndpointId, EventId, EventType, ProjectId } from '../../workflows/search-attributes';
import { newSecret, type BenchEnvironment } from '../environment';

/** As many starts in flight as the consumer or an API with three busy callers would have. */
const START_CONCURRENCY = 96;
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

export async function workflowCeiling(env: BenchEnvironment, seconds: number) {
  const run = Date.now().toString(36);
  const { client } = env.temporal;
  let n = 0;
  const startedAt = performance.now();
  const started = await forSeconds(seconds, START_CONCURRENCY, async () => {
    const id = `ceiling/${run}/${n++}`;
    await client.workflow.start(ceilingWorkflow, {
      workflowId: id,
      taskQueue: env.config.temporal.taskQueue,
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
  });
  // Done when the server has closed them all; visibility trails by a moment, polled finely.
  const query = `WorkflowId STARTS_WITH "ceiling/${run}/" AND ExecutionStatus = "Completed"`;
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count >= started) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const elapsed = (performance.now() - startedAt) / 1000;
  return { workflows: started, seconds: elapsed, perSecond: started / elapsed };
}

export async function postCeiling(env: BenchEnvironment, seconds: number, payloadBytes: number) {
  const secret = newSecret();
  const receiver = await env.startReceiver({ '/e/0': { secret, mode: 'ok' } });
  try {
    const body = JSON.stringify({ filler: 'x'.repeat(Math.max(0, payloadBytes - 14)) });
    const headers = { ...signedHeaders([secret], 'msg_ceiling', Math.floor(Date.now() / 1000), body), 'content-type': 'application/json' };
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
