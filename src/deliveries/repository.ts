/** Deliveries and their attempts in PostgreSQL. */
import { customerByRef } from '../customers/ref';
import { withTransaction, type Db, type Queryable } from '../db/pool';
import { storedEventBody, type EventBodyRow, type StoredEventBody } from '../events/repository';
import { newId } from '../ids';
import { queued } from './start-window';
import type { DeliveryToStart } from './starter';

export type DeliveryStatus = 'pending' | 'retrying' | 'held' | 'succeeded' | 'failed' | 'cancelled';

export interface AttemptContext {
  status: DeliveryStatus;
  statusReason: string | null;
  /** Attempts recorded so far. */
  attemptCount: number;
  nextAttemptAt: Date | null;
  eventId: string;
  endpointId: string;
  endpointVersion: number;
  /** When the delivery was accepted (its event's commit). */
  createdAt: Date;
  /** The event's payload, when asked for (`withPayload`) and the event still exists. */
  payload?: StoredEventBody;
}

/**
 * What the activity needs to know before an attempt, in one round-trip: the delivery, its
 * endpoint's version and, unless the caller has it cached, the payload. The first read also
 * marks the delivery begun: it is out of Temporal's queues, and the start window stops counting
 * it (whatever it waits on next, an endpoint's answer or a rate slot, is not the engine's work).
 */
export async function attemptContext(db: Db, deliveryId: string, { withPayload }: { withPayload: boolean }): Promise<AttemptContext | undefined> {
  const { rows } = await db.query<{
    status: DeliveryStatus;
    status_reason: string | null;
    attempt_count: number;
    next_attempt_at: Date | null;
    event_id: string;
    endpoint_id: string;
    version: number;
    created_at: Date;
  } & Partial<EventBodyRow>>(
    `WITH begun AS (UPDATE deliveries SET begun_at = now() WHERE id = $1 AND begun_at IS NULL)
     SELECT d.status, d.status_reason, d.attempt_count, d.next_attempt_at, d.event_id, d.endpoint_id, e.version, d.created_at,
            ev.event_type, ev.body, ev.content_type, ev.forward_headers
       FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id LEFT JOIN events ev ON $2 AND ev.id = d.event_id
      WHERE d.id = $1`,
    [deliveryId, withPayload],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    statusReason: row.status_reason,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    endpointVersion: row.version,
    createdAt: row.created_at,
    payload: row.body ? storedEventBody(row as EventBodyRow) : undefined,
  };
}

export interface AttemptRecord {
  deliveryId: string;
  n: number;
  startedAt: Date;
  durationMs: number;
  requestHeaders: Record<string, string>;
  statusCode: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  errorClass: string | null;
  error: string | null;
}

export interface DeliveryUpdate {
  status: DeliveryStatus;
  reason: string | null;
  nextAttemptAt: Date | null;
  /** 410 Gone: the endpoint is disabled in the same transaction. */
  disableEndpoint?: { endpointId: string; reason: string };
}

/**
 * Records an attempt and the delivery's new state together. Keyed by (delivery, attempt number),
 * so an attempt re-run after a worker crash overwrites its own row: the record converges on what
 * the last run saw.
 */
export async function recordAttempt(db: Db, attempt: AttemptRecord, update: DeliveryUpdate): Promise<void> {
  // One statement, so one round trip and atomic by itself; the endpoint's update matches no row
  // unless a 410 disables it.
  await db.query(
    `WITH attempt AS (
       INSERT INTO attempts (delivery_id, n, started_at, duration_ms, request_headers, status_code, response_headers, response_body, error_class, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (delivery_id, n) DO UPDATE SET started_at = EXCLUDED.started_at, duration_ms = EXCLUDED.duration_ms,
         request_headers = EXCLUDED.request_headers, status_code = EXCLUDED.status_code, response_headers = EXCLUDED.response_headers,
         response_body = EXCLUDED.response_body, error_class = EXCLUDED.error_class, error = EXCLUDED.error
     ), disabled AS (
       UPDATE endpoints SET status = 'disabled', status_reason = $15, version = version + 1, updated_at = now() WHERE id = $14::text
     )
     UPDATE deliveries SET status = $11, status_reason = $12, next_attempt_at = $13, attempt_count = greatest(attempt_count, $2), updated_at = now()
      WHERE id = $1`,
    [
      attempt.deliveryId,
      attempt.n,
      attempt.startedAt,
      attempt.durationMs,
      attempt.requestHeaders,
      attempt.statusCode,
      attempt.responseHeaders,
      attempt.responseBody,
      attempt.errorClass,
      attempt.error,
      update.status,
      update.reason,
      update.nextAttemptAt,
      update.disableEndpoint?.endpointId ?? null,
      update.disableEndpoint?.reason ?? null,
    ],
  );
}

/** Ends a delivery without (another) attempt. A delivery already finished keeps its outcome. */
/** The delivery's project when this call cancelled it; undefined when it had already finished. */
export async function cancelDelivery(db: Db, deliveryId: string, reason: string): Promise<string | undefined> {
  const { rows } = await db.query<{ project_id: string }>(
    `UPDATE deliveries SET status = 'cancelled', status_reason = $2, next_attempt_at = NULL, updated_at = now()
      WHERE id = $1 AND status IN ('pending', 'retrying', 'held') RETURNING project_id`,
    [deliveryId, reason],
  );
  return rows[0]?.project_id;
}

/**
 * Marks a delivery as waiting on its endpoint (paused, circuit open) without spending an attempt.
 * With `whilePaused`, only if the endpoint is still paused, read under a share lock: a resume
 * commits either before (no hold) or after this commit, and then its wake-up finds the delivery.
 */
export async function holdDelivery(
  db: Db,
  hold: { deliveryId: string; endpointId: string; reason: string; until: Date | null; whilePaused: boolean },
): Promise<boolean> {
  return withTransaction(db, async (client) => {
    if (hold.whilePaused) {
      const { rows } = await client.query<{ status: string }>('SELECT status FROM endpoints WHERE id = $1 FOR SHARE', [hold.endpointId]);
      if (rows[0]?.status !== 'paused') return false;
    }
    await client.query(
      `UPDATE deliveries SET status = 'held', status_reason = $2, next_attempt_at = $3, updated_at = now()
        WHERE id = $1 AND status IN ('pending', 'retrying', 'held')`,
      [hold.deliveryId, hold.reason, hold.until],
    );
    return true;
  });
}

/** A page of an endpoint's deliveries in the given unfinished states, in id order. */
export async function unfinishedDeliveries(
  db: Db,
  endpointId: string,
  statuses: ('pending' | 'retrying' | 'held')[],
  limit: number,
  after?: string,
): Promise<{ id: string; workflowId: string }[]> {
  const { rows } = await db.query<{ id: string; workflow_id: string }>(
    `SELECT id, workflow_id FROM deliveries
      WHERE endpoint_id = $1 AND status = ANY($2) AND status IN ('pending', 'retrying', 'held') AND ($3::text IS NULL OR id > $3)
      ORDER BY id LIMIT $4`,
    [endpointId, statuses, after ?? null, limit],
  );
  return rows.map((row) => ({ id: row.id, workflowId: row.workflow_id }));
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  status: DeliveryStatus;
  statusReason: string | null;
  attemptCount: number;
  nextAttemptAt: Date | null;
  workflowId: string;
  createdAt: Date;
  updatedAt: Date;
}

export type AttemptView = Omit<AttemptRecord, 'deliveryId'>;

/** A delivery `d` with its event `ev`'s type. */
const deliveryColumns = 'd.id, d.event_id, ev.event_type, d.endpoint_id, d.status, d.status_reason, d.attempt_count, d.next_attempt_at, d.workflow_id, d.created_at, d.updated_at';
const deliveriesWithType = 'deliveries d JOIN events ev ON ev.id = d.event_id';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  status: DeliveryStatus;
  status_reason: string | null;
  attempt_count: number;
  next_attempt_at: Date | null;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
}

function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    endpointId: row.endpoint_id,
    status: row.status,
    statusReason: row.status_reason,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    workflowId: row.workflow_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findDelivery(db: Db, projectId: string, id: string): Promise<DeliveryView | undefined> {
  const { rows } = await db.query<DeliveryRow>(`SELECT ${deliveryColumns} FROM ${deliveriesWithType} WHERE d.project_id = $1 AND d.id = $2`, [projectId, id]);
  return rows[0] && deliveryView(rows[0]);
}

export async function attemptsOf(db: Db, deliveryId: string): Promise<AttemptView[]> {
  const { rows } = await db.query(
    `SELECT n, started_at, duration_ms, request_headers, status_code, response_headers, response_body, error_class, error
       FROM attempts WHERE delivery_id = $1 ORDER BY n`,
    [deliveryId],
  );
  return rows.map((row) => ({
    n: row.n,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    requestHeaders: row.request_headers,
    statusCode: row.status_code,
    responseHeaders: row.response_headers,
    responseBody: row.response_body,
    errorClass: row.error_class,
    error: row.error,
  }));
}

export interface DeliveryFilters {
  status?: DeliveryStatus;
  endpointId?: string;
  eventId?: string;
  eventType?: string;
  /** Deliveries made in [since, until). */
  since?: Date;
  until?: Date;
  /** A customer's deliveries (to its endpoints, deleted ones included), by its id or uid. */
  customerId?: string;
  /** Deliveries of events whose payload holds this text, as bytes: case-sensitive, any encoding. */
  payloadContains?: string;
}

/** Newest first; `after` is the last id of the previous page. */
export async function listDeliveries(db: Db, projectId: string, filters: DeliveryFilters, limit: number, after?: string): Promise<DeliveryView[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT ${deliveryColumns} FROM ${deliveriesWithType}
      WHERE d.project_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::text IS NULL OR d.endpoint_id = $3)
        AND ($4::text IS NULL OR d.event_id = $4) AND ($5::text IS NULL OR d.id < $5)
        AND ($7::text IS NULL OR d.endpoint_id IN (SELECT id FROM endpoints WHERE project_id = $1 AND customer_id IN (${customerByRef(1, 7)})))
        AND ($8::text IS NULL OR ev.event_type = $8)
        AND ($9::timestamptz IS NULL OR d.created_at >= $9) AND ($10::timestamptz IS NULL OR d.created_at < $10)
        AND ($11::text IS NULL OR position(convert_to($11, 'UTF8') IN ev.body) > 0)
      ORDER BY d.id DESC LIMIT $6`,
    [
      projectId,
      filters.status ?? null,
      filters.endpointId ?? null,
      filters.eventId ?? null,
      after ?? null,
      limit,
      filters.customerId ?? null,
      filters.eventType ?? null,
      filters.since ?? null,
      filters.until ?? null,
      filters.payloadContains ?? null,
    ],
  );
  return rows.map(deliveryView);
}

export interface AttemptBucket {
  start: Date;
  succeeded: number;
  failed: number;
}

/**
 * An endpoint's attempts by hour over the last `hours`, those that got a 2xx and the rest. Read
 * through the deliveries made in that time, which the (endpoint, id) index finds by id alone:
 * ids begin with their creation time. A delivery retried across the window's start is left out.
 */
export async function attemptsByHour(db: Db, endpointId: string, hours: number, now = Date.now()): Promise<AttemptBucket[]> {
  const since = now - hours * 3_600_000;
  const { rows } = await db.query<{ start: Date; succeeded: string; failed: string }>(
    `SELECT date_trunc('hour', a.started_at) AS start,
            count(*) FILTER (WHERE a.status_code BETWEEN 200 AND 299) AS succeeded,
            count(*) FILTER (WHERE a.status_code IS NULL OR a.status_code NOT BETWEEN 200 AND 299) AS failed
       FROM deliveries d JOIN attempts a ON a.delivery_id = d.id
      WHERE d.endpoint_id = $1 AND d.id >= $2 AND a.started_at >= $3
      GROUP BY 1 ORDER BY 1`,
    [endpointId, newId('dlv', since, new Uint8Array(10)), new Date(since)],
  );
  return rows.map((row) => ({ start: row.start, succeeded: Number(row.succeeded), failed: Number(row.failed) }));
}

/** What a start needs of a delivery `d`, its event and its endpoint. */
const toStartColumns = 'd.id, d.project_id, d.event_id, d.endpoint_id, d.workflow_id, ev.event_type, ep.url, ep.region';
const withEventAndEndpoint = 'JOIN events ev ON ev.id = d.event_id JOIN endpoints ep ON ep.id = d.endpoint_id';

/** Deliveries committed long enough ago whose workflow start was never confirmed. */
const unstartedSelect = `SELECT ${toStartColumns} FROM deliveries d ${withEventAndEndpoint}
   WHERE d.workflow_started_at IS NULL AND d.status <> 'cancelled'`;

interface UnstartedRow {
  id: string;
  project_id: string;
  event_id: string;
  endpoint_id: string;
  workflow_id: string;
  event_type: string;
  url: string;
  region: string | null;
}

function toStart(row: UnstartedRow): DeliveryToStart {
  return {
    deliveryId: row.id,
    projectId: row.project_id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    workflowId: row.workflow_id,
    eventType: row.event_type,
    endpointUrl: row.url,
    region: row.region,
  };
}

/**
 * For the reconciler: deliveries a full start window queued, taking turns across projects (each
 * project's oldest, then each one's second oldest, ...), so that one project's backlog does not
 * hold back another's deliveries.
 */
export async function queuedDeliveries(db: Queryable, limit: number): Promise<DeliveryToStart[]> {
  const { rows } = await db.query<UnstartedRow>(
    `WITH turns AS (
       SELECT id, created_at, row_number() OVER (PARTITION BY project_id ORDER BY created_at, id) AS turn
         FROM deliveries WHERE ${queued}
     ), next AS (SELECT id, created_at, turn FROM turns ORDER BY turn, created_at LIMIT $1)
     SELECT ${toStartColumns} FROM next JOIN deliveries d ON d.id = next.id ${withEventAndEndpoint}
      ORDER BY next.turn, next.created_at`,
    [limit],
  );
  return rows.map(toStart);
}

/** For the reconciler: deliveries ingest meant to start itself, committed a while ago, still not started. */
export async function lostStarts(db: Queryable, olderThanMs: number, limit: number): Promise<DeliveryToStart[]> {
  const { rows } = await db.query<UnstartedRow>(
    `${unstartedSelect} AND NOT d.start_queued AND d.created_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY d.created_at LIMIT $2`,
    [olderThanMs, limit],
  );
  return rows.map(toStart);
}

/** For a repeated ingest: the deliveries of these events whose workflow start was never confirmed. */
export async function unstartedDeliveriesOf(db: Queryable, eventIds: string[]): Promise<DeliveryToStart[]> {
  const { rows } = await db.query<UnstartedRow>(`${unstartedSelect} AND d.event_id = ANY($1) ORDER BY d.id`, [eventIds]);
  return rows.map(toStart);
}
