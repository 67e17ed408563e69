/**
 * What the retention sweep costs: `events` delivered events (one delivery and one attempt each,
 * 1 KiB payloads, as the load scenarios leave them) written straight into PostgreSQL with times
 * past the project's retention, then swept by the sweep the workers run (src/retention/). It
 * reports events deleted per second and PostgreSQL's CPU per event deleted, to set beside what an
 * event costs to ingest and deliver: whether time partitioning (dropping a month at once rather
 * than deleting rows) would save enough to pay for what it takes away.
 */
import { newId } from '../../src/ids';
import { sweepOnce } from '../../src/retention/sweeper';
import type { BenchEnvironment } from '../environment';

export interface SweepCost {
  events: number;
  /** Events (with their delivery and attempt) deleted per second of the sweep. */
  perSecond: number;
  /** PostgreSQL's CPU ms (its backends and the postmaster) per event deleted. */
  postgresCpuMsPerEvent: number;
  /** The events table and its indexes before the sweep, MiB. */
  eventsMiBBefore: number;
}

const CHUNK = 2_000;
const DAY = 86_400_000;

export async function retentionSweep(env: BenchEnvironment, events: number, payloadBytes: number): Promise<SweepCost> {
  const created = await fetch(`${env.apiUrl}/v1/endpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/swept', eventTypes: ['swept.only'], description: 'the sweep scenario: never sent to' }),
  });
  if (created.status !== 201) throw new Error(`endpoint creation answered ${created.status}: ${await created.text()}`);
  const endpointId = ((await created.json()) as { id: string }).id;
  const body = Buffer.from(JSON.stringify({ filler: 'x'.repeat(Math.max(0, payloadBytes - 14)) }));
  // 40 days ago, a millisecond apart: past the default retention of 30 days.
  const start = Date.now() - 40 * DAY;
  for (let from = 0; from < events; from += CHUNK) {
    const n = Math.min(CHUNK, events - from);
    const times = Array.from({ length: n }, (_, i) => start + from + i);
    const eventIds = times.map((ms) => newId('evt', ms));
    const deliveryIds = times.map((ms) => newId('dlv', ms));
    const at = times.map((ms) => new Date(ms).toISOString());
    await env.db.query(
      `WITH e AS (
         INSERT INTO events (id, project_id, event_type, body, created_at)
         SELECT id, $1, 'swept.only', $3, at FROM unnest($2::text[], $6::timestamptz[]) AS t(id, at)
       ), d AS (
         INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id, status, attempt_count, workflow_started_at, created_at)
         SELECT did, $1, eid, $4, 'delivery/' || eid || '/' || $4, 'succeeded', 1, at, at FROM unnest($5::text[], $2::text[], $6::timestamptz[]) AS t(did, eid, at)
       )
       INSERT INTO attempts (delivery_id, n, started_at, duration_ms, request_headers, status_code, response_headers, response_body)
       SELECT did, 1, at, 12, '{"content-type": "application/json"}', 204, '{}', '' FROM unnest($5::text[], $6::timestamptz[]) AS t(did, at)`,
      [env.projectId, eventIds, body, endpointId, deliveryIds, at],
    );
  }
  await env.db.query('VACUUM ANALYZE events, deliveries, attempts');
  const { rows: [size] } = await env.db.query<{ bytes: string }>("SELECT pg_total_relation_size('events') AS bytes");
  const remaining = async () => Number((await env.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE project_id = $1 AND event_type = $2', [env.projectId, 'swept.only'])).rows[0]!.n);
  const cpuBefore = env.cpu();
  const began = performance.now();
  // The gateway's own sweep may take some of them too: both are counted, and the time is until none is left.
  while ((await sweepOnce(env.db)).events > 0 || (await remaining()) > 0) {
    /* another pass */
  }
  const seconds = (performance.now() - began) / 1000;
  const cpuAfter = env.cpu();
  return {
    events,
    perSecond: events / seconds,
    postgresCpuMsPerEvent: (cpuAfter.postgres! - cpuBefore.postgres!) / events,
    eventsMiBBefore: Number(size!.bytes) / 2 ** 20,
  };
}
