/**
 * The soak: a steady load at half of saturation for a long run (30 minutes or more), every
 * endpoint healthy, with the project's retention shorter than the run so that the sweep's work is
 * part of what is measured. Every `sampleSeconds` it reads what could grow without bound:
 *   - the gateway process (API and worker in one, as `dev` runs them): resident memory, live JS
 *     heap, active handles, open files, and the event loop's delay (its p99 and max since the last
 *     reading, from the gateway's own /metrics);
 *   - Temporal: the dev server's resident memory and its SQLite file (with the write-ahead log);
 *   - PostgreSQL: rows, table and index sizes of events, deliveries and attempts, the database,
 *     and the connections;
 *   - Temporal histories: the longest entity workflow's (the endpoints' circuit breakers and rate
 *     limiters live on, so theirs must roll over with continue-as-new), and a sample of the latest
 *     deliveries'.
 * The result has every sample and each figure's trend (trend.ts): a slope that keeps growing in
 * the second half is a leak to fix or a cost to explain.
 */
import fs from 'node:fs';
import { endpointWorkflowId } from '../../src/endpoint-health/workflow-contract';
import { cpuPerDelivery, type CpuSnapshot } from '../cpu';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, percentile, postBatch, postOnce } from './common';
import { trendOf, type Trend } from './trend';

export interface SoakOptions {
  /** Events per second offered (open loop). */
  rate: number;
  seconds: number;
  endpoints: number;
  payloadBytes: number;
  /** The project's retention during the run, e.g. "10m". */
  retention: string;
  sampleSeconds: number;
}

const TABLES = ['events', 'deliveries', 'attempts'] as const;

export interface SoakSample {
  atS: number;
  /** So far. */
  accepted: number;
  delivered: number;
  refused: number;
  /** Of the deliveries that arrived since the last sample, from the POST being sent. */
  endToEndP99Ms: number;
  gateway: { rssMiB: number; heapUsedMiB: number; handles: number; openFiles: number; lagP99Ms: number; lagMaxMs: number };
  temporal: { rssMiB: number; fileMiB: number };
  postgres: { connections: number; databaseMiB: number; tables: Record<(typeof TABLES)[number], { rows: number; tableMiB: number; indexMiB: number }> };
  history: { entityEventsMax: number; entityBytesMax: number; deliveryEvents: number; deliveryBytes: number };
}

export interface SoakResult {
  rate: number;
  seconds: number;
  retention: string;
  offered: number;
  accepted: number;
  delivered: number;
  refused: number;
  /** Accepted events whose delivery had not arrived 2 minutes after the load stopped. */
  undelivered: number;
  invalidSignatures: number;
  samples: SoakSample[];
  trends: Record<string, Trend>;
  cpuMsPerDelivery: CpuSnapshot;
}

const MiB = 2 ** 20;

/** A value from a Prometheus text exposition: the first series of the metric, whatever its labels. */
export function metricValue(exposition: string, name: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  } catch {
    return NaN;
  }
}

/** The dev server's SQLite file and its write-ahead log, found from its command line. */
function temporalFileMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const file = args[args.indexOf('--db-filename') + 1];
  if (!args.includes('--db-filename') || !file) return NaN;
  const size = (path: string) => (fs.existsSync(path) ? fs.statSync(path).size : 0);
  return (size(file) + size(`${file}-wal`)) / MiB;
}

async function postgresFigures(env: BenchEnvironment): Promise<SoakSample['postgres']> {
  const { rows } = await env.db.query<{ name: string; rows: string; table_bytes: string; index_bytes: string }>(
    `SELECT c.relname AS name, s.n_live_tup AS rows,
            pg_table_size(c.oid) AS table_bytes, pg_indexes_size(c.oid) AS index_bytes
       FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relname = ANY($1)`,
    [TABLES],
  );
  const { rows: [db] } = await env.db.query<{ bytes: string; connections: string }>(
    'SELECT pg_database_size(current_database()) AS bytes, (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) AS connections',
  );
  const tables = Object.fromEntries(
    TABLES.map((table) => {
      const row = rows.find((r) => r.name === table);
      return [table, { rows: Number(row?.rows ?? NaN), tableMiB: Number(row?.table_bytes ?? NaN) / MiB, indexMiB: Number(row?.index_bytes ?? NaN) / MiB }];
    }),
  ) as SoakSample['postgres']['tables'];
  return { connections: Number(db!.connections), databaseMiB: Number(db!.bytes) / MiB, tables };
}

async function historyFigures(env: BenchEnvironment, endpointIds: string[]): Promise<SoakSample['history']> {
  const describe = (workflowId: string) => env.temporal.client.workflow.getHandle(workflowId).describe();
  const entities = await Promise.all(endpointIds.map((id) => describe(endpointWorkflowId(id))));
  const { rows } = await env.db.query<{ workflow_id: string }>(
    `SELECT workflow_id FROM deliveries WHERE project_id = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 10`,
    [env.projectId],
  );
  const deliveries = await Promise.all(rows.map((row) => describe(row.workflow_id)));
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    entityEventsMax: Math.max(...entities.map((e) => e.historyLength)),
    entityBytesMax: Math.max(...entities.map((e) => e.historySize ?? NaN)),
    deliveryEvents: mean(deliveries.map((d) => d.historyLength)),
    deliveryBytes: mean(deliveries.map((d) => d.historySize ?? NaN)),
  };
}

/** Each figure reported as a trend, by the name the report shows. */
const FIGURES: Record<string, (s: SoakSample) => number> = {
  'gateway RSS (MiB)': (s) => s.gateway.rssMiB,
  'gateway live JS heap (MiB)': (s) => s.gateway.heapUsedMiB,
  'gateway active handles': (s) => s.gateway.handles,
  'gateway open files': (s) => s.gateway.openFiles,
  'gateway event-loop delay p99 (ms)': (s) => s.gateway.lagP99Ms,
  'gateway event-loop delay max (ms)': (s) => s.gateway.lagMaxMs,
  'Temporal RSS (MiB)': (s) => s.temporal.rssMiB,
  'Temporal SQLite file (MiB)': (s) => s.temporal.fileMiB,
  'PostgreSQL connections': (s) => s.postgres.connections,
  'PostgreSQL database (MiB)': (s) => s.postgres.databaseMiB,
  ...Object.fromEntries(
    TABLES.flatMap((table) => [
      [`${table}: rows`, (s: SoakSample) => s.postgres.tables[table].rows],
      [`${table}: table (MiB)`, (s: SoakSample) => s.postgres.tables[table].tableMiB],
      [`${table}: indexes (MiB)`, (s: SoakSample) => s.postgres.tables[table].indexMiB],
    ]),
  ),
  'entity workflow history, longest (events)': (s) => s.history.entityEventsMax,
  'entity workflow history, largest (bytes)': (s) => s.history.entityBytesMax,
  'delivery workflow history (events)': (s) => s.history.deliveryEvents,
  'delivery workflow history (bytes)': (s) => s.history.deliveryBytes,
  'end-to-end p99 (ms)': (s) => s.endToEndP99Ms,
};

export async function soak(env: BenchEnvironment, options: SoakOptions): Promise<SoakResult> {
  const setRetention = await fetch(`${env.apiUrl}/v1/project`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ retention: options.retention }),
  });
  if (setRetention.status !== 200) throw new Error(`setting the retention answered ${setRetention.status}: ${await setRetention.text()}`);
  const endpoints = await benchEndpoints(env, Array.from({ length: options.endpoints }, () => 'ok'));
  const { receiver, api } = endpoints;
  try {
    // One event per endpoint first: each endpoint's first delivery also starts its entity workflow.
    await postBatch(env, api, endpoints.ids.map((_, i) => ({ eventType: endpoints.eventType(i), payload: { warmUp: true } })));
    const warmDeadline = Date.now() + 60_000;
    while (new Set((await receiver.arrivals()).map((a) => a[0])).size < options.endpoints) {
      if (Date.now() > warmDeadline) throw new Error('the warm-up deliveries did not arrive within a minute');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await receiver.arrivals(true);

    const filler = 'x'.repeat(Math.max(0, options.payloadBytes - 40));
    const sentAt = new Map<string, number>();
    const seen = new Set<string>();
    let accepted = 0;
    let delivered = 0;
    let refused = 0;
    let invalidSignatures = 0;
    const samples: SoakSample[] = [];
    const start = Date.now();
    const cpuBefore = env.cpu();

    /** Takes the arrivals since the last call, and answers their end-to-end times. */
    const collectArrivals = async () => {
      const times: number[] = [];
      for (const [, id, at, valid] of await receiver.arrivals(true)) {
        if (!valid) invalidSignatures++;
        const sent = sentAt.get(id);
        if (sent === undefined || seen.has(id)) continue;
        seen.add(id);
        sentAt.delete(id);
        delivered++;
        times.push(at - sent);
      }
      return times.sort((a, b) => a - b);
    };
    const sample = async () => {
      const endToEnd = await collectArrivals();
      const metrics = await (await fetch(`${env.apiUrl}/metrics`)).text();
      const temporalPid = env.temporalPid();
      samples.push({
        atS: (Date.now() - start) / 1000,
        accepted,
        delivered,
        refused,
        endToEndP99Ms: percentile(endToEnd, 99),
        gateway: {
          rssMiB: env.workerRss() / MiB,
          heapUsedMiB: metricValue(metrics, 'nodejs_heap_size_used_bytes') / MiB,
          handles: metricValue(metrics, 'nodejs_active_handles_total'),
          openFiles: metricValue(metrics, 'process_open_fds'),
          lagP99Ms: metricValue(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1000,
          lagMaxMs: metricValue(metrics, 'nodejs_eventloop_lag_max_seconds') * 1000,
        },
        temporal: { rssMiB: rssMiB(temporalPid), fileMiB: temporalFileMiB(temporalPid) },
        postgres: await postgresFigures(env),
        history: await historyFigures(env, endpoints.ids),
      });
    };
    // Resets the event loop's histogram, so the first sample's delay is that of its own interval.
    await fetch(`${env.apiUrl}/metrics`).then((answer) => answer.text());

    const total = Math.round(options.rate * options.seconds);
    const inFlight = new Set<Promise<void>>();
    let nextSample = start + options.sampleSeconds * 1000;
    for (let n = 0; n < total; n++) {
      // Open loop: request n leaves at start + n / rate, whatever happened to the ones before.
      const due = start + (n * 1000) / options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      if (Date.now() >= nextSample) {
        nextSample += options.sampleSeconds * 1000;
        // Not awaited: a slow reading must not hold the load back.
        const reading = sample();
        inFlight.add(reading);
        void reading.finally(() => inFlight.delete(reading));
      }
      const endpoint = n % options.endpoints;
      const sent = Date.now();
      const request = postOnce(env, api, { eventType: endpoints.eventType(endpoint), payload: { n, filler } })
        .then((id) => {
          if (!id) {
            refused++;
            return;
          }
          accepted++;
          sentAt.set(id, sent);
        })
        .catch(() => {
          refused++;
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
    const deadline = Date.now() + 120_000;
    while (delivered < accepted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await collectArrivals();
    }
    const cpuAfter = env.cpu();
    await sample();
    return {
      rate: options.rate,
      seconds: options.seconds,
      retention: options.retention,
      offered: total,
      accepted,
      delivered,
      refused,
      undelivered: accepted - delivered,
      invalidSignatures,
      samples,
      trends: Object.fromEntries(Object.entries(FIGURES).map(([name, figure]) => [name, trendOf(samples, figure)])),
      cpuMsPerDelivery: cpuPerDelivery(cpuBefore, cpuAfter, delivered),
    };
  } finally {
    await endpoints.close();
  }
}
