/**
 * Replays in PostgreSQL: which past deliveries of an endpoint a replay matches, and the new
 * deliveries it makes for them. A replay matches events, not deliveries: an event accepted in
 * [since, until) whose latest delivery to the endpoint ended in one of the statuses. One new
 * delivery per (replay, event), so running the same replay again makes nothing twice.
 */
import type { Db } from '../db/pool';
import { nextId } from '../ids';
import type { DeliveryToStart } from './starter';
import { deliveryWorkflowId } from './workflow-contract';

export interface ReplayScope {
  replayId: string;
  endpointId: string;
  projectId: string;
  since: string;
  until: string | null;
  statuses: string[];
}

/**
 * Each event's latest delivery to the endpoint ($1), of the events accepted in [$2, $3), after
 * the event id $4 (null: from the start).
 */
const latestDeliveries = `SELECT DISTINCT ON (d.event_id) d.event_id, d.status, ev.event_type
    FROM deliveries d JOIN events ev ON ev.id = d.event_id
   WHERE d.endpoint_id = $1 AND ev.created_at >= $2 AND ($3::timestamptz IS NULL OR ev.created_at < $3)
     AND ($4::text IS NULL OR d.event_id > $4)
   ORDER BY d.event_id, d.id DESC`;

/** How many events a replay of the endpoint would resend now: what "recover" shows before it is confirmed. */
export async function countReplayMatches(db: Db, endpointId: string, since: Date, statuses: string[]): Promise<number> {
  const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM (${latestDeliveries}) latest WHERE status = ANY($5)`, [
    endpointId,
    since,
    null,
    null,
    statuses,
  ]);
  return Number(rows[0]!.count);
}

/** One page of a replay: its deliveries exist afterwards; those not started yet are returned. */
export async function replayPage(
  db: Db,
  scope: ReplayScope,
  endpoint: { url: string; region: string | null },
  after: string | null,
  limit: number,
): Promise<{ matched: number; lastEventId: string | null; toStart: DeliveryToStart[] }> {
  const { rows: events } = await db.query<{ event_id: string; event_type: string }>(
    `SELECT event_id, event_type FROM (${latestDeliveries}) latest WHERE status = ANY($5) ORDER BY event_id LIMIT $6`,
    [scope.endpointId, scope.since, scope.until, after, scope.statuses, limit],
  );
  if (events.length === 0) return { matched: 0, lastEventId: null, toStart: [] };

  const ids = events.map(() => nextId('dlv'));
  await db.query(
    `INSERT INTO deliveries (id, project_id, event_id, endpoint_id, workflow_id, replay_id)
     SELECT id, $2, event_id, $3, workflow_id, $4 FROM unnest($1::text[], $5::text[], $6::text[]) AS t(id, event_id, workflow_id)
     ON CONFLICT (replay_id, event_id) WHERE replay_id IS NOT NULL DO NOTHING`,
    [ids, scope.projectId, scope.endpointId, scope.replayId, events.map((e) => e.event_id), events.map((e, i) => deliveryWorkflowId(e.event_id, scope.endpointId, ids[i]))],
  );
  const { rows: unstarted } = await db.query<{ id: string; event_id: string; workflow_id: string }>(
    `SELECT id, event_id, workflow_id FROM deliveries WHERE replay_id = $1 AND event_id = ANY($2) AND workflow_started_at IS NULL`,
    [scope.replayId, events.map((e) => e.event_id)],
  );
  const typeOf = new Map(events.map((e) => [e.event_id, e.event_type]));
  return {
    matched: events.length,
    lastEventId: events.at(-1)!.event_id,
    toStart: unstarted.map((row) => ({
      deliveryId: row.id,
      eventId: row.event_id,
      endpointId: scope.endpointId,
      projectId: scope.projectId,
      workflowId: row.workflow_id,
      eventType: typeOf.get(row.event_id)!,
      endpointUrl: endpoint.url,
      region: endpoint.region,
    })),
  };
}
