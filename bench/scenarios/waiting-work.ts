/**
 * Scenario 5, waiting work: 10,000 deliveries each failed once and waiting an hour in backoff.
 * What that costs the worker in memory (resident set before and after) and Temporal in history
 * (events per waiting delivery). The endpoints' circuit is set never to open, so every delivery
 * waits on its own retry timer rather than on the endpoint.
 *
 * Both readings are of a settled worker. V8 keeps the heap it grew under load and gives it back
 * some 30-60 s after the load stops (its memory reducer), so a reading taken as the last workflow
 * task ends measures the burst that put the deliveries to sleep (twice the settled figure on
 * this machine), not what keeping them asleep costs, which is what an operator lives with.
 *
 * Putting 10,000 deliveries to sleep is also 10,000 first attempts, and the worker keeps the
 * high-water mark of such a burst (V8's and the allocator's) whatever the deliveries then do.
 * So the same burst first goes to endpoints that answer 2xx, where nothing waits afterwards:
 * "added" is measured from the worker settled after that burst, and the figure from the worker
 * settled before it is reported beside it.
 */
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, historyPerWorkflow, postBatch } from './common';

const ENDPOINTS = 20;
const BATCH = 100;
const SAMPLE = 50;
/** Settled: the resident set stayed within 2% for this long... */
const STEADY_MS = 45_000;
/** ...or this long has passed, and the reading says it did not settle. */
const SETTLE_LIMIT_MS = 240_000;

/** The worker's resident set once it has stopped moving (see above). */
async function settledRss(env: BenchEnvironment): Promise<{ bytes: number; settled: boolean; seconds: number }> {
  const started = Date.now();
  const samples: { at: number; bytes: number }[] = [];
  for (;;) {
    const at = Date.now();
    samples.push({ at, bytes: env.workerRss() });
    while (samples[0]!.at < at - STEADY_MS) samples.shift();
    const values = samples.map((sample) => sample.bytes);
    const steady = at - started >= STEADY_MS && Math.max(...values) <= Math.min(...values) * 1.02;
    if (steady || at - started >= SETTLE_LIMIT_MS) return { bytes: values.at(-1)!, settled: steady, seconds: (at - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

type BenchEndpoints = Awaited<ReturnType<typeof benchEndpoints>>;

/** Posts `count` events over the endpoints and waits until that many deliveries are in `status`. */
async function burst(env: BenchEnvironment, endpoints: BenchEndpoints, count: number, status: 'succeeded' | 'retrying'): Promise<void> {
  for (let n = 0; n < count; n += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, count - n) }, (_, j) => ({ eventType: endpoints.eventType((n + j) % ENDPOINTS), payload: { n: n + j } }));
    await postBatch(env, endpoints.api, events);
  }
  const reached = async () => {
    const { rows } = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE endpoint_id = ANY($1) AND status = $2`, [endpoints.ids, status]);
    return rows[0]!.n;
  };
  const deadline = Date.now() + 600_000;
  while ((await reached()) < count) {
    if (Date.now() > deadline) throw new Error(`only ${await reached()} of ${count} deliveries reached ${status} in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function waitingWork(env: BenchEnvironment, deliveries: number) {
  const fresh = await settledRss(env);
  const healthy = await benchEndpoints(env, Array.from({ length: ENDPOINTS }, () => 'ok'));
  try {
    await burst(env, healthy, deliveries, 'succeeded');
  } finally {
    await healthy.close();
  }

  const endpoints = await benchEndpoints(
    env,
    Array.from({ length: ENDPOINTS }, () => 'fail'),
    { retrySchedule: ['1h'], circuitBreaker: { consecutiveFailures: 100_000, minAttempts: 100_000 } },
  );
  const { ids } = endpoints;
  try {
    const before = await settledRss(env);
    const heapBefore = await env.heapSnapshot();
    const started = Date.now();
    await burst(env, endpoints, deliveries, 'retrying');
    const secondsToWait = (Date.now() - started) / 1000;
    const after = await settledRss(env);
    const heapAfter = await env.heapSnapshot();

    const { rows } = await env.db.query<{ workflow_id: string }>(
      `SELECT workflow_id FROM deliveries WHERE endpoint_id = ANY($1) ORDER BY random() LIMIT $2`,
      [ids, SAMPLE],
    );
    const history = await historyPerWorkflow(env, rows.map((row) => row.workflow_id));
    return {
      deliveries,
      secondsToWait,
      /** Before the burst to healthy endpoints. */
      rssFreshBytes: fresh.bytes,
      /** After it: the baseline of `addedMiB`. */
      rssBeforeBytes: before.bytes,
      rssAfterBytes: after.bytes,
      addedMiB: (after.bytes - before.bytes) / 2 ** 20,
      addedSinceFreshMiB: (after.bytes - fresh.bytes) / 2 ** 20,
      /** With BENCH_HEAP_SNAPSHOTS=1: the main thread's live JS heap before and after (bytes). */
      heap: heapBefore === undefined || heapAfter === undefined ? undefined : { before: heapBefore, after: heapAfter },
      /** False when a reading hit SETTLE_LIMIT_MS still moving. */
      settled: fresh.settled && before.settled && after.settled,
      secondsToSettle: after.seconds,
      historyEventsPerWaitingDelivery: history.events,
      workflowTasksPerWaitingDelivery: history.workflowTasks,
    };
  } finally {
    await endpoints.close();
  }
}
