/**
 * The reconciler: starts the workflows of deliveries that were committed but whose start was
 * never confirmed (the process died between the commit and the start, or Temporal was down).
 * Starting is idempotent, so a delivery started twice by a race still runs once.
 */
import type { Db } from '../db/pool';
import { errorMessage, log } from '../log';
import { unstartedDeliveries } from './repository';
import type { DeliveryStarter } from './starter';

/** Long enough that the ingest path has normally started its own deliveries. */
export const RECONCILE_AFTER_MS = 10_000;

/** One pass; returns how many deliveries it found waiting. */
export async function reconcileOnce(db: Db, starter: DeliveryStarter, olderThanMs = RECONCILE_AFTER_MS): Promise<number> {
  const waiting = await unstartedDeliveries(db, olderThanMs, 500);
  if (waiting.length > 0) {
    const failed = await starter.start(waiting);
    log.info('reconciler started deliveries', { found: waiting.length, failed: failed.length });
  }
  return waiting.length;
}

export function startReconciler(
  db: Db,
  starter: DeliveryStarter,
  { everyMs = 5_000, afterMs = RECONCILE_AFTER_MS }: { everyMs?: number; afterMs?: number } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = reconcileOnce(db, starter, afterMs).catch((error) => log.warn('reconciler pass failed', { error: errorMessage(error) }));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
