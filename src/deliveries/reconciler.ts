/**
 * The reconciler: starts the workflows of deliveries that are committed but not started. Two
 * kinds: those ingest queued because the start window was full (start-window.ts), started as
 * soon as the window has room, oldest first; and those whose start was lost (the process died
 * between the commit and the start, or Temporal was down), started once they are old enough that
 * ingest is surely not still starting them. Starting is idempotent, so a delivery started twice
 * by a race still runs once.
 *
 * One reconciler works at a time across all worker processes (a transaction-scoped advisory
 * lock): two would each see the same room and start twice as much.
 */
import { runInPasses, type BackgroundLoop } from '../background-loop';
import { withTransaction, type Db } from '../db/pool';
import { errorMessage, log } from '../log';
import { lostStarts, queuedDeliveries } from './repository';
import { countInFlight, roomIn } from './start-window';
import type { DeliveryStarter } from './starter';

/** Long enough that the ingest path has normally started its own deliveries. */
export const RECONCILE_AFTER_MS = 10_000;
/** The most one pass starts; the next pass follows at once when there is more. */
const PASS_LIMIT = 500;
const LOCK_KEY = 0x5377_7964; // any constant shared by every worker: 'Swyd'

export interface ReconcilePass {
  /** Deliveries it started (or tried to). */
  started: number;
  /** Whether it stopped short with more to do: a full pass, or a full window. */
  more: boolean;
}

/**
 * One pass. Lost starts go first and need no room: they were counted in the window from their
 * commit (start-window.ts), so starting them adds nothing to it. Queued ones take what room is left.
 */
export async function reconcileOnce(db: Db, starter: DeliveryStarter, olderThanMs = RECONCILE_AFTER_MS): Promise<ReconcilePass> {
  return withTransaction(db, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const lost = await lostStarts(client, olderThanMs, PASS_LIMIT);
    const room = Math.min(PASS_LIMIT - lost.length, roomIn(await countInFlight(client), starter.window));
    const queued = room > 0 ? await queuedDeliveries(client, room) : [];
    const due = [...lost, ...queued];
    const failed = due.length > 0 ? await starter.start(due) : [];
    if (failed.length > 0) {
      log.warn('reconciler could not start every delivery', { due: due.length, failed: failed.length });
      return { started: due.length, more: false }; // Temporal is failing: wait a full interval
    }
    // More: a full pass of lost starts, a full window, or the room used up by the queue.
    return { started: due.length, more: lost.length === PASS_LIMIT || room <= 0 || queued.length === room };
  });
}

/**
 * Runs passes until stopped: back to back while there is more to start, every `busyMs` while the
 * window is full, every `everyMs` when there is nothing to do (which is also how soon a newly
 * queued delivery is noticed).
 */
export function startReconciler(
  db: Db,
  starter: DeliveryStarter,
  { everyMs = 250, busyMs = 50, afterMs = RECONCILE_AFTER_MS }: { everyMs?: number; busyMs?: number; afterMs?: number } = {},
): BackgroundLoop {
  return runInPasses(
    async () => {
      const pass = await reconcileOnce(db, starter, afterMs);
      if (pass.more) return pass.started > 0 ? 0 : busyMs;
      return everyMs;
    },
    (error) => {
      log.warn('reconciler pass failed', { error: errorMessage(error) });
      return Math.max(everyMs, 1_000);
    },
  );
}
