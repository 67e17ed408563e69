/**
 * Scenarios 3 and 4, a steady offered load: single events posted through POST /v1/events at a
 * fixed rate (open loop: a slow answer does not slow the sender), spread evenly over the
 * endpoints by event type.
 * Each run starts with a warm-up (below).
 *   3. latency at half of saturation, every endpoint healthy: ingest p50/p99 per request, and
 *      end to end (request sent → received) p50/p95/p99;
 *   4. isolation: the same load with 20% of the endpoints answering 500 and 20% hanging until
 *      their timeout; the healthy endpoints' throughput and end-to-end p99, compared with the
 *      same endpoints in the all-healthy run.
 */
import { temporal } from '@temporalio/proto';
import { cpuPerDelivery, type CpuSnapshot } from '../cpu';
import type { BenchEnvironment, ReceiverMode } from '../environment';
import { benchEndpoints, historyPerWorkflow, percentile, postBatch, postOnce } from './common';

type BenchEndpoints = Awaited<ReturnType<typeof benchEndpoints>>;

export interface SteadyLoadOptions {
  /** Events per second offered. */
  rate: number;
  seconds: number;
  payloadBytes: number;
}

export interface SteadyLoadResult {
  offered: number;
  ingestMs: { p50: number; p99: number };
  /** Ingest answers other than 202 (the run goes on; they are reported, not hidden). */
  refused: number;
  /** Over the endpoints that answer 2xx. */
  healthy: {
    endpoints: number;
    sent: number;
    arrived: number;
    perSecond: number;
    /** perSecond over the healthy endpoints: comparable between runs with different counts. */
    perEndpointPerSecond: number;
    endToEndMs: { p50: number; p95: number; p99: number };
  };
  invalidSignatures: number;
  /** Where the healthy deliveries' time went, p50 / p99 in ms: see stagesOf. */
  stages: Record<'toStart' | 'toAttempt' | 'attempt' | 'toTask' | 'taskToAttempt', { p50: number; p99: number }>;
  /** What the sick endpoints' deliveries cost Temporal so far, per delivery (a sample of 20). */
  sickHistory?: { events: number; workflowTasks: number };
  /** CPU ms by process from the first event to the last healthy arrival, per healthy delivery (all-healthy runs only: sick ones' retries would count too). */
  cpuMsPerDelivery?: CpuSnapshot;
}

const { EventType } = temporal.api.enums.v1;

/** History events and workflow tasks so far, averaged over up to 20 of these events' deliveries. */
async function historySample(env: BenchEnvironment, eventIds: string[]): Promise<{ events: number; workflowTasks: number }> {
  const { rows } = await env.db.query<{ workflow_id: string }>(
    'SELECT workflow_id FROM deliveries WHERE event_id = ANY($1) AND workflow_started_at IS NOT NULL ORDER BY random() LIMIT 20',
    [eventIds],
  );
  return historyPerWorkflow(env, rows.map((row) => row.workflow_id));
}

/**
 * The healthy deliveries' time by stage, from the database's records: commit → workflow start
 * recorded (the start window and queue), → first attempt begun (Temporal and the worker), and
 * the attempt itself (the endpoint, the signing and the record). The middle stage is split by
 * each workflow's history: the start event → its first workflow task handed to a worker (the
 * server: persistence and matching), and → the attempt begun (the worker: the task's activation,
 * the local activity, the attempt's reads and its permit).
 */
async function stagesOf(env: BenchEnvironment, eventIds: string[]): Promise<SteadyLoadResult['stages']> {
  const { rows } = await env.db.query<{ workflow_id: string; to_start: number; to_attempt: number; attempt: number; attempt_at: number }>(
    `SELECT d.workflow_id,
            extract(epoch FROM d.workflow_started_at - d.created_at) * 1000 AS to_start,
            extract(epoch FROM a.started_at - d.workflow_started_at) * 1000 AS to_attempt,
            a.duration_ms AS attempt,
            extract(epoch FROM a.started_at) * 1000 AS attempt_at
       FROM deliveries d JOIN attempts a ON a.delivery_id = d.id AND a.n = 1
      WHERE d.event_id = ANY($1)`,
    [eventIds],
  );
  const toTask: number[] = [];
  const taskToAttempt: number[] = [];
  await inLanes(rows, 8, async (row) => {
    const events = (await env.temporal.client.workflow.getHandle(row.workflow_id).fetchHistory()).events ?? [];
    const started = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)?.eventTime;
    const taskStarted = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)?.eventTime;
    if (!started || !taskStarted) return;
    toTask.push(msOf(taskStarted) - msOf(started));
    taskToAttempt.push(Number(row.attempt_at) - msOf(taskStarted));
  });
  const stat = (values: number[]) => {
    const sorted = values.map(Number).sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  return {
    toStart: stat(rows.map((r) => r.to_start)),
    toAttempt: stat(rows.map((r) => r.to_attempt)),
    attempt: stat(rows.map((r) => r.attempt)),
    toTask: stat(toTask),
    taskToAttempt: stat(taskToAttempt),
  };
}

/** A protobuf timestamp in ms since the epoch (its seconds may come as a Long). */
function msOf(ts: { seconds?: number | { toNumber(): number } | null; nanos?: number | null }): number {
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : (ts.seconds?.toNumber() ?? 0);
  return seconds * 1000 + (ts.nanos ?? 0) / 1e6;
}

async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** The endpoints' modes for 4: the first 60% healthy, then 20% failing, then 20% hanging. */
export function isolationModes(endpoints: number): ReceiverMode[] {
  const sick = Math.round(endpoints * 0.2);
  return Array.from({ length: endpoints }, (_, i) => (i < endpoints - 2 * sick ? 'ok' : i < endpoints - sick ? 'fail' : 'hang'));
}

/**
 * One event per endpoint, and the healthy ones' arrival awaited, before the clock starts: the
 * first delivery to an endpoint also starts its entity workflow, a one-off that is not the
 * steady state this measures.
 */
async function warmUp(env: BenchEnvironment, endpoints: BenchEndpoints, modes: ReceiverMode[]): Promise<void> {
  const { receiver, api } = endpoints;
  await postBatch(env, api, modes.map((_, i) => ({ eventType: endpoints.eventType(i), payload: { warmUp: true } })));
  const healthy = new Set(modes.flatMap((mode, i) => (mode === 'ok' ? [i] : [])));
  const deadline = Date.now() + 60_000;
  while (new Set((await receiver.arrivals()).filter((a) => healthy.has(a[0])).map((a) => a[0])).size < healthy.size) {
    if (Date.now() > deadline) throw new Error('the warm-up deliveries did not arrive within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await receiver.arrivals(true);
}

export async function steadyLoad(env: BenchEnvironment, modes: ReceiverMode[], options: SteadyLoadOptions): Promise<SteadyLoadResult> {
  // Sick endpoints keep their retries and circuit at the defaults: that is what is being tested.
  const endpoints = await benchEndpoints(env, modes);
  const { receiver, api } = endpoints;
  try {
    const filler = 'x'.repeat(Math.max(0, options.payloadBytes - 40));
    await warmUp(env, endpoints, modes);
    const sentAt = new Map<string, number>();
    const healthyIds = new Set<string>();
    const sickIds = new Set<string>();
    const ingestMs: number[] = [];
    let refused = 0;
    const inFlight = new Set<Promise<void>>();
    const total = Math.round(options.rate * options.seconds);
    const cpuBefore = env.cpu();
    const start = Date.now();
    for (let n = 0; n < total; n++) {
      // Open loop: request n leaves at start + n / rate, whatever happened to the ones before.
      const due = start + (n * 1000) / options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const endpoint = n % modes.length;
      const sent = Date.now();
      const t0 = performance.now();
      const request = postOnce(env, api, { eventType: endpoints.eventType(endpoint), payload: { n, filler } })
        .then((id) => {
          ingestMs.push(performance.now() - t0);
          if (!id) {
            refused++;
            return;
          }
          sentAt.set(id, sent);
          if (modes[endpoint] === 'ok') healthyIds.add(id);
          else sickIds.add(id);
        })
        .catch(() => {
          refused++;
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
    const until = start + options.seconds * 1000;

    // Drain the healthy ones (the sick ones never finish within a benchmark).
    let arrivals = await receiver.arrivals();
    const healthyArrived = () => new Set(arrivals.filter((a) => healthyIds.has(a[1])).map((a) => a[1])).size;
    const deadline = Date.now() + 120_000;
    while (healthyArrived() < healthyIds.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      arrivals = await receiver.arrivals();
    }
    const cpuAfter = env.cpu();
    const firstArrival = new Map<string, number>();
    for (const [, id, at] of arrivals) if (healthyIds.has(id) && !firstArrival.has(id)) firstArrival.set(id, at);
    const endToEnd = [...firstArrival.entries()].map(([id, at]) => at - sentAt.get(id)!).sort((a, b) => a - b);
    const sortedIngest = [...ingestMs].sort((a, b) => a - b);
    const stages = await stagesOf(env, [...healthyIds]);
    const sickHistory = sickIds.size > 0 ? await historySample(env, [...sickIds]) : undefined;
    const inWindow = [...firstArrival.values()].filter((at) => at <= until).length;
    const healthyEndpoints = modes.filter((mode) => mode === 'ok').length;
    return {
      offered: total,
      ingestMs: { p50: percentile(sortedIngest, 50), p99: percentile(sortedIngest, 99) },
      refused,
      healthy: {
        endpoints: healthyEndpoints,
        sent: healthyIds.size,
        arrived: firstArrival.size,
        perSecond: inWindow / options.seconds,
        perEndpointPerSecond: inWindow / options.seconds / healthyEndpoints,
        endToEndMs: { p50: percentile(endToEnd, 50), p95: percentile(endToEnd, 95), p99: percentile(endToEnd, 99) },
      },
      invalidSignatures: arrivals.filter((a) => !a[3]).length,
      stages,
      sickHistory,
      cpuMsPerDelivery: sickIds.size === 0 ? cpuPerDelivery(cpuBefore, cpuAfter, firstArrival.size) : undefined,
    };
  } finally {
    // The sick endpoints' retries would go on into the next scenario: disabling cancels them.
    await endpoints.disable(modes.flatMap((mode, i) => (mode === 'ok' ? [] : [i])));
    await endpoints.close();
  }
}
