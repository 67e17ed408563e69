/**
 * Scenario 5, waiting work: 10,000 deliveries each failed once and waiting an hour in backoff.
 * What that costs the worker in memory (resident set before and after) and Temporal in history
 * (events per waiting delivery). The endpoints' circuit is set never to open, so every delivery
 * waits on its own retry timer rather than on the endpoint.
 */
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, historyPerWorkflow, postBatch } from './common';

const ENDPOINTS = 20;
const BATCH = 100;
const SAMPLE = 50;

export async function waitingWork(env: BenchEnvironment, deliveries: number) {
  const endpoints = await benchEndpoints(
    env,
    Array.from({ length: ENDPOINTS }, () => 'fail'),
    { retrySchedule: ['1h'], circuitBreaker: { consecutiveFailures: 100_000, minAttempts: 100_000 } },
  );
  const { api, ids } = endpoints;
  try {
    const rssBefore = env.workerRss();
    const started = Date.now();
    for (let n = 0; n < deliveries; n += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, deliveries - n) }, (_, j) => ({ eventType: endpoints.eventType((n + j) % ENDPOINTS), payload: { n: n + j } }));
      await postBatch(env, api, events);
    }
    const waiting = async () => {
      const { rows } = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE endpoint_id = ANY($1) AND status = 'retrying'`, [ids]);
      return rows[0]!.n;
    };
    const deadline = Date.now() + 600_000;
    while ((await waiting()) < deliveries) {
      if (Date.now() > deadline) throw new Error(`only ${await waiting()} of ${deliveries} deliveries reached their backoff in 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const secondsToWait = (Date.now() - started) / 1000;
    // The last workflow tasks settle (the retry timer follows the attempt's record) before measuring.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const rssAfter = env.workerRss();

    const { rows } = await env.db.query<{ workflow_id: string }>(
      `SELECT workflow_id FROM deliveries WHERE endpoint_id = ANY($1) ORDER BY random() LIMIT $2`,
      [ids, SAMPLE],
    );
    const history = await historyPerWorkflow(env, rows.map((row) => row.workflow_id));
    return {
      deliveries,
      secondsToWait,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      addedMiB: (rssAfter - rssBefore) / 2 ** 20,
      historyEventsPerWaitingDelivery: history.events,
      workflowTasksPerWaitingDelivery: history.workflowTasks,
    };
  } finally {
    await endpoints.close();
  }
}
