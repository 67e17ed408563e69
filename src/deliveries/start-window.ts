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
 * So ingest starts its deliveries itself only while the window has room for them and nothing is
 * queued ahead; otherwise it commits them queued (`start_queued`), and the reconciler starts the
 * queue oldest first as room frees up. Queued deliveries are durable like any other: the producer
 * has its 202, and nothing is lost; only the start waits.
 *
 * The queue itself is bounded (DELIVERY_QUEUE_LIMIT): past it, ingest refuses new events with
 * QueueFull (HTTP 503 with Retry-After; a Kafka partition pauses) until the queue drains. An
 * unbounded queue would only turn overload into unbounded latency, and on a shared machine the
 * accepting itself takes CPU from the deliveries (the saturation benchmark once accepted events
 * into the queue over a hundred times faster than it delivered them).
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
  /** Whether deliveries are already queued for the reconciler. */
  queuedAhead: boolean;
}

/** Whether `adding` new deliveries must be queued rather than started now: never overtake the queue. */
export function mustQueue(state: WindowState, adding: number, size: number): boolean {
  if (adding === 0) return false;
  return state.queuedAhead || state.inFlight + adding > size;
}

/** How many more deliveries the reconciler may start now. */
export function roomIn(inFlight: number, size: number): number {
  return Math.max(0, size - inFlight);
}

/** Queued by a full window and not started yet. */
const queued = `workflow_started_at IS NULL AND start_queued AND status <> 'cancelled'`;

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

export async function windowState(db: Queryable): Promise<WindowState> {
  const { rows } = await db.query<WindowState>(
    `SELECT (${inFlightCount}) AS "inFlight",
            EXISTS (SELECT 1 FROM deliveries WHERE ${queued}) AS "queuedAhead"`,
  );
  return rows[0]!;
}

/** Ingest refused: the queue is at its limit. Nothing was written. */
export class QueueFull extends Error {
  constructor() {
    super('The gateway is at capacity: too many deliveries are waiting to start. Nothing was recorded; try again shortly.');
    this.name = 'QueueFull';
  }
}

async function countQueued(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE ${queued}`);
  return rows[0]!.n;
}

/**
 * The queue's length as this process last read it, re-read at most every `maxAgeMs`: counting it
 * on every ingest call would cost more than the calls themselves when it is long.
 */
export function createQueueGauge(db: Queryable, limit: number, maxAgeMs = 500) {
  let queued = 0;
  let readAt = -Infinity;
  let reading: Promise<void> | undefined;
  return {
    async isFull(): Promise<boolean> {
      if (Date.now() - readAt > maxAgeMs) {
        reading ??= countQueued(db)
          .then((n) => {
            queued = n;
            readAt = Date.now();
          })
          .finally(() => (reading = undefined));
        await reading;
      }
      return queued >= limit;
    },
  };
}
