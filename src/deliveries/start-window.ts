/**
 * The start window: how many delivery workflows may be started and not yet begun (their first
 * attempt's activity has not read the delivery yet: they are still in Temporal's queues).
 * Deliveries that have begun are not counted, whatever they wait on next: an endpoint that hangs
 * until its timeout, or a rate slot, must not shut the window on everyone else's deliveries.
 * Temporal runs only so many workflows a second; starts beyond that do not make
 * deliveries faster, they queue inside the server and take its time from the executions (before
 * the window, the saturation benchmark delivered a small fraction of what ingest started, far
 * below the engine's ceiling; README, Benchmarks).
 *
 * So ingest starts its deliveries itself only while the window has room for them and nothing of
 * its project is queued ahead; otherwise it commits them queued (`start_queued`), and the
 * reconciler starts the queue as room frees up. Queued deliveries are durable like any other: the
 * producer has its 202, and nothing is lost; only the start waits.
 *
 * The queue is fair across projects: the reconciler takes turns, each project's oldest first
 * (repository.ts, queuedDeliveries), so a project that floods waits behind its own backlog, and
 * another project's deliveries start at the next turn.
 *
 * The queue itself is bounded (DELIVERY_QUEUE_LIMIT): past it, ingest refuses new events with
 * QueueFull (HTTP 503 with Retry-After; a Kafka partition pauses) until the queue drains, but
 * only from projects holding their share of it or more (`queueRefuses`), so the project that
 * filled it is refused and the others are not. An unbounded queue would only turn overload into
 * unbounded latency, and on a shared machine the accepting itself takes CPU from the deliveries
 * (the saturation benchmark once accepted events into the queue over a hundred times faster than
 * it delivered them).
 */
import type { Queryable } from '../db/pool';

/**
 * A delivery admitted longer ago than this is no longer counted as in flight: a start lost to a
 * crash, or a workflow an operator terminated before it began, never begins, and must not hold
 * the window shut forever.
 */
export const IN_FLIGHT_HORIZON_MS = 180_000;

export interface WindowState {
  /** Deliveries admitted in the horizon and not begun. */
  inFlight: number;
  /** Whether deliveries of the same project are already queued for the reconciler. */
  queuedAhead: boolean;
}

/** Whether `adding` new deliveries must be queued rather than started now: never overtake the project's own queue. */
export function mustQueue(state: WindowState, adding: number, size: number): boolean {
  if (adding === 0) return false;
  return state.queuedAhead || state.inFlight + adding > size;
}

/** How many more deliveries the reconciler may start now. */
export function roomIn(inFlight: number, size: number): number {
  return Math.max(0, size - inFlight);
}

/** Queued by a full window and not started yet: the predicate of the queue's index (migration 0010). */
export const queued = `workflow_started_at IS NULL AND start_queued AND status <> 'cancelled'`;

/**
 * Admitted and not begun. Ingest's own deliveries count from their commit, before their starts
 * are even sent (it answers the producer first, so its starts may pile up): a queued delivery
 * counts once the reconciler has started it. The predicate is the partial index's (migration
 * 0007), word for word.
 */
const inFlightCount = `SELECT count(*)::int FROM deliveries
  WHERE begun_at IS NULL AND status = 'pending' AND (NOT start_queued OR workflow_started_at IS NOT NULL)
    AND coalesce(workflow_started_at, created_at) > now() - make_interval(secs => ${IN_FLIGHT_HORIZON_MS / 1000})`;

export async function countInFlight(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT (${inFlightCount}) AS n`);
  return rows[0]!.n;
}

/** The window as the project `$1`'s ingest sees it: one row, a WindowState. */
export const windowStateQuery = `SELECT (${inFlightCount}) AS "inFlight",
  EXISTS (SELECT 1 FROM deliveries WHERE ${queued} AND project_id = $1) AS "queuedAhead"`;

export async function windowState(db: Queryable, projectId: string): Promise<WindowState> {
  const { rows } = await db.query<WindowState>(windowStateQuery, [projectId]);
  return rows[0]!;
}

/** Ingest refused: the queue is at its limit. Nothing was written. */
export class QueueFull extends Error {
  constructor() {
    super('The gateway is at capacity: too many deliveries are waiting to start. Nothing was recorded; try again shortly.');
    this.name = 'QueueFull';
  }
}

/** The queue's length, in all and per project with deliveries in it. */
export interface QueueCounts {
  total: number;
  byProject: ReadonlyMap<string, number>;
}

/**
 * Whether a project's new deliveries are refused: only when the queue is at its limit, and only
 * if the project holds at least its share of it (the limit split evenly between the projects
 * queueing, this one included). A project with little or nothing queued is still taken, so the
 * queue may pass its limit by the other projects' shares, never by a flood.
 */
export function queueRefuses(counts: QueueCounts, projectId: string, limit: number): boolean {
  if (counts.total < limit) return false;
  const own = counts.byProject.get(projectId) ?? 0;
  const projects = counts.byProject.size + (own === 0 ? 1 : 0);
  return own >= limit / projects;
}

async function countQueued(db: Queryable): Promise<QueueCounts> {
  const { rows } = await db.query<{ project_id: string; n: number }>(`SELECT project_id, count(*)::int AS n FROM deliveries WHERE ${queued} GROUP BY project_id`);
  return { total: rows.reduce((sum, row) => sum + row.n, 0), byProject: new Map(rows.map((row) => [row.project_id, row.n])) };
}

/**
 * The queue as this process last counted it, re-counted at most every `maxAgeMs`: counting it on
 * every ingest call would cost more than the calls themselves when it is long.
 */
export function createQueueGauge(db: Queryable, limit: number, maxAgeMs = 500) {
  let counts: QueueCounts = { total: 0, byProject: new Map() };
  let readAt = -Infinity;
  let reading: Promise<void> | undefined;
  return {
    async refuses(projectId: string): Promise<boolean> {
      if (Date.now() - readAt > maxAgeMs) {
        reading ??= countQueued(db)
          .then((read) => {
            counts = read;
            readAt = Date.now();
          })
          .finally(() => (reading = undefined));
        await reading;
      }
      return queueRefuses(counts, projectId, limit);
    },
  };
}

/** The start window as it stands, for the metrics: deliveries queued behind it, and in it. */
export async function windowCounts(db: Queryable): Promise<{ queued: number; inFlight: number }> {
  const { rows } = await db.query<{ queued: number; inFlight: number }>(
    `SELECT (SELECT count(*)::int FROM deliveries WHERE ${queued}) AS queued, (${inFlightCount}) AS "inFlight"`,
  );
  return rows[0]!;
}
